package io.nexus.engine.measure;

import io.nexus.engine.memory.PaddedCounter;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One worker's latency recorders: the response time of each op (from its intended start, so queue wait
 * is included and coordinated omission is not) and its service time (the kernel alone), both in
 * nanoseconds, plus an error count.
 *
 * <p><b>Thread-safety:</b> exactly one thread (the worker) calls the {@code record*} methods, which are
 * wait-free and allocation-free; any one other thread (the sampler) calls {@link #drainInto}. Values
 * above {@link #HIGHEST_TRACKABLE_NANOS} are clamped to it, so recording never resizes a histogram.
 */
public final class WorkerRecorder {
    /** Highest latency kept exactly: one hour, in nanoseconds. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Decimal digits of precision kept for every value. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder response = newRecorder();
    private final SingleWriterRecorder service = newRecorder();
    private final PaddedCounter errors = new PaddedCounter();
    private Histogram recycledResponse;
    private Histogram recycledService;

    /** @return a histogram with the range and precision every recorder uses */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Records one completed op. Worker thread only.
     *
     * @param responseNanos time from the op's intended start to its completion
     * @param serviceNanos  time the kernel took
     */
    public void recordOp(long responseNanos, long serviceNanos) {
        response.recordValue(clamp(responseNanos));
        service.recordValue(clamp(serviceNanos));
    }

    /** Counts one failed op. Worker thread only. */
    public void recordError() {
        errors.addSingleWriter(1);
    }

    /** @return errors recorded since the worker started */
    public long errorCount() {
        return errors.getAcquire();
    }

    /**
     * Moves everything recorded since the last call into the given histograms. Sampler thread only.
     *
     * @param responseOut receives the interval's response times
     * @param serviceOut  receives the interval's service times
     */
    public void drainInto(Histogram responseOut, Histogram serviceOut) {
        recycledResponse = response.getIntervalHistogram(recycledResponse);
        recycledService = service.getIntervalHistogram(recycledService);
        responseOut.add(recycledResponse);
        serviceOut.add(recycledService);
    }

    private static long clamp(long nanos) {
        return Math.clamp(nanos, 1, HIGHEST_TRACKABLE_NANOS);
    }
}
