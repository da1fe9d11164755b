package io.nexus.engine;

/**
 * Where each op of a timed run ended, when a run of ops shares two clock reads. Ops are assumed to take
 * the worker's typical op time, and anything the run took beyond that is put on its <em>first</em> op: a
 * stall inside a run then shows as one slow op (as it was), not smeared over the run, and every later op
 * is placed as late as it can have ended, so response times err long, never short. When the run was
 * quicker than typical, its time is spread evenly. Either way each estimated end lies within the run, so
 * an op's response time is off by at most the run's own time.
 *
 * <p>The typical op time follows the runs (an exponentially weighted mean, each run's per-op time clamped
 * to within 2x of it, so one stall barely moves it and a lasting change is followed within a few dozen
 * runs).
 *
 * <p><b>Thread-safety:</b> none; one instance per worker thread.
 */
final class TimedRun {
    private double typicalNanos;
    private long start;
    private long end;
    private int count;
    private double stepNanos;

    /** @param typicalNanos the op's expected time, ns (&gt; 0) */
    TimedRun(double typicalNanos) {
        this.typicalNanos = Math.max(typicalNanos, 0.1);
    }

    /**
     * Closes a run of {@code count} ops timed from {@code startNanos} to {@code endNanos}.
     *
     * @throws IllegalArgumentException if {@code count} is below 1 (a worker bug: it would poison the typical time)
     */
    void close(long startNanos, long endNanos, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a timed run needs at least one op, got " + count);
        }
        this.start = startNanos;
        this.end = endNanos;
        this.count = count;
        double perOp = (endNanos - startNanos) / (double) count;
        stepNanos = Math.min(typicalNanos, perOp);
        typicalNanos += (Math.clamp(perOp, typicalNanos / 2, typicalNanos * 2) - typicalNanos) / 16;
    }

    /** @return when the last run ended, ns */
    long endNanos() {
        return end;
    }

    /** @return when op {@code i} (0-based) of the last run ended, ns */
    long endOf(int i) {
        return end - (long) ((count - 1 - i) * stepNanos);
    }

    /** @return the service time of the run's first op (which absorbs any excess), ns */
    long firstServiceNanos() {
        return endOf(0) - start;
    }

    /** @return the time {@code ops} ops after the first take, ns: end of op {@code i + ops} less end of op {@code i} */
    long spanOf(int ops) {
        return (long) (ops * stepNanos);
    }

    /** @return the service time of every op after the first, ns */
    long laterServiceNanos() {
        return (long) stepNanos;
    }
}
