package io.nexus.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jctools.queues.MessagePassingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One sanity suite run against every queue the engine may use, as JCTools does. */
class BoundedQueuesTest {
    static Stream<Arguments> queues() {
        IntFunction<MessagePassingQueue<Integer>> spsc = BoundedQueues::singleProducerSingleConsumer;
        IntFunction<MessagePassingQueue<Integer>> mpsc = BoundedQueues::multiProducerSingleConsumer;
        return Stream.of(Arguments.of("spsc", spsc), Arguments.of("mpsc", mpsc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void holdsExactlyItsCapacityThenPushesBack(String name, IntFunction<MessagePassingQueue<Integer>> factory) {
        MessagePassingQueue<Integer> queue = factory.apply(16);
        assertEquals(16, queue.capacity());
        for (int i = 0; i < 16; i++) {
            assertTrue(queue.offer(i));
        }
        assertFalse(queue.offer(99), "a full queue refuses: back-pressure, no growth");
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void drainTakesAtMostTheBatchInFifoOrder(String name, IntFunction<MessagePassingQueue<Integer>> factory) {
        MessagePassingQueue<Integer> queue = factory.apply(256);
        for (int i = 0; i < 200; i++) {
            queue.offer(i);
        }
        List<Integer> drained = new ArrayList<>();
        assertEquals(64, queue.drain(drained::add, 64));
        assertEquals(64, drained.size());
        for (int i = 0; i < 64; i++) {
            assertEquals(i, drained.get(i));
        }
        assertEquals(136, queue.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void concurrentTransferLosesNothingAndKeepsOrder(String name, IntFunction<MessagePassingQueue<Integer>> factory)
            throws InterruptedException {
        MessagePassingQueue<Integer> queue = factory.apply(1024);
        int count = 2_000_000;
        Integer[] boxes = new Integer[1024];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = i;
        }
        AtomicReference<String> problem = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            int[] expected = {0};
            while (expected[0] < count) {
                queue.drain(v -> {
                    if (v != expected[0] % 1024 && problem.get() == null) {
                        problem.set("got " + v + " at " + expected[0]);
                    }
                    expected[0]++;
                }, 64);
            }
        });
        for (int i = 0; i < count; ) {
            if (queue.relaxedOffer(boxes[i % 1024])) {
                i++;
            } else {
                Thread.onSpinWait();
            }
        }
        consumer.join(30_000);
        assertFalse(consumer.isAlive(), "consumer received every element");
        assertEquals(null, problem.get());
        assertTrue(queue.isEmpty());
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> BoundedQueues.singleProducerSingleConsumer(1000));
        assertThrows(IllegalArgumentException.class, () -> BoundedQueues.singleProducerSingleConsumer(1));
        assertTrue(BoundedQueues.isValidCapacity(1 << 20));
        assertFalse(BoundedQueues.isValidCapacity((1L << 30) + 1));
    }
}
