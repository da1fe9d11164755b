package io.nexus.engine;

import io.nexus.engine.measure.WorkerRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.memory.PaddedCounter;
import io.nexus.engine.queue.BoundedQueues;
import io.nexus.engine.topology.ThreadAffinity;
import io.nexus.engine.workload.Kernel;
import java.util.concurrent.CountDownLatch;
import org.jctools.queues.MessagePassingQueue;

/**
 * One engine worker: drains its own queue, up to {@code batch} runs of ops per pass, runs the kernel
 * once per op, and records each measured op's response time (from its intended start) and service time
 * into its own recorder; warm-up ops run the same way but are not recorded.
 *
 * <p>The hot path ({@link #accept(Op)}) allocates nothing, takes no lock and makes one
 * {@link System#nanoTime()} call per op: an op's service time runs from the end of the previous op
 * (or the start of the pass) to its own end. The completed-op count is published once per pass.
 *
 * <p><b>Thread-safety:</b> {@link #run()} runs on the worker's thread; the dispatcher offers to
 * {@link #queue()}; any thread reads {@link #completed()}, {@link #recorder()} and {@link #status()}.
 */
final class Worker implements Runnable, MessagePassingQueue.Consumer<Op> {
    private final int index;
    private final EngineSettings settings;
    private final WorkerPlacement placement;
    private final LoadPlan plan;
    private final CountDownLatch ready;
    private final MessagePassingQueue<Op> queue;
    private final PaddedCounter completed = new PaddedCounter();
    private final WorkerRecorder recorder = new WorkerRecorder();
    private volatile boolean stopRequested;
    private volatile boolean discarding;
    private volatile boolean skipWarmup;
    private volatile String status = "starting";
    private volatile Throwable failure;
    private Kernel kernel;
    private long previousEnd;
    private long opsDone;

    Worker(int index, EngineSettings settings, WorkerPlacement placement, LoadPlan plan, CountDownLatch ready) {
        this.index = index;
        this.settings = settings;
        this.placement = placement;
        this.plan = plan;
        this.ready = ready;
        this.queue = BoundedQueues.singleProducerSingleConsumer(settings.queueCapacity());
    }

    @Override
    public void run() {
        pin();
        long blockBytes = Math.max(settings.blockBytes(), plan.workload().blockBytes(plan.size()));
        int blocks = Math.max(settings.blocksPerWorker(), plan.workload().blocksNeeded(plan.size()));
        try (FixedBlockPool memory = new FixedBlockPool(blockBytes, blocks)) {
            Kernel k = plan.workload().newKernel(plan.size(), memory, plan.seed() + index);
            kernel = k;
            try (k) {
                ready.countDown();
                drainUntilStopped();
            }
        } catch (Throwable e) {
            failure = e;
            status = "failed: " + e;
            ready.countDown();
        }
    }

    private void pin() {
        if (placement.cpus().isEmpty()) {
            status = "unpinned, node " + placement.node();
            return;
        }
        ThreadAffinity.PinResult pin = ThreadAffinity.pinCurrentThread(placement.cpus());
        status = pin.isPinned() ? "pinned to CPUs " + io.nexus.engine.topology.CpuList.format(pin.cpus()) + ", node " + placement.node()
                : "unpinned (" + pin.reason().orElseThrow() + ")";
    }

    private void drainUntilStopped() {
        IdleStrategy idle = settings.idle().newInstance();
        int batch = settings.batchSize();
        while (true) {
            previousEnd = System.nanoTime();
            int drained = queue.drain(this, batch);
            if (drained > 0) {
                completed.setRelease(opsDone);
            } else if (stopRequested && queue.isEmpty()) {
                return;
            }
            idle.idle(drained);
        }
    }

    /** Runs a run of ops: the hot path. */
    @Override
    public void accept(Op run) {
        int count = run.count;
        opsDone += count;
        if (discarding || (skipWarmup && !run.measured)) {
            return;
        }
        boolean measured = run.measured;
        long first = run.firstIntendedStartNanos;
        double interval = run.intervalNanos;
        for (int i = 0; i < count; i++) {
            try {
                kernel.execute();
            } catch (Exception e) {
                if (measured) {
                    recorder.recordError();
                }
                previousEnd = System.nanoTime();
                continue;
            }
            long end = System.nanoTime();
            if (measured) {
                recorder.recordOp(end - first - (long) (i * interval), end - previousEnd);
            }
            previousEnd = end;
        }
    }

    MessagePassingQueue<Op> queue() {
        return queue;
    }

    PaddedCounter completed() {
        return completed;
    }

    WorkerRecorder recorder() {
        return recorder;
    }

    String status() {
        return status;
    }

    Throwable failure() {
        return failure;
    }

    /** Skips the warm-up ops still queued: the warm-up time is over. */
    void skipWarmup() {
        skipWarmup = true;
    }

    /**
     * Asks the worker to exit once its queue is empty, skipping the ops still queued: the run is over, so
     * they are outside the measurement.
     */
    void stop() {
        discarding = true;
        stopRequested = true;
    }

    int index() {
        return index;
    }
}
