package io.nexus.engine.measure;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What timing costs on this machine, measured when a run starts: the cost and granularity of
 * {@link System#nanoTime()}, the cost of recording one histogram value, and how late
 * {@link LockSupport#parkNanos} wakes. A cost is the fastest of several trials (the first ones run before
 * the JIT has compiled the loop, and a preempted one only runs slower); the park overshoot is the median.
 * Immutable.
 *
 * @param clockCostNanos        mean time of one {@code System.nanoTime()} call, ns
 * @param clockGranularityNanos smallest non-zero step between two successive readings, ns
 * @param recordCostNanos       mean time of one {@code Histogram.recordValue}, ns
 * @param parkOvershootNanos    how much later than asked a short {@code parkNanos} returns, ns
 */
public record ClockCalibration(double clockCostNanos, long clockGranularityNanos, double recordCostNanos,
                               long parkOvershootNanos) {
    private static final int TRIALS = 12;
    private static final int CALLS = 20_000;
    private static final long PARK_NANOS = 20_000;
    /** Receives the clock readings, so the JIT cannot drop the calls being timed. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    /** @return the figures of this machine, measured now (about 30 ms) */
    public static ClockCalibration measure() {
        return new ClockCalibration(clockCost(), granularity(), recordCost(), parkOvershoot());
    }

    /**
     * @return the measurement's cost per op when {@code opsPerTimedRun} ops share two clock readings and
     *     each op makes one histogram record, or when {@code sampled}, three clock readings and two records
     *     serve the whole run, ns
     */
    public double overheadPerOpNanos(int opsPerTimedRun, boolean sampled) {
        return sampled ? (3 * clockCostNanos + 2 * recordCostNanos) / opsPerTimedRun
                : 2 * clockCostNanos / opsPerTimedRun + recordCostNanos;
    }

    private static double clockCost() {
        double[] trials = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long sum = 0;
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += System.nanoTime();
            }
            trials[t] = (System.nanoTime() - start) / (double) CALLS;
            sink = sum;
        }
        return Arrays.stream(trials).min().orElseThrow();
    }

    private static long granularity() {
        long smallest = Long.MAX_VALUE;
        long previous = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            long now = System.nanoTime();
            if (now != previous) {
                smallest = Math.min(smallest, now - previous);
            }
            previous = now;
        }
        return smallest == Long.MAX_VALUE ? 0 : smallest;
    }

    private static double recordCost() {
        Histogram h = IntervalRecorder.newHistogram();
        double[] trials = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                h.recordValue(100 + (i & 1023));
            }
            trials[t] = (System.nanoTime() - start) / (double) CALLS;
        }
        return Arrays.stream(trials).min().orElseThrow();
    }

    private static long parkOvershoot() {
        double[] trials = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long start = System.nanoTime();
            LockSupport.parkNanos(PARK_NANOS);
            trials[t] = Math.max(0, System.nanoTime() - start - PARK_NANOS);
        }
        return (long) median(trials);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
