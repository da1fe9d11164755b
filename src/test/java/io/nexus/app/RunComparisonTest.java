package io.nexus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import io.nexus.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The comparison's statistic on runs whose per-interval figures are drawn from known processes: the unit
 * under test is the statistic, so the runs are generated (seeded) rather than measured.
 */
class RunComparisonTest {
    /** @return a run of {@code n} intervals of throughput mean x (1 + AR(1) noise of the given spread and correlation) */
    private static StoredRun run(String id, String workload, double mean, double spread, double correlation, int n, SplittableRandom random) {
        List<Sample> samples = new ArrayList<>();
        double noise = random.nextGaussian() * spread; // stationary from the first interval
        double total = 0;
        for (int i = 0; i < n; i++) {
            noise = correlation * noise + Math.sqrt(1 - correlation * correlation) * random.nextGaussian() * spread;
            double rate = mean * (1 + noise);
            long p99 = Math.round(1e12 / rate); // latency moves against throughput
            total += rate;
            samples.add(new Sample((i + 1) * 1_000_000_000L, 1_000_000_000L, Math.round(rate), rate,
                    new LatencySummary(Math.round(rate), p99 / 4.0, p99 / 4, p99 / 2, p99, p99 * 2, p99 * 3, p99 * 4), 0, 0, 0, -1, 0, 0, java.util.Map.of()));
        }
        double opsPerSecond = total / n;
        long p99 = Math.round(1e12 / opsPerSecond);
        return new StoredRun(id + "-0000-0000-0000-000000000000", Instant.EPOCH, "host", workload, "rate", 1, 64, 1, 1, "default", "COMPLETED",
                null, n * 1_000_000_000L, Math.round(total), 0, opsPerSecond,
                new LatencySummary(Math.round(total), p99 / 4.0, p99 / 4, p99 / 2, p99, p99 * 2, p99 * 3, p99 * 4), LatencySummary.EMPTY, "{}",
                samples, new byte[0], new byte[0]);
    }

    private static RunComparison.Cell throughput(StoredRun base, StoredRun other) {
        return RunComparison.of(List.of(base, other), false).rows().get(1).cell(RunComparison.Metric.THROUGHPUT);
    }

    /**
     * Two runs of one process whose intervals are correlated (AR(1), 0.7): a change is claimed in about 5 %
     * of pairs, as a 95 % interval promises (simulated: 6-8 %). Treating the intervals as independent
     * (s / sqrt(n)) claims one in about 39 % of pairs.
     */
    @Test
    void sameProcessIsCalledAChangeAboutFivePercentOfTheTimeDespiteCorrelatedIntervals() {
        SplittableRandom random = new SplittableRandom(42);
        int claimed = 0;
        int pairs = 300;
        for (int i = 0; i < pairs; i++) {
            StoredRun a = run("aaaaaaaa", "xor", 1e6, 0.05, 0.7, 120, random);
            StoredRun b = run("bbbbbbbb", "xor", 1e6, 0.05, 0.7, 120, random);
            if (throughput(a, b).verdict() != RunComparison.Verdict.WITHIN_NOISE) {
                claimed++;
            }
        }
        assertTrue(claimed <= pairs * 0.12, claimed + " of " + pairs + " identical pairs called a change");
    }

    /** Over 100 seeded pairs (3 % noise, correlation 0.5, 30 intervals): a 20 % drop is always worse and fails the 5 % gate; 1 % never fails it. */
    @Test
    void aTwentyPercentRegressionFailsTheGateAndAOnePercentChangeDoesNot() {
        SplittableRandom random = new SplittableRandom(7);
        RegressionGate gate = new RegressionGate(0.05);
        int smallWithinNoise = 0;
        for (int i = 0; i < 100; i++) {
            StoredRun base = run("aaaaaaaa", "xor", 1e6, 0.03, 0.5, 30, random);
            RunComparison regression = RunComparison.of(List.of(base, run("bbbbbbbb", "xor", 0.8e6, 0.03, 0.5, 30, random)), false);
            RunComparison.Cell drop = regression.rows().get(1).cell(RunComparison.Metric.THROUGHPUT);
            assertEquals(RunComparison.Verdict.WORSE, drop.verdict(), drop.toString());
            assertTrue(drop.low() < -0.1 && drop.high() < 0, drop.toString());
            assertEquals(RunComparison.Verdict.WORSE, regression.rows().get(1).cell(RunComparison.Metric.P99).verdict(), "a higher p99 is worse");
            assertEquals(2, gate.regressions(regression).size(), "throughput and p99 both fail the gate");
            RunComparison small = RunComparison.of(List.of(base, run("cccccccc", "xor", 0.99e6, 0.03, 0.5, 30, random)), false);
            assertEquals(List.of(), gate.regressions(small), "1 % is below the gate's 5 %");
            if (small.rows().get(1).cell(RunComparison.Metric.THROUGHPUT).verdict() == RunComparison.Verdict.WITHIN_NOISE) {
                smallWithinNoise++;
            }
        }
        assertTrue(smallWithinNoise >= 70, "1 % in 3 % noise is mostly within noise: " + smallWithinNoise + " of 100");
    }

    @Test
    void tooFewIntervalsGiveNoEstimateRatherThanAVerdict() {
        SplittableRandom random = new SplittableRandom(1);
        RunComparison.Cell c = throughput(run("aaaaaaaa", "xor", 1e6, 0.03, 0, 5, random), run("bbbbbbbb", "xor", 0.5e6, 0.03, 0, 5, random));
        assertEquals(RunComparison.Verdict.NO_ESTIMATE, c.verdict());
        assertTrue(Double.isNaN(c.low()));
    }

    @Test
    void runsOfDifferentWorkloadsAreRefusedUnlessForcedAndThenWarned() {
        SplittableRandom random = new SplittableRandom(3);
        List<StoredRun> runs = List.of(run("aaaaaaaa", "xor", 1e6, 0.03, 0, 10, random), run("bbbbbbbb", "matrix", 100, 0.03, 0, 10, random));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunComparison.of(runs, false));
        assertTrue(e.getMessage().contains("measure different things"), e.getMessage());
        assertTrue(RunComparison.of(runs, true).warnings().getFirst().contains("different work"));
    }

    @Test
    void theGateParsesItsThresholdAndRefusesNonsense() {
        assertEquals(0.05, RegressionGate.parse("worse-than=5%").threshold(), 1e-12);
        assertEquals(0.1, RegressionGate.parse("worse-than=0.1").threshold(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RegressionGate.parse("better-than=5%"));
        assertThrows(IllegalArgumentException.class, () -> RegressionGate.parse("worse-than=150%"));
    }
}
