package io.nexus.engine;

import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.queue.BoundedQueues;
import org.HdrHistogram.Histogram;
import org.jctools.queues.MessagePassingQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Workers that run requests handed over from other threads, such as an HTTP server's event loops: the engine's
 * queued mode for work that arrives instead of being scheduled. Each worker drains its own bounded
 * multi-producer queue, up to {@code batch} requests per pass, and waits with the profile's idle strategy when
 * it finds none. With the back-off strategy, a worker that has found nothing for {@link #SLEEP_AFTER_NANOS} sleeps
 * until a request (or the sampler, or {@link #close()}) wakes it: an idle API costs no CPU, where parks of 100 µs
 * would wake each worker thousands of times a second and take the CPU from the server's event loops. Woken by the
 * sampler alone, it swaps its recorder and sleeps again at once. A request goes
 * to the next worker round-robin, or to the next one with room; when every queue is
 * full {@link #submit} refuses it at once (back-pressure: the caller answers "busy", nothing waits unbounded).
 *
 * <p>Each request's <em>response time</em> (from its hand-over to its end, so queue wait counts) and <em>service
 * time</em> (its own run) go to the worker's {@link IntervalRecorder}; {@link #drainInto} merges every worker's
 * interval histograms, never their percentiles.
 *
 * <p><b>Thread-safety:</b> {@link #submit}, {@link #queueDepth()} and {@link #workersRunning()} from any thread;
 * {@link #drainInto} from one thread at a time (the recorders' single reader); {@link #close()} once, from any
 * thread. A request that throws an {@link Exception} is counted as an error and told through
 * {@link Request#failed}; its worker goes on. An {@link Error} is told the same way and ends its worker, which
 * {@link #workersRunning()} then shows; a worker that ends fails what is left in its queue. A request offered in the
 * instant a worker ends may stay unanswered (the offer raced the worker's last drain).
 */
public final class RequestPool implements AutoCloseable {
    /** How long {@link #drainInto} waits for a worker to swap its recorder: 50 ms. */
    private static final long SWAP_WAIT_NANOS = 50_000_000L;
    /**
     * How long a backing-off worker finds nothing after the last request it ran before it sleeps until woken: 50 ms, so
     * that requests a few milliseconds apart still find it awake (a wake-up costs a system call and the scheduler's
     * latency, in the request's time).
     */
    static final long SLEEP_AFTER_NANOS = 50_000_000L;

    /** One unit of work handed to the pool. Its methods run on a worker thread. */
    public abstract static class Request {
        long submittedNanos;

        /** Does the work and hands its result on (e.g. writes the HTTP response). */
        protected abstract void execute() throws Exception;

        /** Called instead of a result when {@link #execute()} threw {@code failure}; must not throw. */
        protected abstract void failed(Throwable failure);
    }

    private final List<PoolWorker> workers = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private final boolean sleepWhenIdle;
    private volatile boolean stopping;

    /**
     * Starts {@code threads} workers named {@code name-0}, {@code name-1}, ...
     *
     * @param threads  in [1, 4096]
     * @param capacity requests each worker's queue holds, a power of two in [2, 2^30]
     * @param batch    requests drained per pass, at least 1
     * @param idle     what a worker does when its queue is empty
     */
    public RequestPool(String name, int threads, int capacity, int batch, IdleStrategy.Kind idle) {
        if (threads < 1 || threads > 4096 || batch < 1) {
            throw new IllegalArgumentException("a request pool needs 1 to 4096 threads and a batch of at least 1, got "
                    + threads + " threads, batch " + batch);
        }
        this.sleepWhenIdle = idle == IdleStrategy.Kind.BACKOFF;
        for (int i = 0; i < threads; i++) {
            PoolWorker worker = new PoolWorker(BoundedQueues.multiProducerSingleConsumer(capacity), batch, idle.newInstance());
            workers.add(worker);
            worker.thread = Thread.ofPlatform().name(name + "-" + i).daemon(true).start(worker);
        }
    }

    /**
     * Hands {@code request} to a worker, stamping its hand-over time. Any thread; never blocks.
     *
     * @return {@code false} when every worker's queue is full or the pool is closed: the request will not run
     */
    public boolean submit(Request request) {
        if (stopping) {
            return false;
        }
        request.submittedNanos = System.nanoTime();
        int n = workers.size();
        int first = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            PoolWorker w = workers.get((first + i) % n);
            if (w.alive && w.queue.offer(request)) {
                w.wake();
                return true;
            }
        }
        rejected.incrementAndGet();
        return false;
    }

    /** @return requests waiting in the workers' queues now (a moment's estimate while they run) */
    public long queueDepth() {
        long depth = 0;
        for (PoolWorker w : workers) {
            depth += w.queue.size();
        }
        return depth;
    }

    /** @return the requests one worker's queue holds */
    public int capacityPerWorker() {
        return workers.getFirst().queue.capacity();
    }

    /** @return worker threads */
    public int threads() {
        return workers.size();
    }

    /** @return whether the pool is open and every worker thread is alive */
    public boolean workersRunning() {
        if (stopping) {
            return false;
        }
        for (PoolWorker w : workers) {
            if (!w.alive) {
                return false;
            }
        }
        return true;
    }

    /** @return requests refused since the pool started because every queue was full */
    public long rejected() {
        return rejected.get();
    }

    /**
     * Moves what the workers recorded since the last call into the given histograms (ns). One thread at a time.
     *
     * @return requests that failed in that time
     */
    public long drainInto(Histogram responseOut, Histogram serviceOut) {
        long deadline = System.nanoTime() + SWAP_WAIT_NANOS;
        long[] requests = new long[workers.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = workers.get(i).recorder.requestSwap();
            workers.get(i).wake();
        }
        long failed = 0;
        for (int i = 0; i < requests.length; i++) {
            PoolWorker w = workers.get(i);
            failed += w.alive ? Math.max(0, w.recorder.drainSwapped(requests[i], responseOut, serviceOut, deadline)) : 0;
        }
        return failed;
    }

    /**
     * Stops the workers after the request each is running: each fails what is still in its own queue (told
     * {@link Request#failed} with an {@link IllegalStateException}) and ends. Waits up to a second for each thread (a long
     * matrix job may still be running after that; its worker ends when it has); an interrupt ends the waits early and is
     * kept set.
     */
    @Override
    public void close() {
        stopping = true;
        workers.forEach(PoolWorker::wake);
        for (PoolWorker w : workers) {
            try {
                w.thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells {@code request} it failed; a failure to tell (e.g. its connection's event loop is gone) cannot stop a worker. */
    private static void failQuietly(Request request, Throwable failure) {
        try {
            request.failed(failure);
        } catch (RuntimeException ignored) {
            // nobody is left to answer
        }
    }

    /** One worker: drains its queue; the recorder's single writer. */
    private final class PoolWorker implements Runnable, MessagePassingQueue.Consumer<Request> {
        final MessagePassingQueue<Request> queue;
        final IntervalRecorder recorder = new IntervalRecorder();
        volatile boolean alive = true;
        /** Set while the worker sleeps (or is about to): whoever gives it something to do unparks it. */
        private volatile boolean sleeping;
        private final int batch;
        private final IdleStrategy idle;
        Thread thread;

        PoolWorker(MessagePassingQueue<Request> queue, int batch, IdleStrategy idle) {
            this.queue = queue;
            this.batch = batch;
            this.idle = idle;
        }

        @Override
        public void run() {
            try {
                long idleSince = 0;
                while (!stopping) {
                    recorder.swapIfRequested();
                    int done = queue.drain(this, batch);
                    if (done > 0 || !sleepWhenIdle) {
                        idleSince = 0;
                    } else if (idleSince == 0) {
                        idleSince = System.nanoTime();
                    } else if (System.nanoTime() - idleSince > SLEEP_AFTER_NANOS) {
                        sleepUntilWoken();
                        // woken: the idle strategy starts again from its first stage; idleSince is kept, so a wake-up that
                        // brought no request (the sampler's swap, a spurious or left-over unpark) puts the worker back to
                        // sleep at its next empty pass
                        done = 1;
                    }
                    idle.idle(done);
                }
                recorder.swapIfRequested();
            } finally {
                alive = false;
                IllegalStateException closed = new IllegalStateException("the engine's request pool was stopped");
                queue.drain(waiting -> failQuietly(waiting, closed));
            }
        }

        /**
         * Parks until {@link #wake()}. The flag is set before the last look at the queue and read by a producer after its
         * offer (both volatile): either the worker sees the request, or the producer sees the flag and unparks it.
         */
        private void sleepUntilWoken() {
            sleeping = true;
            if (queue.isEmpty() && !stopping && !recorder.swapRequested()) {
                LockSupport.park(this);
            }
            sleeping = false;
        }

        /** Unparks the worker if it sleeps. Any thread. */
        void wake() {
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void accept(Request request) {
            if (stopping) {
                failQuietly(request, new IllegalStateException("the engine's request pool was stopped"));
                return;
            }
            long begin = System.nanoTime();
            try {
                request.execute();
            } catch (Exception e) {
                recorder.recordErrors(1);
                failQuietly(request, e);
                return;
            } catch (Error e) {
                alive = false;
                recorder.recordErrors(1);
                failQuietly(request, e);
                throw e;
            }
            long end = System.nanoTime();
            recorder.record(end - request.submittedNanos, end - begin);
        }
    }
}
