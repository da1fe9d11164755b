package io.nexus.engine;

import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.memory.PaddedCounter;
import io.nexus.engine.topology.CpuList;
import io.nexus.engine.topology.ThreadAffinity;
import io.nexus.engine.workload.Kernel;
import java.util.concurrent.CountDownLatch;

/**
 * One engine worker thread: pins itself, makes its kernel from its own memory pool (so buffers are first
 * touched on its node), then runs ops as its mode says ({@link SelfPacedWorker}, {@link QueuedWorker}),
 * recording each into its own {@link IntervalRecorder}. Warm-up runs through the same code as
 * measurement, in phases ({@link RunState#startWarmUpPhase}); at each phase, measurement the last, the worker
 * discards what it recorded and restarts its schedule, and once measuring says so ({@link #measuring()}).
 *
 * <p>Any {@link Throwable} that escapes the kernel's op contract (an {@link Error}, or a failure to make
 * the kernel) fails the whole run with its message.
 *
 * <p><b>Thread-safety:</b> {@link #run()} runs on the worker's own thread; other threads read the
 * published figures ({@link #completed()}, {@link #lastEndNanos()}, ...).
 */
abstract class Worker implements Runnable {
    private static final long PROBE_NANOS = 100_000_000L;
    private static final int PROBE_OPS = 200_000;

    final int index;
    final EngineSettings settings;
    final LoadPlan plan;
    final RunState state;
    final Timing timing;
    /** Whether each timed run's first op is timed alone and stands for the run ({@link Timing#sampled()}). */
    final boolean sampled;
    private long sampledEndNanos;
    final IntervalRecorder recorder = new IntervalRecorder();
    /** Ops finished (run or failed), warm-up and measured, published after each timed run. */
    final PaddedCounter completed = new PaddedCounter();
    private final WorkerPlacement placement;
    private final CountDownLatch ready;
    private volatile boolean measuring;
    /** The run's phase this worker is in ({@link RunState#phase()}). Worker thread only. */
    private int phase;
    /** Warm-up's ops discarded so far, and the sum of their service times, ns: the op's cost. Worker thread only. */
    private long warmupOps;
    private double warmupServiceNanos;
    /** When the last timed run ended: a release store, as a volatile write would fence every run. */
    private final PaddedCounter lastEndNanos = new PaddedCounter();
    private volatile int opsPerTimedRun = 1;
    private volatile double opNanos;
    private volatile String status = "starting";

    Worker(int index, EngineSettings settings, WorkerPlacement placement, LoadPlan plan, RunState state, Timing timing,
           CountDownLatch ready) {
        this.index = index;
        this.settings = settings;
        this.placement = placement;
        this.plan = plan;
        this.state = state;
        this.timing = timing;
        this.sampled = timing.sampled();
        this.ready = ready;
    }

    @Override
    public final void run() {
        pin();
        boolean started = false;
        try (FixedBlockPool memory = WorkerMemory.newPool(settings, plan.workload(), plan.size())) {
            try (Kernel kernel = newKernel(memory)) {
                double cost = probe(kernel);
                opNanos = cost;
                opsPerTimedRun = timedRunFor(cost);
                started = true;
                ready.countDown();
                work(kernel);
            }
        } catch (Throwable e) {
            status = "failed: " + e;
            state.fail(e);
        } finally {
            if (!started) {
                ready.countDown();
            }
            state.wakeController();
        }
    }

    /** @return this worker's kernel, made from its memory pool; worker thread only */
    Kernel newKernel(FixedBlockPool memory) {
        return plan.workload().newKernel(plan.size(), memory, plan.seed() + index);
    }

    /** Runs ops until the run is over. Worker thread only. */
    abstract void work(Kernel kernel) throws Exception;

    /**
     * Runs the kernel, unrecorded, in chunks that double from one op, for up to 100 ms or 200,000 ops, and
     * returns the fastest chunk's cost per op: the op's cost once the first compilations are in, before
     * warm-up refines it. Failed ops count as ops.
     */
    double probe(Kernel kernel) {
        long deadline = System.nanoTime() + PROBE_NANOS;
        double best = Double.MAX_VALUE;
        int chunk = 1;
        int ops = 0;
        long end;
        do {
            long begin = System.nanoTime();
            for (int i = 0; i < chunk; i++) {
                try {
                    kernel.execute();
                } catch (Exception e) {
                    // a failed op still took its time
                }
            }
            end = System.nanoTime();
            best = Math.min(best, (end - begin) / (double) chunk);
            ops += chunk;
            chunk = Math.min(chunk * 2, PROBE_OPS / 10);
        } while (end < deadline && ops < PROBE_OPS);
        return Math.max(best, 0.1);
    }

    /** @return how many ops share one pair of clock reads for an op that costs {@code opNanos}: the run's timing's */
    int timedRunFor(double opNanos) {
        return timing.opsPerTimedRun(opNanos);
    }

