package io.nexus.engine;

import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.queue.BoundedQueues;
import java.util.ArrayList;
import java.util.List;

/**
 * How the engine is tuned: the values a tuning profile supplies. Immutable and validated on
 * construction.
 *
 * @param mode            how ops reach the workers
 * @param timing          how often workers read the clock
 * @param threads         worker threads, in [1, 4096]
 * @param batchSize       queued mode: ops handed to a worker per queue entry, and entries it drains per pass,
 *                        in [1, queueCapacity]
 * @param queueCapacity   queued mode: slots in each worker's queue, a power of two in [2, 2^30]
 * @param window          ops in flight per worker, in [1, queueCapacity], or {@link #AUTO_WINDOW}: in a closed
 *                        loop, the clients each worker serves (response time = queue wait + service, as
 *                        wrk's connection count); auto is one client when self-paced and, when queued,
 *                        enough ops for {@link #TARGET_QUEUE_NANOS} of queue wait
 * @param pinning         how workers are pinned to CPUs
 * @param numa            how workers are spread over NUMA nodes
 * @param allowedCpus     the CPUs workers may use; empty means every online CPU
 * @param blockBytes      size of each block in a worker's memory pool, in bytes, at least 64
 * @param blocksPerWorker blocks pre-allocated per worker, at least 1
 * @param idle            what idle workers and the dispatcher do
 */
public record EngineSettings(EngineMode mode, TimingMode timing, int threads, int batchSize, int queueCapacity, int window, Pinning pinning,
                             NumaPolicy numa, List<Integer> allowedCpus, long blockBytes, int blocksPerWorker,
                             IdleStrategy.Kind idle) {
    /** The guide's batch size. */
    public static final int DEFAULT_BATCH = 64;
    /** A window sized from the op's measured cost when the run starts. */
    public static final int AUTO_WINDOW = 0;
    /** Queue wait the queued mode's auto window aims at: 10 µs, in ns. */
    public static final long TARGET_QUEUE_NANOS = 10_000;
    /** Largest auto window. */
    public static final int MAX_AUTO_WINDOW = 1024;
    /** Default memory block: 64 KiB. */
    public static final long DEFAULT_BLOCK_BYTES = 64 * 1024;
    /** Default blocks per worker. */
    public static final int DEFAULT_BLOCKS = 16;

    /** How workers are pinned. */
    public enum Pinning {
        /** Not pinned: the OS scheduler places them. */
        NONE,
        /** Each worker pinned to one CPU of its node, round-robin. */
        CPU,
        /** Each worker pinned to all CPUs of its NUMA node. */
        NODE
    }

    /** How workers are spread over NUMA nodes. */
    public enum NumaPolicy {
        /** Ignore nodes: every worker may use every allowed CPU. */
        NONE,
        /** threads / nodes workers per node (the guide's threads_per_numa), remainder to the first nodes. */
        PER_NODE
    }

    public EngineSettings {
        allowedCpus = List.copyOf(allowedCpus);
        List<String> errors = new ArrayList<>();
        if (threads < 1 || threads > 4096) {
            errors.add("threads must be in [1, 4096], got " + threads);
        }
        if (!BoundedQueues.isValidCapacity(queueCapacity)) {
            errors.add("queue capacity must be a power of two in [2, 2^30], got " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > queueCapacity) {
            errors.add("batch must be in [1, queue capacity " + queueCapacity + "], got " + batchSize);
        }
        if (window != AUTO_WINDOW && (window < 1 || window > queueCapacity)) {
            errors.add("window must be 0 (auto) or in [1, queue capacity " + queueCapacity + "], got " + window);
        }
        if (blockBytes < 64) {
            errors.add("block bytes must be at least 64, got " + blockBytes);
        }
        if (blocksPerWorker < 1) {
            errors.add("blocks per worker must be at least 1, got " + blocksPerWorker);
        }
        if (mode == null || timing == null || pinning == null || numa == null || idle == null) {
            errors.add("mode, timing, pinning, numa and idle must be set");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /** @return self-paced workers, automatic timing and window, the guide's queue settings, {@code threads} workers */
    public static EngineSettings defaults(int threads) {
        return new EngineSettings(EngineMode.SELF_PACED, TimingMode.AUTO, threads, DEFAULT_BATCH,
                BoundedQueues.DEFAULT_CAPACITY, AUTO_WINDOW, Pinning.NONE, NumaPolicy.NONE, List.of(),
                DEFAULT_BLOCK_BYTES, DEFAULT_BLOCKS, IdleStrategy.Kind.BACKOFF);
    }

    /** @return these settings with another thread count */
    public EngineSettings withThreads(int newThreads) {
        return new EngineSettings(mode, timing, newThreads, batchSize, queueCapacity, window, pinning, numa, allowedCpus,
                blockBytes, blocksPerWorker, idle);
    }

    /** @return these settings in another mode, timing and window */
    public EngineSettings with(EngineMode newMode, TimingMode newTiming, int newWindow) {
        return new EngineSettings(newMode, newTiming, threads, batchSize, queueCapacity, newWindow, pinning, numa,
                allowedCpus, blockBytes, blocksPerWorker, idle);
    }

    /**
     * @param opNanos the op's measured cost, ns
     * @return the window a run uses: the set one, or the auto window for an op of that cost
     */
    public int windowFor(double opNanos) {
        if (window != AUTO_WINDOW) {
            return window;
        }
        if (mode == EngineMode.SELF_PACED) {
            return 1;
        }
        long ops = (long) Math.ceil(TARGET_QUEUE_NANOS / Math.max(opNanos, 0.1));
        return Math.clamp(ops, 2, Math.min(MAX_AUTO_WINDOW, queueCapacity));
    }
}
