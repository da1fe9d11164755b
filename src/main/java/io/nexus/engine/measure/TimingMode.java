package io.nexus.engine.measure;

/**
 * How often a worker reads the clock: around every op, or around a run of ops that then share the run's
 * time. Chosen per run from the clock's measured cost against the op's, or forced by the operator.
 *
 * <p>With runs of {@code R} ops, each op's service time is the run's time / {@code R} (exact in the mean,
 * the spread within a run is not seen) and each op's end is placed evenly within the run, so a response
 * time is off by at most the run's own time: the result states that bound.
 */
public enum TimingMode {
    /** Per op where two clock reads cost at most {@link #TARGET_OVERHEAD} of the op, otherwise per run. */
    AUTO,
    /** Two clock reads around every op: exact, at the clock's cost. */
    PER_OP,
    /** Two clock reads around a run of ops, at least {@link #MIN_FORCED_RUN} of them. */
    PER_RUN,
    /**
     * Runs as {@link #PER_RUN}, with one more clock read after each run's first op: that op's service and
     * response times are exact and stand, with the weight of the whole run, for its ops (as JMH's
     * SampleTime); throughput still counts every op.
     */
    SAMPLED;

    /** Share of an op's time the clock may take before ops are timed in runs: 2 %. */
    public static final double TARGET_OVERHEAD = 0.02;
    /** Longest timed run, ns: the bound on a response time's error stays below this. */
    public static final long MAX_RUN_NANOS = 20_000;
    /** Most ops in one timed run. */
    public static final int MAX_RUN_OPS = 4096;
    /** Fewest ops in a run when {@link #PER_RUN} is forced. */
    public static final int MIN_FORCED_RUN = 16;

    /**
     * @param opCostNanos    measured time of one op, ns (&gt; 0)
     * @param clockCostNanos measured time of one clock read, ns
     * @return how many ops share one pair of clock reads, in [1, {@link #MAX_RUN_OPS}]
     */
    public int opsPerTimedRun(double opCostNanos, double clockCostNanos) {
        double cost = Math.max(opCostNanos, 0.1);
        int byOverhead = (int) Math.min(MAX_RUN_OPS, Math.ceil(2 * clockCostNanos / (TARGET_OVERHEAD * cost)));
        int byBound = Math.clamp((long) (MAX_RUN_NANOS / cost), 1, MAX_RUN_OPS);
        return switch (this) {
            case PER_OP -> 1;
            case AUTO -> Math.clamp(Math.min(byOverhead, byBound), 1, MAX_RUN_OPS);
            case PER_RUN, SAMPLED -> Math.max(2, Math.min(Math.max(byOverhead, MIN_FORCED_RUN), byBound));
        };
    }
}
