package io.nexus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The USL fit on points drawn from known parameters with noise (seeded), and on degenerate sweeps. */
class ScalabilityModelTest {
    private static final List<Integer> THREADS = List.of(1, 2, 4, 8, 16, 24, 32, 48, 64);

    private static List<Double> points(double lambda, double sigma, double kappa, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> x = new ArrayList<>();
        for (int n : THREADS) {
            x.add(lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1)) * (1 + noise * random.nextGaussian()));
        }
        return x;
    }

    /** λ within 10 %, σ within 0.02, κ within 30 %, the peak within 15 %, over 20 noisy sweeps (2 % noise on each point). */
    @Test
    void recoversKnownParametersFromNoisyPoints() {
        for (long seed = 1; seed <= 20; seed++) {
            ScalabilityModel m = ScalabilityModel.fit(THREADS, points(1e6, 0.05, 0.001, 0.02, seed)).orElseThrow();
            assertEquals(1e6, m.lambda(), 1e5, m.describe());
            assertEquals(0.05, m.sigma(), 0.02, m.describe());
            assertEquals(0.001, m.kappa(), 0.0003, m.describe());
            assertEquals(Math.sqrt(0.95 / 0.001), m.peakThreads().orElseThrow(), 0.15 * Math.sqrt(0.95 / 0.001), m.describe());
            assertTrue(m.rSquared() > 0.97, m.describe());
        }
    }

    @Test
    void contentionAloneHasNoPeakInRangeAndLinearScalingHasNeither() {
        ScalabilityModel amdahl = ScalabilityModel.fit(THREADS, points(1e6, 0.1, 0, 0.01, 3)).orElseThrow();
        assertEquals(0.1, amdahl.sigma(), 0.02, amdahl.describe());
        assertTrue(amdahl.peakThreads().isEmpty() || amdahl.peakThreads().get() > 2 * 64, amdahl.describe());
        ScalabilityModel linear = ScalabilityModel.fit(THREADS, points(1e6, 0, 0, 0, 1)).orElseThrow();
        assertEquals(0, linear.sigma(), 1e-6, linear.describe());
        assertEquals(0, linear.kappa(), 1e-9, linear.describe());
        assertEquals(1e6, linear.lambda(), 1, linear.describe());
        assertTrue(linear.describe().contains("linearly"), linear.describe());
    }

    @Test
    void aFlatSweepIsAllContention() {
        List<Double> flat = THREADS.stream().map(n -> 5e6).toList();
        ScalabilityModel m = ScalabilityModel.fit(THREADS, flat).orElseThrow();
        assertEquals(1, m.sigma(), 1e-3, m.describe());
        assertEquals(5e6, m.throughput(128), 5e4, "stays flat past the range");
    }

    @Test
    void tooFewPointsAreNotFittedAndSaySo() {
        assertTrue(ScalabilityModel.fit(List.of(1), List.of(1e6)).isEmpty());
        assertTrue(ScalabilityModel.fit(List.of(1, 2, 4), List.of(1e6, 2e6, 4e6)).isEmpty());
        assertTrue(ScalabilityModel.whyNot(List.of(1, 2, 2, 4), List.of(1e6, 2e6, 2e6, 4e6)).orElseThrow().contains("fewer than 4"));
        assertTrue(ScalabilityModel.whyNot(List.of(1, 2, 4, 8), List.of(1e6, 0.0, 4e6, 8e6)).isPresent());
    }
}
