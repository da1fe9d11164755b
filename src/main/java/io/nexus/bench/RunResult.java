package io.nexus.bench;

import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Everything a run measured: the spec that made it, how it ended, throughput, the merged latency
 * histograms with their percentiles, every sample, and the environment. Immutable by convention: the
 * histograms must not be modified (copy them first).
 *
 * @param id             unique id of the run
 * @param startedAt      when the run started
 * @param spec           what was run
 * @param status         how it ended
 * @param failure        the error, if it failed
 * @param measuredNanos  measured time (warm-up and burst pauses excluded)
 * @param ops            ops completed in the measured time, failed ones included
 * @param errors         ops of those that failed
 * @param opsPerSecond   ops / measured seconds
 * @param gflops         10^9 floating-point operations per second, 0 where not meaningful
 * @param bytesPerSecond bytes processed per second, 0 where not meaningful
 * @param response       response-time percentiles (ns): queue wait plus service, from each op's intended start
 * @param service        service-time percentiles (ns): the kernel alone
 * @param responseHistogram the merged response-time histogram (ns)
 * @param serviceHistogram  the merged service-time histogram (ns)
 * @param rate           the schedule's outcome, for constant-rate runs
 * @param samples        one per interval; in burst runs, bursts follow each other in elapsed time
 * @param notes          facts worth knowing about the run (pinning, kernel, cancellation)
 * @param environment    the machine and JVM
 * @param method         how it was measured: engine mode, timing, clock cost and overhead per op; {@code null}
 *                       only if the run failed before measuring
 */
public record RunResult(String id, Instant startedAt, RunSpec spec, RunStatus status, Optional<String> failure,
                        long measuredNanos, long ops, long errors, double opsPerSecond, double gflops,
                        double bytesPerSecond, LatencySummary response, LatencySummary service,
                        Histogram responseHistogram, Histogram serviceHistogram, Optional<RateOutcome> rate,
                        List<Sample> samples, List<String> notes, Environment environment, MeasurementMethod method) {
    public RunResult {
        samples = List.copyOf(samples);
        notes = List.copyOf(notes);
    }

    /** @return measured time in seconds */
    public double measuredSeconds() {
        return measuredNanos / 1e9;
    }

    /** @return failed ops as a fraction of all ops, 0 if none ran */
    public double errorRate() {
        return ops == 0 ? 0 : (double) errors / ops;
    }

    /** @return this result with {@code note} added to its notes */
    public RunResult withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return withNotes(more);
    }

    /** @return this result with other notes (e.g. a profile's summary added after the run) */
    public RunResult withNotes(List<String> newNotes) {
        return new RunResult(id, startedAt, spec, status, failure, measuredNanos, ops, errors, opsPerSecond, gflops, bytesPerSecond,
                response, service, responseHistogram, serviceHistogram, rate, samples, newNotes, environment, method);
    }
}
