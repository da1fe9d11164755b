package io.nexus.store;

import java.time.Instant;

/**
 * One row of the history: what the run was and its headline figures. Immutable.
 *
 * @param opsPerSecond throughput
 * @param p99Nanos     response-time p99, ns
 */
public record RunSummary(String id, Instant startedAt, String host, String workload, String mode, int threads, String status,
                         double opsPerSecond, long p99Nanos) {
}
