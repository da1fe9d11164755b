package io.nexus.engine;

import io.nexus.engine.queue.BoundedQueues;
import io.nexus.engine.workload.Kernel;
import java.util.concurrent.CountDownLatch;
import org.jctools.queues.MessagePassingQueue;

/**
 * A worker fed through its own bounded lock-free queue (the guide's hand-off): the {@link Dispatcher}
 * offers runs of ops ({@link Op}), the worker drains up to {@code batch} entries per pass, times each entry
 * (per op when {@link #opsPerTimedRun()} is one) and publishes its completed count after each entry, so
 * the dispatcher can refill the window while the rest of the batch runs.
 *
 * <p>An entry is timed in runs of at most {@link #opsPerTimedRun()} ops, as the self-paced worker times its
 * ops, so the stated bound holds whatever the batch; a stop or cancel is seen between those runs, so it
 * takes effect within one timed run, not one entry (an entry of 64 matrix ops is most of a second).
 *
 * <p><b>Thread-safety:</b> as {@link Worker}; the dispatcher is the queue's single producer.
 */
final class QueuedWorker extends Worker implements MessagePassingQueue.Consumer<Op> {
    private final MessagePassingQueue<Op> queue;
    private volatile boolean skipping;
    private Kernel kernel;
    private TimedRun timed;
    private long done;

    QueuedWorker(int index, EngineSettings settings, WorkerPlacement placement, LoadPlan plan, RunState state, Timing timing,
                 CountDownLatch ready) {
        super(index, settings, placement, plan, state, timing, ready);
        this.queue = BoundedQueues.singleProducerSingleConsumer(settings.queueCapacity());
    }

    @Override
    void work(Kernel k) {
        kernel = k;
        timed = new TimedRun(opNanos());
        IdleStrategy idle = settings.idle().newInstance();
        int batch = settings.batchSize();
        while (!state.stopRequested()) {
            enterPhaseIfStarted();
            idle.idle(queue.drain(this, batch));
        }
    }

    /** Runs one entry of ops: the hot path. */
    @Override
    public void accept(Op run) {
        int count = run.count;
        if (skipping) {
            done += count;
            published(done, System.nanoTime());
            return;
        }
        long first = run.firstIntendedStartNanos;
        double interval = run.intervalNanos;
        int perRun = opsPerTimedRun();
        long end = 0;
        if (perRun == 1) {
            end = timeEachOp(count, first, interval);
        } else {
            for (int from = 0; from < count && !state.stopRequested(); from += perRun) {
                end = timeAsOneRun(Math.min(perRun, count - from), first + (long) (from * interval), interval);
            }
        }
        done += count;
        published(done, end);
    }

    private long timeEachOp(int count, long first, double interval) {
        long end = 0;
        for (int i = 0; i < count && !state.stopRequested(); i++) {
            long begin = System.nanoTime();
            try {
                kernel.execute();
            } catch (Exception e) {
                recorder.recordErrors(1);
                end = System.nanoTime();
                continue;
            }
            end = System.nanoTime();
            recorder.record(end - (first + (long) (i * interval)), end - begin);
        }
        return end;
    }

    /** Times {@code count} ops of an entry as one run; op {@code i} was due at {@code first + i * interval}. */
    private long timeAsOneRun(int count, long first, double interval) {
        long begin = System.nanoTime();
        int ok = runTimed(kernel, count, begin, timed);
        if (sampledEndNanos() != 0) {
            // The first op waited least (the entry's ops were due together or in order): later ops are placed
            // after it at the typical op time, so no response is taken shorter than it was.
            recorder.recordService(sampledEndNanos() - begin, ok);
            long step = timed.laterServiceNanos();
            for (int i = 0; i < ok; i++) {
                recorder.recordResponse(sampledEndNanos() + i * step - (first + (long) (i * interval)), 1);
            }
        } else {
            recordService(timed, ok);
            for (int i = 0; i < ok; i++) {
                recorder.recordResponse(timed.endOf(i) - (first + (long) (i * interval)), 1);
            }
        }
        return timed.endNanos();
    }

    MessagePassingQueue<Op> queue() {
        return queue;
    }

    /**
     * Sets whether the entries polled from now on are skipped (counted as completed, not run): the dispatcher skips
     * what a warm-up phase left queued, and clears it before it issues the next phase. Dispatcher thread.
     */
    void skipQueued(boolean skip) {
        skipping = skip;
    }
}
