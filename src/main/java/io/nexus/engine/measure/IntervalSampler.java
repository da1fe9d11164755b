package io.nexus.engine.measure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Turns the workers' recorders into one {@link Sample} per interval and accumulates the run's totals.
 * Interval histograms of all workers are merged before any percentile is read, so every percentile is
 * exact to the histograms' precision; nothing is averaged.
 *
 * <p><b>Thread-safety:</b> confined to one thread, the run's sampler (the reader of every recorder).
 */
public final class IntervalSampler {
    /** Longest a sample waits for a worker to swap buffers: 20 ms; a worker inside a longer op reports next time. */
    public static final long SWAP_WAIT_NANOS = 20_000_000L;

    private final List<IntervalRecorder> recorders;
    private final long[] requests;
    private final JvmProbe jvm = new JvmProbe();
    private final Histogram intervalResponse = IntervalRecorder.newHistogram();
    private final Histogram intervalService = IntervalRecorder.newHistogram();
    private final Histogram totalResponse = IntervalRecorder.newHistogram();
    private final Histogram totalService = IntervalRecorder.newHistogram();
    private long startNanos;
    private long lastNanos;
    private long lastCpuNanos;
    private long lastGcMillis;
    /** Workers that did not swap in time for the last sample: their records wait for the next one. */
    private int late;
    private final Supplier<Map<String, Long>> outcomes;
    private Map<String, Long> lastOutcomes = Map.of();

    /**
     * @param recorders one per worker
     * @param outcomes  the workload's counts of outcomes by kind so far (read once per sample; may be empty)
     */
    public IntervalSampler(List<IntervalRecorder> recorders, Supplier<Map<String, Long>> outcomes) {
        this.recorders = List.copyOf(recorders);
        this.requests = new long[recorders.size()];
        this.outcomes = outcomes;
    }

    /**
     * Starts measurement at {@code startNanos}; clears the totals. Each worker discards what warm-up left in its buffer
     * as it enters measurement, before the first measured sample asks it to swap.
     */
    public void begin(long startNanos) {
        totalResponse.reset();
        totalService.reset();
        this.startNanos = startNanos;
        lastNanos = startNanos;
        lastCpuNanos = jvm.processCpuNanos();
        lastGcMillis = jvm.gcMillis();
        lastOutcomes = outcomes.get();
    }

    /**
     * Closes the interval that ends at {@code nowNanos}: asks every running worker to swap, then waits for
     * them together (at most {@link #SWAP_WAIT_NANOS}); a worker inside a longer op reports next time.
     *
     * @param queueDepth ops waiting now over all workers
     * @param ended      whether worker {@code i}'s thread has ended (and so was seen to end): then what it left
     *                   is read without asking it
     * @return the interval's sample; its op count is the ops recorded in it, failed ones included
     */
    public Sample sample(long nowNanos, long queueDepth, IntPredicate ended) {
        late = 0;
        intervalResponse.reset();
        intervalService.reset();
        for (int i = 0; i < requests.length; i++) {
            requests[i] = ended.test(i) ? -1 : recorders.get(i).requestSwap();
        }
        long deadline = System.nanoTime() + SWAP_WAIT_NANOS;
        long errors = 0;
        for (int i = 0; i < requests.length; i++) {
            IntervalRecorder recorder = recorders.get(i);
            long drained = requests[i] < 0 ? recorder.drainRemaining(intervalResponse, intervalService)
                    : recorder.drainSwapped(requests[i], intervalResponse, intervalService, deadline);
            if (drained < 0) {
                late++;
            } else {
                errors += drained;
            }
        }
        totalResponse.add(intervalResponse);
        totalService.add(intervalService);
        long interval = Math.max(1, nowNanos - lastNanos);
        long ops = intervalResponse.getTotalCount() + errors;
        long cpu = jvm.processCpuNanos();
        long gc = jvm.gcMillis();
        Sample sample = new Sample(nowNanos - startNanos, interval, ops, ops * 1e9 / interval,
                LatencySummary.of(intervalResponse), intervalService.getValueAtPercentile(99),
                errors, queueDepth, jvm.cpuFraction(lastCpuNanos, cpu, interval),
                jvm.heapUsedBytes(), gc - lastGcMillis, outcomesSinceLast());
        lastNanos = nowNanos;
        lastCpuNanos = cpu;
        lastGcMillis = gc;
        return sample;
    }

    /**
     * Samples warm-up as {@link #sample} samples measurement, and drops the sample: the workers swap their buffers
     * and this code runs while warm-up runs, so the JIT has compiled both before measurement starts (otherwise the
     * first measured samples run this code interpreted and the JIT compiles it then, on the CPUs the workload uses).
     * Call {@link #begin} after the last one.
     *
     * @return whether every worker swapped in time: then none has warm-up records waiting for a later sample
     */
    public boolean sampleWarmUp(long nowNanos, IntPredicate ended) {
        sample(nowNanos, 0, ended);
        return late == 0;
    }

    /** @return each kind's count since the last sample (counted when the op ended, so a sample may lag its ops by one) */
    private Map<String, Long> outcomesSinceLast() {
        Map<String, Long> now = outcomes.get();
        Map<String, Long> delta = new LinkedHashMap<>();
        now.forEach((kind, count) -> delta.put(kind, count - lastOutcomes.getOrDefault(kind, 0L)));
        lastOutcomes = now;
        return delta;
    }

    /** @return the end of the last interval sampled, or the start */
    public long lastSampleNanos() {
        return lastNanos;
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
