package io.nexus.engine.queue;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * The engine's lock-free bounded queues: JCTools' array queues, whose capacity is exactly the
 * power of two asked for. A full queue refuses {@code offer} (back-pressure); nothing grows.
 *
 * <p>JCTools was kept after measuring it against the alternatives ({@code QueueHandoffBenchmark}: its
 * single-producer/single-consumer ring hands over ~150-230 M refs/s here, {@code ArrayBlockingQueue}
 * ~40 M/s), and {@link MessagePassingQueue#drain(MessagePassingQueue.Consumer, int)} drains a batch
 * without allocating. The {@code atomic} flavour is used: it needs no {@code sun.misc.Unsafe} (which
 * JDK 25 warns about on every start), and the hand-off is not the engine's bottleneck (~5 ns of ~100 ns
 * per op).
 */
public final class BoundedQueues {
    /** The guide's default capacity: 2^20 entries. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** The largest capacity accepted: 2^30 entries. */
    public static final int MAX_CAPACITY = 1 << 30;

    private BoundedQueues() {
    }

    /**
     * @param capacity a power of two in [2, 2^30]
     * @return a queue for exactly one producer thread and one consumer thread
     */
    public static <E> MessagePassingQueue<E> singleProducerSingleConsumer(int capacity) {
        return new SpscAtomicArrayQueue<>(checkCapacity(capacity));
    }

    /**
     * @param capacity a power of two in [2, 2^30]
     * @return a queue for any number of producer threads and one consumer thread
     */
    public static <E> MessagePassingQueue<E> multiProducerSingleConsumer(int capacity) {
        return new MpscAtomicArrayQueue<>(checkCapacity(capacity));
    }

    /** @return {@code true} if {@code capacity} is a power of two in [2, 2^30] */
    public static boolean isValidCapacity(long capacity) {
        return capacity >= 2 && capacity <= MAX_CAPACITY && Long.bitCount(capacity) == 1;
    }

    private static int checkCapacity(int capacity) {
        if (!isValidCapacity(capacity)) {
            throw new IllegalArgumentException("queue capacity must be a power of two in [2, 2^30], got " + capacity);
        }
        return capacity;
    }
}
