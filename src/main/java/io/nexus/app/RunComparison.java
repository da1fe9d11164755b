package io.nexus.app;

import io.nexus.engine.measure.Sample;
import io.nexus.store.StoredRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs set side by side against the first: throughput and p99 deltas, and whether each delta stands out
 * of the run-to-run noise. The noise of a run is the spread of its per-interval figures (coefficient of
 * variation over its samples); a delta counts as real only when it exceeds twice the two runs' combined
 * spread. Immutable.
 *
 * @param runs the runs, the baseline first
 * @param rows one row per run
 */
public record RunComparison(List<StoredRun> runs, List<Row> rows) {
    /**
     * One run against the baseline.
     *
     * @param throughputDelta relative change of ops/s against the baseline (0.05 = +5 %)
     * @param p99Delta        relative change of p99 against the baseline
     * @param throughputNoise combined spread of ops/s of this run and the baseline
     * @param p99Noise        combined spread of interval p99 of this run and the baseline
     */
    public record Row(StoredRun run, double throughputDelta, double p99Delta, double throughputNoise, double p99Noise) {
        /** @return whether the throughput change is larger than twice the noise */
        public boolean throughputChanged() {
            return Math.abs(throughputDelta) > 2 * throughputNoise;
        }

        /** @return whether the p99 change is larger than twice the noise */
        public boolean p99Changed() {
            return Math.abs(p99Delta) > 2 * p99Noise;
        }
    }

    /** @return the comparison of {@code runs} (at least two) against the first */
    public static RunComparison of(List<StoredRun> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two runs, got " + runs.size());
        }
        StoredRun base = runs.getFirst();
        List<Row> rows = new ArrayList<>();
        for (StoredRun r : runs) {
            rows.add(new Row(r, relative(r.opsPerSecond(), base.opsPerSecond()), relative(r.response().p99(), base.response().p99()),
                    Math.hypot(spread(r, true), spread(base, true)), Math.hypot(spread(r, false), spread(base, false))));
        }
        return new RunComparison(List.copyOf(runs), rows);
    }

    private static double relative(double value, double base) {
        return base == 0 ? 0 : (value - base) / base;
    }

    /** @return the coefficient of variation of the run's per-interval throughput or p99 */
    static double spread(StoredRun run, boolean throughput) {
        List<Sample> samples = run.samples();
        if (samples.size() < 2) {
            return 0;
        }
        double sum = 0;
        double sumSq = 0;
        for (Sample s : samples) {
            double v = throughput ? s.opsPerSecond() : s.latency().p99();
            sum += v;
            sumSq += v * v;
        }
        int n = samples.size();
        double mean = sum / n;
        double variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
        return mean == 0 ? 0 : Math.sqrt(variance) / mean;
    }
}
