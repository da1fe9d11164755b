package io.nexus.engine.measure;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram, in nanoseconds. Immutable. Computed from a histogram that was
 * merged from the workers' histograms, never by averaging their percentiles.
 *
 * @param count number of values
 * @param mean  arithmetic mean
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param p9999 99.99th percentile
 * @param max   largest value
 */
public record LatencySummary(long count, double mean, long p50, long p90, long p99, long p999, long p9999, long max) {
    /** The summary of no values. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    /** @return the summary of {@code histogram}, or {@link #EMPTY} if it holds nothing */
    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getMean(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }
}
