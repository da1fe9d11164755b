package io.nexus.bench;

import io.nexus.engine.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Runs the same benchmark at several thread counts, smallest first, and reports throughput, speedup and
 * efficiency per count, like the guide's scaling profile. Blocks its caller; thread-safe as
 * {@link BenchRunner} is.
 */
public final class SweepRunner {
    private final BenchRunner runner;

    /** @param runner runs each point */
    public SweepRunner(BenchRunner runner) {
        this.runner = runner;
    }

    /**
     * @return 1, 2, 4, ... up to {@code maxThreads}, with {@code maxThreads} itself last if it is not a power of two
     */
    public static List<Integer> defaultThreadCounts(int maxThreads) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int t = 1; t <= maxThreads; t <<= 1) {
            counts.add(t);
        }
        counts.add(Math.max(1, maxThreads));
        return List.copyOf(counts);
    }

    /**
     * Runs {@code base} once per thread count; stops early, keeping the points measured, if cancelled or a point fails.
     *
     * @param threadCounts  distinct counts; run in ascending order
     * @param listenerFor   the listener for the point with the given thread count
     * @param onPoint       receives each point as soon as it is measured (on the calling thread)
     * @return the points, in ascending thread count
     */
    public List<SweepPoint> run(RunSpec base, List<Integer> threadCounts, IntFunction<RunListener> listenerFor,
                                java.util.function.Consumer<SweepPoint> onPoint, RunControl control)
            throws InvalidSpecException, InterruptedException {
        return run(base, SweepAxis.WORKERS, threadCounts, listenerFor, onPoint, control);
    }

    /**
     * Runs {@code base} at each of {@code counts} along {@code axis} (the workers, or the own API's threads of an http run),
     * as {@link #run(RunSpec, List, IntFunction, java.util.function.Consumer, RunControl)} does.
     */
    public List<SweepPoint> run(RunSpec base, SweepAxis axis, List<Integer> threadCounts, IntFunction<RunListener> listenerFor,
                                java.util.function.Consumer<SweepPoint> onPoint, RunControl control)
            throws InvalidSpecException, InterruptedException {
        List<Integer> counts = List.copyOf(new TreeSet<>(threadCounts));
        if (!axis.refuse(base).isEmpty()) {
            throw new InvalidSpecException(axis.refuse(base));
        }
        for (int t : counts) {
            RunSpec point = axis.at(base, t);
            List<io.nexus.profile.FieldError> errors = new ArrayList<>(point.validate());
            errors.addAll(io.nexus.profile.ProfileValidator.validate(point.profile(), null));
            if (!errors.isEmpty()) {
                throw new InvalidSpecException(errors);
            }
        }
        try (MeasurementSlot.Held _ = MeasurementSlot.take(base.workload() + " sweep over " + counts + " " + axis.label())) {
            return sweep(base, axis, counts, listenerFor, onPoint, control);
        }
    }

    private List<SweepPoint> sweep(RunSpec base, SweepAxis axis, List<Integer> counts, IntFunction<RunListener> listenerFor,
                                   java.util.function.Consumer<SweepPoint> onPoint, RunControl control)
            throws InvalidSpecException, InterruptedException {
        List<SweepPoint> points = new ArrayList<>();
        for (int threads : counts) {
            if (control.isCancelled()) {
                break;
            }
            RunResult result = runner.run(axis.at(base, threads), listenerFor.apply(threads), control);
            SweepPoint point = point(points.isEmpty() ? null : points.getFirst(), threads, result);
            points.add(point);
            onPoint.accept(point);
            if (result.status() != RunStatus.COMPLETED) {
                break;
            }
        }
        return points;
    }

    private static SweepPoint point(SweepPoint base, int threads, RunResult result) {
        double baseThroughput = base == null ? result.opsPerSecond() : base.result().opsPerSecond();
        int baseThreads = base == null ? threads : base.threads();
        double speedup = baseThroughput > 0 ? result.opsPerSecond() / baseThroughput * baseThreads : 0;
        return new SweepPoint(threads, result, speedup, speedup / threads);
    }
}
