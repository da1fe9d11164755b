package io.nexus.advisor;

import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.bench.ScalabilityModel;
import io.nexus.engine.measure.Sample;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the advisor reads: a measured run, the JFR profile of its measured phase when it was profiled, and the
 * scaling model of the sweep it belongs to when there is one. Immutable. The derived figures below are the ones
 * several rules share.
 *
 * @param run     the run
 * @param profile where its time went, if it was profiled
 * @param scaling the USL model of its sweep, if it is a sweep's point
 */
public record RunEvidence(RunResult run, Optional<RunProfile> profile, Optional<ScalabilityModel> scaling) {
    /** Response p99 below this is never called a long tail, ns. */
    static final long LONG_TAIL_NANOS = 100_000;
    /** A sample shorter than this share of the run's sample interval (the last, cut short) is left out of spreads. */
    private static final double FULL_INTERVAL = 0.9;

    public RunEvidence {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(scaling, "scaling");
    }

    /** @return whether the response p99 is a long tail: at least 100 µs and at least 10x the service p99 */
    public boolean longTail() {
        long p99 = run.response().p99();
        return p99 >= LONG_TAIL_NANOS && p99 >= 10 * Math.max(1, run.service().p99());
    }

    /** @return the tail in words: {@code response p99 X is Nx the service p99 Y} */
    public String tail() {
        long p99 = run.response().p99();
        long service = Math.max(1, run.service().p99());
        return String.format(java.util.Locale.ROOT, "response p99 %s is %.0fx the service p99 %s", io.nexus.bench.Units.nanos(p99),
                (double) p99 / service, io.nexus.bench.Units.nanos(run.service().p99()));
    }

    /** @return evidence of {@code run} alone: not profiled, no sweep */
    public static RunEvidence of(RunResult run) {
        return new RunEvidence(run, Optional.empty(), Optional.empty());
    }

    /** @return the process's mean CPU use over the samples that know it, as a fraction of all processors; empty if none do */
    public Optional<Double> meanCpu() {
        return Optional.of(run.samples().stream().mapToDouble(Sample::processCpu).filter(c -> c >= 0).average())
                .filter(java.util.OptionalDouble::isPresent).map(java.util.OptionalDouble::getAsDouble);
    }

    /** @return the CPU share the workers would use if each kept one processor busy: min(threads, processors) / processors */
    public double busyWorkersCpu() {
        int cores = Math.max(1, run.environment().cores());
        return (double) Math.min(run.spec().threads(), cores) / cores;
    }

    /** @return the samples that cover a whole interval (the last one of a run is often cut short) */
    public List<Sample> fullSamples() {
        long interval = run.spec().sampleInterval().toNanos();
        return run.samples().stream().filter(s -> s.intervalNanos() >= FULL_INTERVAL * interval).toList();
    }

    /** @return the share of the measured time spent in garbage collection, from the samples, in [0, 1] */
    public double gcShare() {
        double gcNanos = run.samples().stream().mapToLong(Sample::gcMillis).sum() * 1e6;
        return run.measuredNanos() == 0 ? 0 : Math.min(1, gcNanos / run.measuredNanos());
    }

    /** @return the run's count of each outcome kind (http: {@code 2xx}, {@code 429}, {@code 503}, ...) over all samples */
    public java.util.Map<String, Long> outcomes() {
        java.util.Map<String, Long> sums = new java.util.LinkedHashMap<>();
        run.samples().forEach(s -> s.outcomes().forEach((kind, n) -> sums.merge(kind, n, Long::sum)));
        return sums;
    }
}
