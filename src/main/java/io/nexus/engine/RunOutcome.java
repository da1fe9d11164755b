package io.nexus.engine;

import io.nexus.engine.measure.Sample;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What one engine run measured, after warm-up. Immutable once built (the histograms are private copies).
 *
 * @param cancelled      whether the run was cancelled before its end; what was measured until then is kept
 * @param failure        why the run failed, if it did
 * @param measuredNanos  length of the measured period: from its start to the end of the last op
 * @param ops            ops completed in the measured period, failed ones included
 * @param errors         ops of those that failed
 * @param response       response times (ns) from each op's intended start: queue wait plus service
 * @param service        service times (ns): the kernel alone
 * @param samples        one per sample interval
 * @param workerStatus   per worker: its node and whether and where it was pinned
 * @param dueOps         constant rate only: ops the schedule called for in the measured period (0 otherwise)
 * @param unfinishedOps  constant rate only: ops of those never run because the engine was too far behind
 * @param method         how it was measured
 */
public record RunOutcome(boolean cancelled, Optional<String> failure, long measuredNanos, long ops, long errors,
                         Histogram response, Histogram service, List<Sample> samples, List<String> workerStatus,
                         long dueOps, long unfinishedOps, MeasurementMethod method) {
    public RunOutcome {
        samples = List.copyOf(samples);
        workerStatus = List.copyOf(workerStatus);
    }

    /** @return completed ops per second over the measured period, 0 if nothing was measured */
    public double opsPerSecond() {
        return measuredNanos <= 0 ? 0 : ops * 1e9 / measuredNanos;
    }
}
