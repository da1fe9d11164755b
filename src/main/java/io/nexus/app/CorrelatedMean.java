package io.nexus.app;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a run's per-interval figures with a standard error that accounts for the intervals being
 * correlated (a slow second tends to follow a slow second): the variance of the mean is the textbook
 * {@code s² / n} times the integrated autocorrelation time, estimated with Geyer's initial positive
 * sequence (sums of adjacent autocorrelations, kept while positive and not increasing). {@code n / τ} is
 * then the number of effectively independent intervals. Immutable.
 *
 * @param mean               the series' mean
 * @param standardError      the standard error of that mean
 * @param effectiveIntervals the intervals' worth of independent information, in [1, n]
 */
public record CorrelatedMean(double mean, double standardError, double effectiveIntervals) {
    /** Fewest intervals for an estimate. */
    public static final int MIN_INTERVALS = 8;

    /**
     * @param series the per-interval values in time order, at least {@value #MIN_INTERVALS}
     * @throws IllegalArgumentException with fewer values
     */
    public static CorrelatedMean of(double[] series) {
        int n = series.length;
        if (n < MIN_INTERVALS) {
            throw new IllegalArgumentException("an error estimate needs at least " + MIN_INTERVALS + " intervals, got " + n);
        }
        double mean = 0;
        for (double x : series) {
            mean += x;
        }
        mean /= n;
        double variance = autocovariance(series, mean, 0);
        if (variance == 0) {
            return new CorrelatedMean(mean, 0, n);
        }
        double tau = -1;
        double previous = Double.POSITIVE_INFINITY;
        for (int lag = 0; lag + 1 < n; lag += 2) {
            double pair = (autocovariance(series, mean, lag) + autocovariance(series, mean, lag + 1)) / variance;
            if (pair <= 0) {
                break;
            }
            previous = Math.min(previous, pair);
            tau += 2 * previous;
        }
        tau = Math.clamp(tau, 1, n);
        double effective = n / tau;
        double sampleVariance = variance * n / (n - 1);
        return new CorrelatedMean(mean, Math.sqrt(sampleVariance / effective), effective);
    }

    private static double autocovariance(double[] x, double mean, int lag) {
        double sum = 0;
        for (int i = 0; i + lag < x.length; i++) {
            sum += (x[i] - mean) * (x[i + lag] - mean);
        }
        return sum / x.length;
    }

    /** @return the standard error relative to the mean (0 when the mean is 0) */
    public double relativeError() {
        return mean == 0 ? 0 : standardError / Math.abs(mean);
    }

    /** @return Student's t for a two-sided 95 % interval with {@code degrees} (at least 1) degrees of freedom */
    static double t95(double degrees) {
        return new TDistribution(null, Math.max(1, degrees)).inverseCumulativeProbability(0.975);
    }
}
