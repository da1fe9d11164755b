package io.nexus.bench;

import java.util.Map;
import java.util.Optional;

/**
 * The guide's targets, where they mean something for a workload: its "Expected Performance" table
 * (throughput and p99 per operation; its "Full Stack" row for http: 500k req/s, p99 under 100 µs) and its key metrics (error rate under 0.01 %, CPU about 75 %).
 * The matrix row is impossible on any single machine and is not a target: 100k multiplies/s at n = 512 is
 * 26.8 TFLOP/s, and a p99 under 50 µs would need one 268-MFLOP multiply to finish in 50 µs (5.4 TFLOP/s on one
 * thread). Immutable; thread-safe.
 */
public final class GuideTargets {
    /** Error rate the guide aims below, in percent. */
    public static final double ERROR_RATE_PERCENT = 0.01;
    /** CPU use the guide calls a balance against latency, in percent. */
    public static final double CPU_PERCENT = 75;

    private static final Map<String, Double> THROUGHPUT = Map.of("xor", 10e6, "sha256", 1e6, "http", 500e3);
    private static final Map<String, Double> P99_MICROS = Map.of("xor", 2.0, "sha256", 30.0, "http", 100.0);

    private GuideTargets() {
    }

    /** @return the guide's throughput for {@code workload} in ops/s, where it is attainable */
    public static Optional<Double> throughput(String workload) {
        return Optional.ofNullable(THROUGHPUT.get(workload));
    }

    /** @return the guide's p99 for {@code workload} in µs */
    public static Optional<Double> p99Micros(String workload) {
        return Optional.ofNullable(P99_MICROS.get(workload));
    }
}
