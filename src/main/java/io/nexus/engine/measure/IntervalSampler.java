package io.nexus.engine.measure;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the workers' recorders into one {@link Sample} per interval and accumulates the run's totals.
 * Interval histograms of all workers are merged before any percentile is read, so every percentile is
 * exact to the histograms' precision; nothing is averaged.
 *
 * <p><b>Thread-safety:</b> confined to one thread, the run's sampler.
 */
public final class IntervalSampler {
    private final List<WorkerRecorder> recorders;
    private final JvmProbe jvm = new JvmProbe();
    private final Histogram intervalResponse = WorkerRecorder.newHistogram();
    private final Histogram intervalService = WorkerRecorder.newHistogram();
    private final Histogram totalResponse = WorkerRecorder.newHistogram();
    private final Histogram totalService = WorkerRecorder.newHistogram();
    private long startNanos;
    private long lastNanos;
    private long lastErrors;
    private long lastCpuNanos;
    private long lastGcMillis;

    /** @param recorders one per worker */
    public IntervalSampler(List<WorkerRecorder> recorders) {
        this.recorders = List.copyOf(recorders);
    }

    /**
     * Starts measurement at {@code startNanos}, the boundary after which ops are recorded (warm-up ops
     * are never recorded, so nothing needs discarding here). Clears the totals.
     *
     * @param errors errors counted so far over all workers
     */
    public void begin(long startNanos, long errors) {
        totalResponse.reset();
        totalService.reset();
        this.startNanos = startNanos;
        lastNanos = startNanos;
        lastErrors = errors;
        lastCpuNanos = jvm.processCpuNanos();
        lastGcMillis = jvm.gcMillis();
    }

    /**
     * Closes the interval that ends at {@code nowNanos}.
     *
     * @param errors     errors counted so far over all workers
     * @param queueDepth ops in flight now over all workers
     * @return the interval's sample; its op count is the ops recorded in it, failed ones included
     */
    public Sample sample(long nowNanos, long errors, long queueDepth) {
        drain();
        totalResponse.add(intervalResponse);
        totalService.add(intervalService);
        long interval = Math.max(1, nowNanos - lastNanos);
        long ops = intervalResponse.getTotalCount() + errors - lastErrors;
        long cpu = jvm.processCpuNanos();
        long gc = jvm.gcMillis();
        Sample sample = new Sample(nowNanos - startNanos, interval, ops, ops * 1e9 / interval,
                LatencySummary.of(intervalResponse), intervalService.getValueAtPercentile(99),
                errors - lastErrors, queueDepth, jvm.cpuFraction(lastCpuNanos, cpu, interval),
                jvm.heapUsedBytes(), gc - lastGcMillis);
        lastNanos = nowNanos;
        lastErrors = errors;
        lastCpuNanos = cpu;
        lastGcMillis = gc;
        return sample;
    }

    private void drain() {
        intervalResponse.reset();
        intervalService.reset();
        for (WorkerRecorder recorder : recorders) {
            recorder.drainInto(intervalResponse, intervalService);
        }
    }

    /** @return a copy of all response times measured since {@link #begin}, ns */
    public Histogram totalResponse() {
        return totalResponse.copy();
    }

    /** @return a copy of all service times measured since {@link #begin}, ns */
    public Histogram totalService() {
        return totalService.copy();
    }
}
