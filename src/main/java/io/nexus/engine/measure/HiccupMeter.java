package io.nexus.engine.measure;

/**
 * How much of a spinning thread's time this machine takes away, in the manner of jHiccup: one thread reads
 * the clock in a tight loop, and every step between two readings longer than a threshold is a gap (the
 * thread was descheduled, the VM stole the core, an interrupt ran). A measurement tool cannot time
 * anything more finely than these gaps allow. Stateless.
 */
public final class HiccupMeter {
    private HiccupMeter() {
    }

    /**
     * What the meter saw. Immutable.
     *
     * @param durationNanos  how long it spun, ns
     * @param thresholdNanos the shortest step counted as a gap, ns
     * @param gaps           steps longer than the threshold
     * @param gapNanos       their total length, ns
     * @param maxGapNanos    the longest step, ns
     */
    public record Result(long durationNanos, long thresholdNanos, long gaps, long gapNanos, long maxGapNanos) {
        /** @return the share of the time lost to gaps, in [0, 1] */
        public double lostFraction() {
            return durationNanos == 0 ? 0 : (double) gapNanos / durationNanos;
        }
    }

    /** Spins on the calling thread for {@code durationNanos}, counting steps longer than {@code thresholdNanos}. */
    public static Result measure(long durationNanos, long thresholdNanos) {
        long start = System.nanoTime();
        long end = start + durationNanos;
        long previous = start;
        long gaps = 0;
        long gapNanos = 0;
        long max = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long step = now - previous;
            if (step > thresholdNanos) {
                gaps++;
                gapNanos += step;
            }
            max = Math.max(max, step);
            previous = now;
        }
        return new Result(now - start, thresholdNanos, gaps, gapNanos, max);
    }
}
