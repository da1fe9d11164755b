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
 * @param measuredNanos  length of the measured period
 * @param ops            ops completed in the measured period, failed ones included
 * @param errors         ops of those that failed
 * @param response       response times (ns) from each op's intended start: queue wait plus service
 * @param service        service times (ns): the kernel alone
 * @param samples        one per sample interval
 * @param workerStatus   per worker: its node and whether and where it was pinned
 * @param dueOps         constant rate only: ops that fell due by the end (0 otherwise)
 * @param issuedOps      constant rate only: ops actually issued by the end (0 otherwise)
 */
public record RunOutcome(boolean cancelled, Optional<String> failure, long measuredNanos, long ops, long errors,
                         Histogram response, Histogram service, List<Sample> samples, List<String> workerStatus,
                         long dueOps, long issuedOps) {
    public RunOutcome {
        samples = List.copyOf(samples);
        workerStatus = List.copyOf(workerStatus);
    }

    /** @return completed ops per second over the measured period, 0 if nothing was measured */
    public double opsPerSecond() {
        return measuredNanos <= 0 ? 0 : ops * 1e9 / measuredNanos;
    }
}
