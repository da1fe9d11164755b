package io.nexus.engine;

import io.nexus.engine.queue.BoundedQueues;
import java.util.ArrayList;
import java.util.List;

/**
 * How the engine is tuned: the values a tuning profile supplies. Immutable and validated on
 * construction.
 *
 * @param threads         worker threads, in [1, 4096]
 * @param batchSize       ops handed to a worker per queue entry, and entries it drains per pass, in [1, queueCapacity]
 * @param queueCapacity   slots in each worker's queue, a power of two in [2, 2^30]
 * @param window          ops in flight per worker (submitted, not yet completed), in [1, queueCapacity];
 *                        bounds queue wait as wrk's connection count does
 * @param pinning         how workers are pinned to CPUs
 * @param numa            how workers are spread over NUMA nodes
 * @param allowedCpus     the CPUs workers may use; empty means every online CPU
 * @param blockBytes      size of each block in a worker's memory pool, in bytes, at least 64
 * @param blocksPerWorker blocks pre-allocated per worker, at least 1
 * @param idle            what idle workers and the dispatcher do
 */
public record EngineSettings(int threads, int batchSize, int queueCapacity, int window, Pinning pinning,
                             NumaPolicy numa, List<Integer> allowedCpus, long blockBytes, int blocksPerWorker,
                             IdleStrategy.Kind idle) {
    /** The guide's batch size. */
    public static final int DEFAULT_BATCH = 64;
    /** Default ops in flight per worker: four batches, so a worker always has a queued batch while the next is sent. */
    public static final int DEFAULT_WINDOW = 256;
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
        if (window < 1 || window > queueCapacity) {
            errors.add("window must be in [1, queue capacity " + queueCapacity + "], got " + window);
        }
        if (blockBytes < 64) {
            errors.add("block bytes must be at least 64, got " + blockBytes);
        }
        if (blocksPerWorker < 1) {
            errors.add("blocks per worker must be at least 1, got " + blocksPerWorker);
        }
        if (pinning == null || numa == null || idle == null) {
            errors.add("pinning, numa and idle must be set");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /** @return the guide's defaults with {@code threads} workers */
    public static EngineSettings defaults(int threads) {
        return new EngineSettings(threads, DEFAULT_BATCH, BoundedQueues.DEFAULT_CAPACITY, DEFAULT_WINDOW,
                Pinning.NONE, NumaPolicy.NONE, List.of(), DEFAULT_BLOCK_BYTES, DEFAULT_BLOCKS, IdleStrategy.Kind.BACKOFF);
    }

    /** @return these settings with another thread count */
    public EngineSettings withThreads(int newThreads) {
        return new EngineSettings(newThreads, batchSize, queueCapacity, window, pinning, numa, allowedCpus,
                blockBytes, blocksPerWorker, idle);
    }
}
