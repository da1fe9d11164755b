package io.nexus.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to a thread sweep: {@code X(N) = λN / (1 + σ(N−1) + κN(N−1))},
 * where λ is the throughput of one thread without contention, σ in [0, 1] the contention (the serialized
 * fraction, Amdahl's) and κ >= 0 the coherency cost (crosstalk between threads, which makes throughput fall
 * past a peak at {@code N* = sqrt((1−σ)/κ)}). Fitted by Levenberg-Marquardt least squares with the
 * analytic Jacobian, from several starting points, keeping the parameters in range (as usl4j does).
 * Immutable.
 *
 * @param lambda    λ, ops/s of one thread without contention, > 0
 * @param sigma     σ, contention, in [0, 1]
 * @param kappa     κ, coherency, >= 0
 * @param rSquared  the fit's coefficient of determination on the measured points
 * @param maxThreads the largest thread count measured
 */
public record ScalabilityModel(double lambda, double sigma, double kappa, double rSquared, int maxThreads) {
    /** Fewest points for a fit (three parameters). */
    public static final int MIN_POINTS = 4;
    /** κ below this is no coherency cost: no peak. */
    private static final double NO_KAPPA = 1e-9;
    /** σ below this is no contention: linear scaling. */
    private static final double NO_SIGMA = 1e-6;

    /**
     * @param threads   thread counts, at least {@value #MIN_POINTS} distinct ones, each >= 1
     * @param opsPerSec the throughput at each
     * @return the model, or empty (with {@link #whyNot}) when the points cannot determine one
     */
    public static Optional<ScalabilityModel> fit(List<Integer> threads, List<Double> opsPerSec) {
        if (whyNot(threads, opsPerSec).isPresent()) {
            return Optional.empty();
        }
        double[] n = threads.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] x = opsPerSec.stream().mapToDouble(Double::doubleValue).toArray();
        double scale = 0;
        for (int i = 0; i < n.length; i++) {
            scale = Math.max(scale, x[i] / n[i]);
        }
        ScalabilityModel best = null;
        for (double sigma0 : new double[] {0.0, 0.05, 0.3}) {
            for (double kappa0 : new double[] {0.0, 1e-4, 1e-2}) {
                ScalabilityModel m = fitFrom(n, x, new double[] {scale, sigma0, kappa0});
                if (best == null || m.rSquared() > best.rSquared()) {
                    best = m;
                }
            }
        }
        return Optional.of(best);
    }

    /** @return the model of a sweep's completed points, or empty (see {@link #whyNot(List)}) */
    public static Optional<ScalabilityModel> fit(List<SweepPoint> points) {
        List<SweepPoint> completed = completed(points);
        return fit(completed.stream().map(SweepPoint::threads).toList(), completed.stream().map(p -> p.result().opsPerSecond()).toList());
    }

    /** @return why a sweep's points cannot be fitted, or empty if they can */
    public static Optional<String> whyNot(List<SweepPoint> points) {
        List<SweepPoint> completed = completed(points);
        return whyNot(completed.stream().map(SweepPoint::threads).toList(), completed.stream().map(p -> p.result().opsPerSecond()).toList());
    }

    /** @return the sweep's model in one line, or why it has none */
    public static String summary(List<SweepPoint> points) {
        return fit(points).map(ScalabilityModel::describe).orElseGet(() -> whyNot(points).orElse(""));
    }

    private static List<SweepPoint> completed(List<SweepPoint> points) {
        return points.stream().filter(p -> p.result().status() == RunStatus.COMPLETED).toList();
    }

    /** @return why the points cannot be fitted, or empty if they can */
    public static Optional<String> whyNot(List<Integer> threads, List<Double> opsPerSec) {
        if (threads.size() != opsPerSec.size()) {
            throw new IllegalArgumentException(threads.size() + " thread counts for " + opsPerSec.size() + " throughputs");
        }
        long distinct = threads.stream().distinct().count();
        if (distinct < MIN_POINTS) {
            return Optional.of("fewer than " + MIN_POINTS + " thread counts (" + distinct + "): no model fitted (it has 3 parameters)");
        }
        if (threads.stream().anyMatch(t -> t < 1) || opsPerSec.stream().anyMatch(v -> !(v > 0))) {
            return Optional.of("a point has no throughput: no model fitted");
        }
        return Optional.empty();
    }

    private static ScalabilityModel fitFrom(double[] n, double[] x, double[] start) {
        MultivariateJacobianFunction usl = p -> {
            double lambda = p.getEntry(0);
            double sigma = p.getEntry(1);
            double kappa = p.getEntry(2);
            RealVector value = new ArrayRealVector(n.length);
            Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(n.length, 3);
            for (int i = 0; i < n.length; i++) {
                double d = 1 + sigma * (n[i] - 1) + kappa * n[i] * (n[i] - 1);
                value.setEntry(i, lambda * n[i] / d);
                jacobian.setEntry(i, 0, n[i] / d);
                jacobian.setEntry(i, 1, -lambda * n[i] * (n[i] - 1) / (d * d));
                jacobian.setEntry(i, 2, -lambda * n[i] * n[i] * (n[i] - 1) / (d * d));
            }
            return new Pair<>(value, jacobian);
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(usl).target(x).start(start).maxEvaluations(10_000).maxIterations(10_000)
                .parameterValidator(p -> new ArrayRealVector(new double[] {Math.max(1e-12, p.getEntry(0)), Math.clamp(p.getEntry(1), 0, 1),
                        Math.max(0, p.getEntry(2))}))
                .build());
        RealVector p = optimum.getPoint();
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double residual = 0;
        double total = 0;
        int maxThreads = 0;
        ScalabilityModel unscored = new ScalabilityModel(p.getEntry(0), p.getEntry(1), p.getEntry(2), 0, 0);
        for (int i = 0; i < n.length; i++) {
            residual += Math.pow(x[i] - unscored.throughput(n[i]), 2);
            total += Math.pow(x[i] - mean, 2);
            maxThreads = Math.max(maxThreads, (int) n[i]);
        }
        return new ScalabilityModel(p.getEntry(0), p.getEntry(1), p.getEntry(2), total == 0 ? 1 : 1 - residual / total, maxThreads);
    }

    /** @return the modelled throughput at {@code threads}, ops/s */
    public double throughput(double threads) {
        return lambda * threads / (1 + sigma * (threads - 1) + kappa * threads * (threads - 1));
    }

    /** @return the thread count of peak throughput {@code sqrt((1−σ)/κ)}, empty when κ is about 0 (no peak: throughput only levels off) */
    public Optional<Double> peakThreads() {
        return kappa < NO_KAPPA ? Optional.empty() : Optional.of(Math.sqrt((1 - sigma) / kappa));
    }

    /** @return the model in one line: parameters, fit and peak */
    public String describe() {
        String peak = peakThreads().map(p -> p <= 2.0 * maxThreads
                        ? String.format(Locale.ROOT, "peak %.0f ops/s at %.1f threads", throughput(p), p)
                        : String.format(Locale.ROOT, "peak at %.0f threads, past 2x the measured range", p))
                .orElse(sigma < NO_SIGMA ? "no peak: scales linearly over the measured range"
                        : String.format(Locale.ROOT, "no peak (coherency ~0): throughput levels off towards %.0f ops/s", lambda / sigma));
        return String.format(Locale.ROOT, "USL: lambda %.0f ops/s per thread, sigma (contention) %.4f, kappa (coherency) %.6f, R^2 %.3f; %s",
                lambda, sigma, kappa, rSquared, peak);
    }
}
