package io.nexus.engine;

/**
 * One self-paced worker's share of a phase (warm-up, or measurement from its start), the wrk2 model: of {@code N}
 * workers, worker {@code w} owns ops {@code k·N + w} of the run's schedule, op {@code i} of the run being due at
 * {@code start + i / rate}. In a closed loop nothing is due at a time; the share is the quota, until the deadline.
 *
 * <p>Times are {@link System#nanoTime()} readings. Immutable.
 */
final class WorkerSchedule {
    private final int workers;
    private final int index;
    private final long start;
    private final double interval;
    private final long limit;
    private final long deadline;
    private final long giveUpAt;

    /**
     * @param plan    the run's load
     * @param workers workers sharing the schedule
     * @param index   this worker's place among them, in [0, workers)
     * @param start   when the phase started
     * @param quota   ops this worker runs at most in the phase (e.g. the plan's ops per worker); 0: no limit
     * @param phased  whether the phase is measurement (ends at the plan's duration); warm-up has no deadline
     */
    WorkerSchedule(LoadPlan plan, int workers, int index, long start, long quota, boolean phased) {
        this.workers = workers;
        this.index = index;
        this.start = start;
        this.interval = plan.isConstantRate() ? 1e9 / plan.targetRate() : 0;
        boolean timed = phased && !plan.duration().isZero();
        this.deadline = timed ? start + plan.duration().toNanos() : Long.MAX_VALUE;
        this.giveUpAt = timed ? deadline + Math.max(plan.duration().toNanos(), 1_000_000_000L) : Long.MAX_VALUE;
        long cap = quota > 0 ? quota : Long.MAX_VALUE;
        if (interval == 0 || !timed) {
            this.limit = cap;
        } else {
            double slots = plan.duration().toNanos() / interval - index;
            this.limit = Math.min(cap, slots <= 0 ? 0 : (long) Math.ceil(slots / workers));
        }
    }

    /** @return how many of ops {@code 0..total-1}, dealt out in turn to {@code workers} workers, go to worker {@code index} */
    static long shareOf(long total, int workers, int index) {
        return total <= index ? 0 : (total - index + workers - 1) / workers;
    }

    /** @return when the phase started */
    long start() {
        return start;
    }

    /** @return whether ops are due at times (a constant rate) rather than as soon as a slot frees */
    boolean constantRate() {
        return interval > 0;
    }

    /** @return this worker's ops in the phase: at a constant rate those due before the deadline; at most the quota */
    long limit() {
        return limit;
    }

    /** @return when the phase's time is over; {@link Long#MAX_VALUE} if it has none */
    long deadline() {
        return deadline;
    }

    /**
     * @return when a constant-rate worker still behind stops and counts the rest as unfinished: {@code max(D, 1 s)}
     *     after the deadline; {@link Long#MAX_VALUE} if the phase has none
     */
    long giveUpAt() {
        return giveUpAt;
    }

    /** @return when this worker's op {@code j} of the phase is due (constant rate) */
    long dueAt(long j) {
        return start + (long) ((j * workers + index) * interval);
    }

    /**
     * @return how many of this worker's ops are due by {@code now} (constant rate), by the floating-point schedule; at
     *     least one more than {@code j} when op {@code j} is due, as the count may round a due op away
     */
    long dueBy(long now, long j) {
        long due = (long) (((now - start) / interval - index) / workers) + 1;
        return Math.max(due, j + 1);
    }
}
