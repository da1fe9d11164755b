package io.nexus.profile;

import java.util.List;
import java.util.OptionalInt;

/**
 * The engine's tuning: threads, queue and batch, memory pool, pinning and NUMA policy, as held in a
 * {@code profiles/*.toml} file. Immutable. A value object only: {@link ProfileValidator} says whether
 * the values make sense on a host, {@link ProfileFiles} reads and writes them.
 *
 * @param name            the profile's name (the file name without {@code .toml})
 * @param description     one line saying what the profile is for
 * @param threads         worker threads; empty means one per available processor
 * @param pinning         how workers are pinned to CPUs
 * @param cpus            the CPUs workers may use; empty means all online CPUs
 * @param idle            what idle threads do
 * @param queueCapacity   slots in each worker's queue (power of two)
 * @param batch           ops drained per pass
 * @param window          ops in flight per worker; {@link #AUTO_WINDOW} (the default) sizes it from the op's cost
 * @param blockBytes      bytes per block of a worker's memory pool
 * @param blocksPerWorker blocks pre-allocated per worker
 * @param numa            how workers are spread over NUMA nodes
 * @param mode            how ops reach the workers: self-paced (default) or through queues
 * @param timing          how often workers read the clock: auto (default), per op, per run of ops, or sampled
 * @param system          the host-side sections the exporters read (OS, database, pooler, container, host)
 * @param api             how {@code nexus serve} listens, limits and caches ({@code [api]})
 */
public record TuningProfile(String name, String description, OptionalInt threads, Pinning pinning, List<Integer> cpus,
                            IdleMode idle, int queueCapacity, int batch, int window, long blockBytes,
                            int blocksPerWorker, NumaPolicy numa, EngineMode mode, TimingMode timing,
                            SystemSettings system, ApiSettings api) {
    /** A window the engine sizes from the op's measured cost when a run starts. */
    public static final int AUTO_WINDOW = 0;

    public TuningProfile {
        cpus = List.copyOf(cpus);
    }

    /** How workers are pinned. */
    public enum Pinning { NONE, CPU, NODE }

    /** How workers are spread over NUMA nodes. */
    public enum NumaPolicy { NONE, PER_NODE }

    /** What idle threads do. */
    public enum IdleMode { SPIN, YIELD, BACKOFF }

    /** How ops reach the workers: each worker paces itself, or a dispatcher feeds their queues. */
    public enum EngineMode { SELF_PACED, QUEUED }

    /** How often workers read the clock. */
    public enum TimingMode { AUTO, PER_OP, PER_RUN, SAMPLED }

    /** @return the built-in defaults: the guide's queue (2^20) and batch (64), one thread per processor */
    public static TuningProfile defaults() {
        return new TuningProfile("default", "Self-paced workers, one per CPU; the guide's queues (2^20 slots, batches of 64) for the queued mode",
                OptionalInt.empty(), Pinning.NONE, List.of(), IdleMode.BACKOFF, 1 << 20, 64, AUTO_WINDOW, 64 * 1024, 16,
                NumaPolicy.NONE, EngineMode.SELF_PACED, TimingMode.AUTO, SystemSettings.defaults(), ApiSettings.defaults());
    }

    /** @return the worker count: the profile's, or {@code availableProcessors} when it leaves it out */
    public int threadCount(int availableProcessors) {
        return threads.orElse(availableProcessors);
    }

    /** @return a copy with other host-side sections */
    public TuningProfile withSystem(SystemSettings newSystem) {
        return new TuningProfile(name, description, threads, pinning, cpus, idle, queueCapacity, batch, window, blockBytes,
                blocksPerWorker, numa, mode, timing, newSystem, api);
    }

    /** @return a copy with another worker count (empty: one per available processor) */
    public TuningProfile withThreads(OptionalInt newThreads) {
        return new TuningProfile(name, description, newThreads, pinning, cpus, idle, queueCapacity, batch, window, blockBytes,
                blocksPerWorker, numa, mode, timing, system, api);
    }

    /** @return a copy with another name */
    public TuningProfile withName(String newName) {
        return new TuningProfile(newName, description, threads, pinning, cpus, idle, queueCapacity, batch, window,
                blockBytes, blocksPerWorker, numa, mode, timing, system, api);
    }

    /** @return a copy with another {@code [api]} section */
    public TuningProfile withApi(ApiSettings newApi) {
        return new TuningProfile(name, description, threads, pinning, cpus, idle, queueCapacity, batch, window, blockBytes,
                blocksPerWorker, numa, mode, timing, system, newApi);
    }
}
