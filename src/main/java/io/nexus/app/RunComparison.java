package io.nexus.app;

import io.nexus.bench.Units;
import io.nexus.engine.measure.Sample;
import io.nexus.store.StoredRun;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Runs set side by side against the first, metric by metric (throughput, p50, p99, p99.9, max, errors),
 * each change with a 95 % confidence interval and a verdict. The interval of a change comes from the two
 * runs' standard errors, estimated by {@link CorrelatedMean} over their per-interval figures (so correlated
 * intervals do not shrink it), combined for the ratio of the two and scaled by Student's t; a change is
 * better or worse only when its interval excludes zero. The max and the errors have no per-interval
 * estimate: their verdict is "no estimate" unless they are equal. Runs of different workloads or sizes are
 * refused unless asked (their figures do not measure the same thing); different hosts, modes or thread
 * counts are compared with a warning. Immutable.
 *
 * @param runs     the runs, the baseline first
 * @param rows     one row per run, the baseline's first
 * @param warnings what makes the runs less comparable, in words
 */
public record RunComparison(List<StoredRun> runs, List<Row> rows, List<String> warnings) {
    /** What is compared, and which way is better. */
    public enum Metric {
        THROUGHPUT("ops/s", true, StoredRun::opsPerSecond, Sample::opsPerSecond),
        P50("p50", false, r -> r.response().p50(), s -> s.latency().p50()),
        P99("p99", false, r -> r.response().p99(), s -> s.latency().p99()),
        P999("p99.9", false, r -> r.response().p999(), s -> s.latency().p999()),
        MAX("max", false, r -> r.response().max(), null),
        ERRORS("errors", false, StoredRun::errors, null);

        private final String label;
        private final boolean higherIsBetter;
        private final ToDoubleFunction<StoredRun> value;
        private final ToDoubleFunction<Sample> perInterval;

        Metric(String label, boolean higherIsBetter, ToDoubleFunction<StoredRun> value, ToDoubleFunction<Sample> perInterval) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
            this.value = value;
            this.perInterval = perInterval;
        }

        /** @return the column's name */
        public String label() {
            return label;
        }

        /** @return the run's figure: ops/s, ns, or a count */
        public double of(StoredRun run) {
            return value.applyAsDouble(run);
        }

        /** @return {@code value}, a figure of this metric, in words: {@code 12.3M}, {@code 1.25 µs}, {@code 1,024} */
        public String format(double value) {
            return switch (this) {
                case THROUGHPUT -> Units.rate(value);
                case ERRORS -> String.format(java.util.Locale.ROOT, "%,.0f", value);
                default -> Units.nanos(value);
            };
        }
    }

    /** A change's verdict. */
    public enum Verdict {
        BASELINE("baseline"), BETTER("better"), WORSE("worse"), WITHIN_NOISE("within noise"), NO_ESTIMATE("no estimate");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** @return the verdict in words */
        public String words() {
            return words;
        }
    }

    /**
     * One metric of one run against the baseline.
     *
     * @param value  the run's figure
     * @param change relative change against the baseline (-0.2 = 20 % lower); 0 for the baseline
     * @param low    the 95 % interval's lower end of the change, NaN without an estimate
     * @param high   its upper end, NaN without an estimate
     */
    public record Cell(Metric metric, double value, double change, double low, double high, Verdict verdict) {
        /**
         * @return whether this change is a regression beyond {@code threshold} (0.05 = 5 %): worse, with the whole
         *     95 % interval past the threshold (so noise alone does not carry a change over it)
         */
        public boolean regressedBeyond(double threshold) {
            return verdict == Verdict.WORSE && Math.min(Math.abs(low), Math.abs(high)) > threshold;
        }
    }

    /** One run: a cell per metric. */
    public record Row(StoredRun run, Map<Metric, Cell> cells) {
        public Row {
            cells = Map.copyOf(cells);
        }

        /** @return the cell of {@code metric} */
        public Cell cell(Metric metric) {
            return cells.get(metric);
        }
    }

    public RunComparison {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param runs           at least two runs, the baseline first
     * @param acceptMismatch whether runs of different workloads or sizes may be compared (with a warning)
     * @throws IllegalArgumentException with fewer than two runs, or runs that measure different things
     */
    public static RunComparison of(List<StoredRun> runs, boolean acceptMismatch) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two runs, got " + runs.size());
        }
        StoredRun base = runs.getFirst();
        List<String> warnings = new ArrayList<>();
        for (StoredRun r : runs.subList(1, runs.size())) {
            String id = r.id().substring(0, 8);
            if (!r.workload().equals(base.workload()) || r.size() != base.size()) {
                String what = id + " is " + r.workload() + " size " + r.size() + ", the baseline " + base.workload() + " size " + base.size();
                if (!acceptMismatch) {
                    throw new IllegalArgumentException(what + ": they measure different things (--force compares them anyway)");
                }
                warnings.add(what + ": different work, the changes are not a speed-up or a slow-down");
            }
            if (!Objects.equals(r.host(), base.host())) {
                warnings.add(id + " ran on " + r.host() + ", the baseline on " + base.host() + ": the machines differ");
            }
            if (!r.mode().equals(base.mode()) || r.threads() != base.threads()) {
                warnings.add(id + " is " + r.mode() + " x" + r.threads() + ", the baseline " + base.mode() + " x" + base.threads());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (StoredRun r : runs) {
            Map<Metric, Cell> cells = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                cells.put(m, r == base ? new Cell(m, m.of(r), 0, 0, 0, Verdict.BASELINE) : cell(m, base, r));
            }
            rows.add(new Row(r, cells));
        }
        return new RunComparison(runs, rows, warnings);
    }

    private static Cell cell(Metric m, StoredRun base, StoredRun run) {
        double b = m.of(base);
        double v = m.of(run);
        double change = b == 0 ? (v == 0 ? 0 : Double.POSITIVE_INFINITY) : v / b - 1;
        if (v == b) {
            return new Cell(m, v, 0, 0, 0, Verdict.WITHIN_NOISE);
        }
        if (m.perInterval == null || b == 0 || run.samples().size() < CorrelatedMean.MIN_INTERVALS
                || base.samples().size() < CorrelatedMean.MIN_INTERVALS) {
            return new Cell(m, v, change, Double.NaN, Double.NaN, Verdict.NO_ESTIMATE);
        }
        CorrelatedMean eb = CorrelatedMean.of(series(base, m));
        CorrelatedMean ev = CorrelatedMean.of(series(run, m));
        double half = CorrelatedMean.t95(eb.effectiveIntervals() + ev.effectiveIntervals() - 2) * (1 + change)
                * Math.hypot(eb.relativeError(), ev.relativeError());
        double low = change - half;
        double high = change + half;
        Verdict verdict = low <= 0 && high >= 0 ? Verdict.WITHIN_NOISE : (change > 0) == m.higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
        return new Cell(m, v, change, low, high, verdict);
    }

    private static double[] series(StoredRun run, Metric m) {
        return run.samples().stream().mapToDouble(m.perInterval).toArray();
    }

    /** @return a line saying how the verdicts were reached, for the table's foot */
    public static String method() {
        return "changes against the first run with 95 % confidence intervals from the per-interval figures, their"
                + " autocorrelation taken into account; 'within noise' when the interval includes 0";
    }
}
