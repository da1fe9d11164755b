package io.nexus.bench;

/**
 * One thread count of a sweep. Immutable.
 *
 * @param threads    worker threads
 * @param result     the run at that count
 * @param speedup    throughput relative to the sweep's smallest thread count, scaled to one thread:
 *                   {@code X(n) / X(base) * base}, where {@code base} is 1 in the guide's sweeps
 * @param efficiency {@code speedup / threads}, 1.0 being perfectly linear
 */
public record SweepPoint(int threads, RunResult result, double speedup, double efficiency) {
}
