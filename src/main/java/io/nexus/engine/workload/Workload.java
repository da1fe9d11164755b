package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;

/**
 * A kind of op the engine can run: its name, the meaning and range of its size parameter, and a factory
 * of per-worker {@link Kernel}s. Implementations are thread-safe, and immutable but for the counters behind
 * {@link #outcomeCounts()}.
 */
public interface Workload {
    /** @return the name used on the command line and in results, e.g. {@code "xor"} */
    String name();

    /** @return a one-line description for help texts */
    String description();

    /** @return what {@code size} counts, e.g. {@code "bytes"} or {@code "n (matrix order)"} */
    String sizeUnit();

    /** @return the smallest accepted size */
    int minSize();

    /** @return the largest accepted size */
    int maxSize();

    /** @return the size used when none is given */
    int defaultSize();

    /**
     * @return how many blocks of {@link #blockBytes(int)} one kernel of this size takes from the worker's pool; 0 if the
     *     kernel keeps its data on the heap
     */
    default int blocksNeeded(int size) {
        return 0;
    }

    /** @return size of each pool block the kernel needs, in bytes */
    default long blockBytes(int size) {
        return 0;
    }

    /** @return floating-point operations per op, or 0 where FLOP/s means nothing */
    default double flopsPerOp(int size) {
        return 0;
    }

    /** @return bytes processed per op, or 0 where bytes/s means nothing */
    default long bytesPerOp(int size) {
        return 0;
    }

    /** @return a short description of the implementation in use (e.g. which kernel), for the result's environment */
    default String implementation() {
        return "java";
    }

    /**
     * Makes a kernel. Called on the worker's own thread so that its buffers are first touched there.
     *
     * @param size   in [{@link #minSize()}, {@link #maxSize()}]
     * @param memory the worker's pool, holding at least {@link #blocksNeeded(int)} free blocks of
     *               at least {@link #blockBytes(int)} bytes
     * @param seed   seed for the kernel's input data, so runs are reproducible
     */
    Kernel newKernel(int size, FixedBlockPool memory, long seed);

    /**
     * @return whether an op spends most of its time waiting for I/O (a network round trip) rather than on a CPU: the
     *     engine then runs it as event loops ({@link #newEventKernel}), each worker thread keeping many ops in flight
     *     (as wrk keeps many connections on one thread), so many connections are not as many threads competing for the
     *     CPUs
     */
    default boolean waitsOnIo() {
        return false;
    }

    /**
     * Makes an event-loop kernel, on the worker's own thread; only for workloads that {@link #waitsOnIo()}.
     *
     * @param size  in [{@link #minSize()}, {@link #maxSize()}]
     * @param lanes ops the kernel keeps in flight at most (for HTTP: connections), at least 1
     * @param seed  seed for the kernel's input data
     * @throws UnsupportedOperationException if this workload does not wait on I/O
     */
    default EventKernel newEventKernel(int size, int lanes, long seed) {
        throw new UnsupportedOperationException(name() + " runs on the CPU, not as an event loop");
    }

    /**
     * @return what the ops so far came to, by kind (e.g. HTTP status classes), counted since this instance was made; empty
     *     for workloads whose ops only succeed or fail. A sampler reports the differences per interval.
     */
    default java.util.Map<String, Long> outcomeCounts() {
        return java.util.Map.of();
    }

    /**
     * @return an error message if {@code size} is out of range, otherwise {@code null}
     */
    default String checkSize(int size) {
        if (size < minSize() || size > maxSize()) {
            return name() + " size must be in [" + minSize() + ", " + maxSize() + "] " + sizeUnit() + ", got " + size;
        }
        return null;
    }
}
