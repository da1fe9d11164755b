package io.nexus.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PaddedCounterTest {
    @Test
    void manyWritersLoseNoIncrement() throws InterruptedException {
        PaddedCounter counter = new PaddedCounter();
        int threads = 4;
        int perThread = 100_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    counter.getAndAdd(1);
                }
                done.countDown();
            });
        }
        done.await();
        assertEquals((long) threads * perThread, counter.get());
    }

    @Test
    void singleWriterPublishesEveryAddition() throws InterruptedException {
        PaddedCounter counter = new PaddedCounter();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                counter.addSingleWriter(1);
            }
        });
        long last = 0;
        while (writer.isAlive()) {
            long seen = counter.getAcquire();
            assertEquals(true, seen >= last, "a reader never sees the count go backwards");
            last = seen;
        }
        writer.join();
        assertEquals(1_000_000, counter.getAcquire());
    }
}
