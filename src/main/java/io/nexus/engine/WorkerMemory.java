package io.nexus.engine;

import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Workload;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run's workers take of memory, sized before any is started: on the heap each worker's recorder
 * (four histograms), its queue in queued mode (a reference per slot) and its window ring; off the heap its
 * memory pool. A run that cannot fit is refused with the figures, instead of dying of OutOfMemoryError (or
 * hanging) part-way through starting thousands of workers. Immutable.
 *
 * @param workers      worker threads
 * @param heapPerWorker heap bytes per worker
 * @param offHeapPerWorker off-heap bytes per worker (its memory pool)
 * @param queueBytes   of {@code heapPerWorker}, the queue's part (0 in self-paced mode)
 */
public record WorkerMemory(int workers, long heapPerWorker, long offHeapPerWorker, long queueBytes) {
    /** Bytes counted per queue slot (a reference: 4 with compressed oops, 8 without) and per window slot (a long). */
    private static final long SLOT_BYTES = 8;
    /** The worker's own objects, kernel state and thread bookkeeping on the heap. */
    private static final long WORKER_OVERHEAD = 64 << 10;
    private static final long HISTOGRAM_BYTES = IntervalRecorder.newHistogram().getEstimatedFootprintInBytes();
    /** Share of the free heap or available RAM a run may plan to take. */
    private static final double USABLE = 0.8;

    /** @return the memory {@code settings} need for {@code workload} at {@code size} */
    public static WorkerMemory of(EngineSettings settings, Workload workload, int size) {
        long pool = FixedBlockPool.alignUp(poolBlockBytes(settings, workload, size)) * poolBlocks(settings, workload, size);
        if (workload.waitsOnIo()) {
            // event loops, each keeping the busiest loop's share of the connections (per lane: three longs and a flag)
            long lanes = EventLoopWorker.lanesFor(settings, 0);
            return new WorkerMemory(EventLoopWorker.loopsFor(settings), 4 * HISTOGRAM_BYTES + 3 * lanes * SLOT_BYTES + WORKER_OVERHEAD,
                    pool, 0);
        }
        long queue = settings.mode() == EngineMode.QUEUED ? settings.queueCapacity() * SLOT_BYTES : 0;
        long window = Math.max(1, settings.window()) * SLOT_BYTES;
        long heap = 4 * HISTOGRAM_BYTES + queue + window + WORKER_OVERHEAD;
        return new WorkerMemory(settings.threads(), heap, pool, queue);
    }

    /**
     * Makes one worker's memory pool, on the calling thread (so it is first touched there): the profile's {@code [memory]}
     * blocks, as many as the kernel needs at least; where the kernel's blocks are larger than the profile's, only the
     * blocks the kernel needs (sixteen 192 MiB blocks for one 64 MiB xor would be waste).
     */
    static FixedBlockPool newPool(EngineSettings settings, Workload workload, int size) {
        return new FixedBlockPool(poolBlockBytes(settings, workload, size), poolBlocks(settings, workload, size));
    }

    private static long poolBlockBytes(EngineSettings settings, Workload workload, int size) {
        return Math.max(settings.blockBytes(), workload.blockBytes(size));
    }

    private static int poolBlocks(EngineSettings settings, Workload workload, int size) {
        return workload.blockBytes(size) > settings.blockBytes() ? workload.blocksNeeded(size)
                : Math.max(settings.blocksPerWorker(), workload.blocksNeeded(size));
    }

    /**
     * @param freeHeap     heap this JVM can still give ({@code maxMemory - used})
     * @param availableRam RAM the kernel can still give, or a negative number when unknown
     * @return why the workers do not fit, with what would, or empty when they do
     */
    public Optional<String> whyNotFitting(long freeHeap, long availableRam) {
        long heap = heapPerWorker * workers;
        if (heap > freeHeap * USABLE) {
            return Optional.of(String.format(Locale.ROOT, "%d workers need %s of heap (%s each%s), and this JVM has %s free: use at most %d threads%s,"
                            + " or a larger -Xmx", workers, size(heap), size(heapPerWorker),
                    queueBytes > 0 ? ", of which " + size(queueBytes) + " is the queue" : "", size(freeHeap),
                    Math.max(1, (long) (freeHeap * USABLE / heapPerWorker)), queueBytes > 0 ? ", a smaller [queue] capacity" : ""));
        }
        long offHeap = offHeapPerWorker * workers;
        if (availableRam >= 0 && offHeap > availableRam * USABLE) {
            return Optional.of(String.format(Locale.ROOT, "%d workers need %s of memory pools (%s each), and the machine has %s available: use at most"
                    + " %d threads, or smaller [memory] blocks", workers, size(offHeap), size(offHeapPerWorker), size(availableRam),
                    Math.max(1, (long) (availableRam * USABLE / offHeapPerWorker))));
        }
        return Optional.empty();
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
