package io.nexus.engine.measure;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One worker's latency histograms, double-buffered: the worker records into plain {@link Histogram}s
 * (no phaser, no atomic per value) and swaps buffers itself when the sampler asks, at a point of its
 * choosing between ops. Every recorded value lands in exactly one interval: none is lost, none counted
 * twice.
 *
 * <p>Recorded per op: its <em>response time</em> (from its intended start to its end, so queue wait and
 * any wait for the engine count: no coordinated omission) and its <em>service time</em> (the kernel
 * alone), both in nanoseconds, plus failed ops. Values above {@link #HIGHEST_TRACKABLE_NANOS} are clamped,
 * so recording never resizes a histogram and never allocates.
 *
 * <p><b>Protocol and thread-safety.</b> Exactly one writer thread (the worker) calls {@code record*},
 * {@link #discard()} and {@link #swapIfRequested()}; exactly one reader thread (the sampler) calls
 * {@link #drainInto}. The sampler raises a request counter; the worker, at its next
 * {@link #swapIfRequested()}, flips to the other buffer and publishes the request it served (a release
 * store); the sampler, seeing that (an acquire load), owns the buffer the worker left until it raises
 * the next request. A buffer is therefore only ever touched by one thread at a time. After the writer
 * thread has ended (and been joined), {@link #drainRemaining} reads both buffers.
 */
public final class IntervalRecorder {
    /** Highest latency kept exactly: one hour, in nanoseconds. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Decimal digits of precision kept for every value. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /**
     * How long the reader spins for a swap before it parks between looks: 20 µs, many ops of a running writer. A reader
     * that spun on would keep a writer that shares its CPU (all CPUs running workers, or a pinned process) off it: the
     * swap, and the writer's ops, would wait for the scheduler to take the spinning reader off (milliseconds).
     */
    static final long SWAP_SPIN_NANOS = 20_000;
    /**
     * How long the reader parks between looks once it has spun: 50 µs. The park overshoots: {@code parkNanos(50_000)}
     * took 120 µs (p50 of 20,000, p99 139-144 µs) on the 2-vCPU VM of the README's figures.
     */
    static final long SWAP_PARK_NANOS = 50_000;

    private final Histogram[] response;
    private final Histogram[] service;
    private final long[] errors = new long[2];
    private final long highestTrackableNanos;
    // Writer-only state: the buffer in use and the last request served.
    private int active;
    private long served;
    // Padding keeps the sampler's request counter off the writer's cache lines.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long requested;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long acknowledged;

    /** A recorder of values from 1 ns to {@link #HIGHEST_TRACKABLE_NANOS} to {@link #SIGNIFICANT_DIGITS} digits. */
    public IntervalRecorder() {
        this(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * A recorder of another range and precision (each buffer's memory grows with both; the engine uses
     * the default, a stress test of the hand-off a tiny one).
     *
     * @param highestTrackableNanos values above are clamped to it, at least 2
     * @param significantDigits     in [0, 5]
     */
    public IntervalRecorder(long highestTrackableNanos, int significantDigits) {
        this.highestTrackableNanos = highestTrackableNanos;
        this.response = new Histogram[] {
            new Histogram(1, highestTrackableNanos, significantDigits), new Histogram(1, highestTrackableNanos, significantDigits)};
        this.service = new Histogram[] {
            new Histogram(1, highestTrackableNanos, significantDigits), new Histogram(1, highestTrackableNanos, significantDigits)};
    }

    /** @return a histogram with the range and precision every recorder uses */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Records one completed op. Writer thread only.
     *
     * @param responseNanos time from the op's intended start to its end
     * @param serviceNanos  time the kernel took
     */
    public void record(long responseNanos, long serviceNanos) {
        response[active].recordValue(clamp(responseNanos));
        service[active].recordValue(clamp(serviceNanos));
    }

    /** Records {@code count} ops with the same response time. Writer thread only. */
    public void recordResponse(long responseNanos, long count) {
        response[active].recordValueWithCount(clamp(responseNanos), count);
    }

    /** Records {@code count} ops with the same service time. Writer thread only. */
    public void recordService(long serviceNanos, long count) {
        service[active].recordValueWithCount(clamp(serviceNanos), count);
    }

    /** Counts {@code count} failed ops (not in the histograms). Writer thread only. */
    public void recordErrors(long count) {
        errors[active] += count;
    }

    /**
     * Forgets what the writer recorded in its current buffer (the one it owns): at the start of a phase. Writer thread
     * only. For nothing of warm-up to reach a measured sample, measurement must start with no swap asked and unserved
     * (the sampler's last warm-up sample waits for every writer), and the writer must discard before it serves the
     * next swap: the buffer a late swap left behind is then the writer's again, and goes with the discard.
     *
     * @return the mean service time of what was forgotten, ns, or 0 if nothing was recorded
     */
    public double discard() {
        double mean = service[active].getTotalCount() == 0 ? 0 : service[active].getMean();
        response[active].reset();
        service[active].reset();
        errors[active] = 0;
        return mean;
    }

    /** @return ops recorded in the writer's current buffer since its last swap or discard. Writer thread only. */
    public long recordedOps() {
        return service[active].getTotalCount();
    }

    /** @return whether the sampler is waiting for a swap: a cheap volatile read, for the writer's wait loops */
    public boolean swapRequested() {
        return requested != served;
    }

    /** Swaps buffers if the sampler asked for it since the last swap. Writer thread only. */
    public void swapIfRequested() {
        long request = requested;
        if (request != served) {
            active ^= 1;
            served = request;
            acknowledged = request;
        }
    }

    /**
     * Moves what the writer recorded since the last drain into the given totals, waiting at most
     * {@code maxWaitNanos} for the writer to swap. Reader thread only, while the writer runs.
     *
     * @return failed ops drained, or -1 if the writer did not swap in time (it is inside a long op): its
     *     values stay in its buffer and go to a later interval
     */
    public long drainInto(Histogram responseOut, Histogram serviceOut, long maxWaitNanos) {
        return drainSwapped(requestSwap(), responseOut, serviceOut, System.nanoTime() + maxWaitNanos);
    }

    /**
     * Asks the writer to swap at its next chance, unless the last request is still unserved. Reader thread
     * only; lets a sampler ask every worker first and then wait for them together.
     *
     * @return the request to pass to {@link #drainSwapped}
     */
    public long requestSwap() {
        long request = requested;
        if (acknowledged == request) {
            request++;
            requested = request;
        }
        return request;
    }

    /**
     * Moves what the writer left when it served {@code request} into the given totals, waiting for it until
     * {@code deadlineNanos} ({@link System#nanoTime()} scale). Reader thread only.
     *
     * @return failed ops drained, or -1 if the writer did not swap in time (its values go to a later interval)
     */
    public long drainSwapped(long request, Histogram responseOut, Histogram serviceOut, long deadlineNanos) {
        long spinUntil = System.nanoTime() + SWAP_SPIN_NANOS;
        while (acknowledged != request) {
            long now = System.nanoTime();
            if (now - deadlineNanos > 0) {
                return -1;
            }
            if (now - spinUntil < 0) {
                Thread.onSpinWait();
            } else {
                // The writer is inside an op or off its CPU, maybe this one's: park, so it can run and swap.
                LockSupport.parkNanos(Math.min(SWAP_PARK_NANOS, deadlineNanos - now));
            }
        }
        return take(((int) request & 1) ^ 1, responseOut, serviceOut);
    }

    /**
     * Moves everything left in both buffers into the given totals. Reader thread only, after the writer
     * thread has ended and been joined.
     *
     * @return failed ops drained
     */
    public long drainRemaining(Histogram responseOut, Histogram serviceOut) {
        return take(0, responseOut, serviceOut) + take(1, responseOut, serviceOut);
    }

    private long take(int buffer, Histogram responseOut, Histogram serviceOut) {
        responseOut.add(response[buffer]);
        serviceOut.add(service[buffer]);
        response[buffer].reset();
        service[buffer].reset();
        long failed = errors[buffer];
        errors[buffer] = 0;
        return failed;
    }

    private long clamp(long nanos) {
        return Math.clamp(nanos, 1, highestTrackableNanos);
    }
}
