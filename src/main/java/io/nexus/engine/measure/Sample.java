package io.nexus.engine.measure;

/**
 * One sampling interval of a run, as listeners (progress line, charts, store) receive it. Immutable.
 *
 * @param elapsedNanos    time from the start of measurement to the end of this interval
 * @param intervalNanos   length of this interval
 * @param ops             ops completed in the interval
 * @param opsPerSecond    ops completed per second over the interval
 * @param latency         response-time percentiles of the interval (ns, from each op's intended start)
 * @param serviceP99Nanos 99th percentile of the kernel's own time in the interval
 * @param errors          errors in the interval
 * @param queueDepth      ops submitted but not completed at the end of the interval, over all workers
 * @param processCpu      process CPU use over the interval as a fraction of all cores, in [0, 1]; -1 if unknown
 * @param heapUsedBytes   heap in use at the end of the interval
 * @param gcMillis        time spent in garbage collection during the interval
 * @param outcomes        ops of each kind of outcome that ended in the interval (e.g. {@code 2xx}, {@code 429}, {@code timeout}
 *                        for http), in the workload's order; empty for workloads without kinds
 */
public record Sample(long elapsedNanos, long intervalNanos, long ops, double opsPerSecond, LatencySummary latency,
                     long serviceP99Nanos, long errors, long queueDepth, double processCpu, long heapUsedBytes,
                     long gcMillis, java.util.Map<String, Long> outcomes) {
    public Sample {
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }

    /** @return this sample with its elapsed time moved by {@code offsetNanos} (to lay bursts end to end) */
    public Sample shiftedBy(long offsetNanos) {
        return new Sample(elapsedNanos + offsetNanos, intervalNanos, ops, opsPerSecond, latency, serviceP99Nanos, errors,
                queueDepth, processCpu, heapUsedBytes, gcMillis, outcomes);
    }
}
