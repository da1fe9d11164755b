package io.nexus.engine;

import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.Workload;
import org.HdrHistogram.Histogram;

/**
 * The simplest honest constant-rate measurement there is, to judge the engine's own latency by: one
 * thread spins to each op's due time, runs the kernel, and records the time from the due time to now.
 * No dispatcher, no pacing logic, no batching: what it reports is the kernel plus this machine's clock and
 * scheduling. Runs on the calling thread; stateless.
 */
public final class ReferenceLoop {
    private ReferenceLoop() {
    }

    /**
     * What the loop measured. Immutable.
     *
     * @param response response times from each op's due time, ns; failed ops are not recorded
     * @param achieved ops/s completed over the time they took, as a fraction of the rate asked: below 1 when
     *                 the loop itself could not keep up (its clock reads and records cost more than the gap)
     */
    public record Result(Histogram response, double achieved) {
    }

    /**
     * Runs {@code workload} at {@code rate} ops/s for {@code durationNanos} after {@code warmupNanos} of the
     * same loop unrecorded.
     */
    public static Result measure(Workload workload, int size, double rate, long warmupNanos, long durationNanos) throws Exception {
        try (FixedBlockPool pool = new FixedBlockPool(Math.max(64, workload.blockBytes(size)), Math.max(1, workload.blocksNeeded(size)));
             Kernel kernel = workload.newKernel(size, pool, 1)) {
            run(kernel, rate, warmupNanos, IntervalRecorder.newHistogram());
            Histogram response = IntervalRecorder.newHistogram();
            double achieved = run(kernel, rate, durationNanos, response);
            return new Result(response, achieved);
        }
    }

    /** @return the ops run per second of their span, over the rate */
    private static double run(Kernel kernel, double rate, long durationNanos, Histogram into) {
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        long ops = Math.max(1, (long) Math.ceil(durationNanos / interval));
        for (long i = 0; i < ops; i++) {
            long due = start + (long) (i * interval);
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            try {
                kernel.execute();
            } catch (Exception e) {
                continue;
            }
            into.recordValue(Math.clamp(System.nanoTime() - due, 1, IntervalRecorder.HIGHEST_TRACKABLE_NANOS));
        }
        double span = Math.max(System.nanoTime() - start, ops * interval);
        return ops * 1e9 / span / rate;
    }
}
