package io.nexus.engine.queue;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The engine's lock-free bounded queues: JCTools' array queues, whose capacity is exactly the
 * power of two asked for. A full queue refuses {@code offer} (back-pressure); nothing grows.
 *
 * <p>JCTools was kept after measuring it against the alternatives (see {@code QueueHandoffBenchmark}):
 * its single-producer/single-consumer ring moves a reference in a few nanoseconds, and
 * {@link MessagePassingQueue#drain(MessagePassingQueue.Consumer, int)} drains a batch without allocating.
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
        return new SpscArrayQueue<>(checkCapacity(capacity));
    }

    /**
     * @param capacity a power of two in [2, 2^30]
     * @return a queue for any number of producer threads and one consumer thread
     */
    public static <E> MessagePassingQueue<E> multiProducerSingleConsumer(int capacity) {
        return new MpscArrayQueue<>(checkCapacity(capacity));
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
