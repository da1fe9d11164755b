package io.nexus.engine;

import io.nexus.engine.measure.IntervalRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPoolTest {
    /** A request that runs {@code work} and counts down when it has finished or failed. */
    private static final class Probe extends RequestPool.Request {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Runnable work;

        Probe(Runnable work) {
            this.work = work;
        }

        @Override
        protected void execute() {
            work.run();
            done.countDown();
        }

        @Override
        protected void failed(Throwable t) {
            failure.set(t);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS), "the request ended");
        }
    }

    /**
     * An idle backing-off worker ends up parked without a deadline (no CPU while the API is idle), and each request, and
     * the sampler's drain, wakes it. Planted by hand (no wake after the offer): red, the requests never ran.
     */
    @Test
    void anIdleWorkerSleepsUntilARequestOrTheSamplerWakesIt() throws Exception {
        try (RequestPool pool = new RequestPool("sleepy-pool", 1, 16, 1, IdleStrategy.Kind.BACKOFF)) {
            Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sleepy-pool-0")).findFirst().orElseThrow();
            for (int round = 0; round < 3; round++) {
                awaitSleeping(worker);
                Probe probe = new Probe(() -> { });
                assertTrue(pool.submit(probe));
                probe.await();
                assertEquals(null, probe.failure.get());
            }
            awaitSleeping(worker);
            Histogram response = IntervalRecorder.newHistogram();
            pool.drainInto(response, IntervalRecorder.newHistogram());
            assertEquals(3, response.getTotalCount(), "the sleeping worker swapped its recorder for the sampler");
        }
    }

    /**
     * The sampler's wake-up brings no request: the worker swaps its recorder and goes straight back to its untimed sleep,
     * without backing off again for {@link RequestPool#SLEEP_AFTER_NANOS} (which parks it for 100 µs at a time, thousands
     * of wake-ups a second, every time the API's metrics are refreshed). Planted by hand (idleSince reset when woken): red,
     * the worker was seen in a timed park.
     */
    @Test
    void theSamplersWakeUpSendsAnIdleWorkerStraightBackToSleep() throws Exception {
        try (RequestPool pool = new RequestPool("resleeping-pool", 1, 16, 1, IdleStrategy.Kind.BACKOFF)) {
            Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("resleeping-pool-0")).findFirst().orElseThrow();
            for (int round = 0; round < 3; round++) {
                Probe probe = new Probe(() -> { });
                assertTrue(pool.submit(probe));
                probe.await();
                awaitSleeping(worker);
                Histogram response = IntervalRecorder.newHistogram();
                pool.drainInto(response, IntervalRecorder.newHistogram());
                assertEquals(1, response.getTotalCount(), "the sleeping worker woke and swapped its recorder");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Thread.State state;
                while ((state = worker.getState()) != Thread.State.WAITING) {
                    assertNotEquals(Thread.State.TIMED_WAITING, state, "the worker backed off again after the sampler woke it");
                    assertTrue(System.nanoTime() < deadline, "the worker went back to sleep: " + state);
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Waits (up to 10 s) until {@code worker} is parked with no deadline: a timed park shows as TIMED_WAITING. */
    private static void awaitSleeping(Thread worker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the idle worker went to sleep: " + worker.getState());
            Thread.onSpinWait();
        }
    }

    @Test
    void aFullPoolRefusesAtOnceAndAStoppedPoolFailsWhatWaits() throws Exception {
        RequestPool pool = new RequestPool("test-pool", 1, 2, 1, IdleStrategy.Kind.BACKOFF);
        CountDownLatch release = new CountDownLatch(1);
        Probe blocker = new Probe(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(pool.submit(blocker));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.queueDepth() > 0) {
            assertTrue(System.nanoTime() < deadline);
            Thread.onSpinWait();
        }
        Probe second = new Probe(() -> { });
        Probe third = new Probe(() -> { });
        assertTrue(pool.submit(second) && pool.submit(third), "two queue slots");
        assertFalse(pool.submit(new Probe(() -> { })), "the third waiting request is refused, not queued");
        assertEquals(1, pool.rejected());
        release.countDown();
        blocker.await();
        second.await();
        third.await();
        Probe queuedAtClose = new Probe(() -> { });
        pool.close();
        assertFalse(pool.submit(queuedAtClose), "closed");
        assertFalse(pool.workersRunning());
    }

    @Test
    void anExceptionIsCountedAndTheWorkerGoesOnAnErrorEndsItVisibly() throws Exception {
        RequestPool pool = new RequestPool("test-pool", 1, 16, 4, IdleStrategy.Kind.BACKOFF);
        try {
            Probe throwing = new Probe(() -> {
                throw new IllegalArgumentException("bad input");
            });
            pool.submit(throwing);
            throwing.await();
            assertInstanceOf(IllegalArgumentException.class, throwing.failure.get());
            Probe ok = new Probe(() -> { });
            pool.submit(ok);
            ok.await();
            assertTrue(pool.workersRunning(), "an exception does not end the worker");
            Histogram response = IntervalRecorder.newHistogram();
            Histogram service = IntervalRecorder.newHistogram();
            assertEquals(1, pool.drainInto(response, service), "one failed request");
            assertEquals(1, response.getTotalCount(), "one timed request");

            Probe fatal = new Probe(() -> {
                throw new OutOfMemoryError("planted");
            });
            pool.submit(fatal);
            fatal.await();
            assertInstanceOf(OutOfMemoryError.class, fatal.failure.get(), "the request is told, its client is answered");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.workersRunning()) {
                assertTrue(System.nanoTime() < deadline, "readiness shows the lost worker");
                Thread.onSpinWait();
            }
            assertFalse(pool.submit(new Probe(() -> { })), "nothing is queued to a dead worker");
        } finally {
            pool.close();
        }
    }
}