    /**
     * Checks between ops whether a phase has started (of warm-up, or measurement); if one has, discards what was
     * recorded since the last swap, re-derives the op's cost (the mean service time of every op discarded so far, so
     * of warm-up less what its samples took) and the timed-run length from it, and says whether the worker is
     * measuring. The caller restarts its schedule at
     * {@link RunState#phaseStartNanos()}. Reads the sampler's swap request before the phase, so a swap is never served
     * before the discard.
     *
     * @return whether this call entered a phase
     */
    final boolean enterPhaseIfStarted() {
        boolean swapPending = recorder.swapRequested();
        int current = state.phase();
        boolean started = current != phase;
        if (started) {
            phase = current;
            long ops = recorder.recordedOps();
            double mean = recorder.discard();
            if (ops > 0 && !measuring) {
                warmupOps += ops;
                warmupServiceNanos += mean * ops;
                opNanos = warmupServiceNanos / warmupOps;
                opsPerTimedRun = timedRunFor(opNanos);
            }
            measuring = state.isMeasured(current);
        }
        if (swapPending) {
            recorder.swapIfRequested();
        }
        return started;
    }

    /**
     * @param workers workers sharing the run's schedule
     * @param quota   ops this worker runs at most once measuring (0: no limit); warm-up's phases have none
     * @return this worker's share of the phase it has just entered ({@link #enterPhaseIfStarted()})
     */
    final WorkerSchedule phaseSchedule(int workers, long quota) {
        return new WorkerSchedule(plan, workers, index, state.phaseStartNanos(), measuring ? quota : 0, measuring);
    }

    /** @return whether a phase has started that this worker has not entered yet: a volatile read, for wait loops */
    final boolean phaseStarted() {
        return state.phase() != phase;
    }

    /**
     * Runs a timed run of {@code count} ops that began at {@code startNanos} (a clock reading just taken) and
     * closes {@code timed} at its end; failed ops are counted as errors. When {@link #sampled}, the first op
     * is timed alone: {@link #sampledEndNanos()} says when it ended (0 if it failed). Worker thread only.
     *
     * @return ops that did not fail
     */
    final int runTimed(Kernel kernel, int count, long startNanos, TimedRun timed) {
        int failed = 0;
        sampledEndNanos = 0;
        if (sampled) {
            try {
                kernel.execute();
                sampledEndNanos = System.nanoTime();
            } catch (Exception e) {
                failed++;
            }
        }
        for (int i = sampled ? 1 : 0; i < count; i++) {
            try {
                kernel.execute();
            } catch (Exception e) {
                failed++;
            }
        }
        timed.close(startNanos, System.nanoTime(), count);
        recorder.recordErrors(failed);
        return count - failed;
    }

    /** @return when the last timed run's sampled first op ended, or 0 (not sampled, or it failed) */
    final long sampledEndNanos() {
        return sampledEndNanos;
    }


    /** Records the service times of the first {@code ok} ops of a closed timed run. Worker thread only. */
    final void recordService(TimedRun run, int ok) {
        if (ok > 0) {
            recorder.recordService(run.firstServiceNanos(), 1);
        }
        if (ok > 1) {
            recorder.recordService(run.laterServiceNanos(), ok - 1);
        }
    }

    /** Publishes progress after a timed run. Worker thread only. */
    final void published(long completedOps, long endNanos) {
        completed.setRelease(completedOps);
        lastEndNanos.setRelease(endNanos);
    }

    private void pin() {
        if (placement.cpus().isEmpty()) {
            status = "unpinned, node " + placement.node();
            return;
        }
        ThreadAffinity.PinResult pin = ThreadAffinity.pinCurrentThread(placement.cpus());
        status = pin.isPinned() ? "pinned to CPUs " + CpuList.format(pin.cpus()) + ", node " + placement.node()
                : "unpinned (" + pin.reason().orElseThrow() + ")";
    }

    /** @return whether this worker has discarded warm-up and is measuring */
    final boolean measuring() {
        return measuring;
    }

    /** @return when the worker's last timed run ended ({@link System#nanoTime()} scale), 0 before any */
    final long lastEndNanos() {
        return lastEndNanos.getAcquire();
    }

    /** @return how many ops share one pair of clock reads, from the op's measured cost */
    final int opsPerTimedRun() {
        return opsPerTimedRun;
    }

    /** @return the op's cost: its mean service time over warm-up, or before a run without warm-up a quick probe's, ns */
    final double opNanos() {
        return opNanos;
    }

    /** @return ops of the measured share never started because the worker was too far behind (self-paced only) */
    long unfinishedOps() {
        return 0;
    }

    /** @return whether and where the worker is pinned, or why it failed */
    final String status() {
        return status;
    }

    final int index() {
        return index;
    }
}
