package io.nexus.engine;

import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.EventKernel;
import io.nexus.engine.workload.Kernel;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * A self-paced worker for ops that wait on I/O: its thread is an event loop keeping up to {@code lanes} ops in flight
 * ({@link EventKernel}; for HTTP, one per connection), as wrk's threads keep their connections busy. The schedule is
 * {@link SelfPacedWorker}'s, shared out by {@link WorkerSchedule}.
 *
 * <p><b>Constant rate</b> (wrk2): each of the worker's ops is begun at its due time on an idle lane, or, when every lane
 * is busy, as soon as one ends, and its response time runs from its due time: a server's stall counts against every op
 * it delayed, not coordinated away. Every op due before the deadline is begun and recorded; a worker still behind
 * {@code max(D, 1 s)} after the deadline stops and counts what it never began, or never saw end, as unfinished.
 *
 * <p><b>Closed loop</b> (wrk): every lane begins its next op as soon as its last one ended, until the deadline or the
 * quota (the plan's ops per worker, per lane); response time runs from the op's begin, as wrk's latency. Ops in flight at
 * the deadline are waited for and recorded.
 *
 * <p>Every op is timed on its own (a clock read at its begin and at its end: tens of nanoseconds against a network
 * round trip). Service time is begin to end. Waits are the kernel's, at most 1 ms at a time so that stops, swaps and
 * phases are seen; waits shorter than the kernel can time (below a millisecond for a selector) poll.
 *
 * <p><b>Thread-safety:</b> as {@link Worker}.
 */
final class EventLoopWorker extends Worker {
    /** Longest single wait for ops to end: 1 ms. */
    private static final long MAX_WAIT_NANOS = 1_000_000;

    /** Event loops sharing the run's schedule: {@link #loopsFor(EngineSettings)}. */
    private final int workers;
    /** Ops this loop keeps in flight at most (its connections): {@link #lanesFor(EngineSettings, int)}, at least 1. */
    private final int lanes;
    /** Per lane: when its op's response time starts (due time, or begin in a closed loop). */
    private final long[] intended;
    /** Per lane: when its op was begun. */
    private final long[] begun;
    /** Per lane: whether its op belongs to the current phase (ops begun in an earlier phase end unrecorded). */
    private final boolean[] current;
    /** Idle lanes, a stack: {@code idle[0..idleCount)}. */
    private final int[] idle;
    private final EventKernel.Ended onEnded = this::ended;
    private int idleCount;
    private long done;
    private long lastEnd;
    private volatile long unfinishedOps;

    /**
     * @param index    this loop's place among {@link #loopsFor(EngineSettings)}
     * @param settings the run's settings, whose threads are the connections over all the loops
     */
    EventLoopWorker(int index, EngineSettings settings, WorkerPlacement placement, LoadPlan plan, RunState state, Timing timing,
                    CountDownLatch ready) {
        super(index, settings, placement, plan, state, timing, ready);
        this.workers = loopsFor(settings);
        this.lanes = lanesFor(settings, index);
        this.intended = new long[lanes];
        this.begun = new long[lanes];
        this.current = new boolean[lanes];
        this.idle = new int[lanes];
    }

    @Override
    Kernel newKernel(FixedBlockPool memory) {
        return plan.workload().newEventKernel(plan.size(), lanes, plan.seed() + index);
    }

    /**
     * Times one op, alone: a round trip, whose cost warm-up then measures on every lane. A longer probe would run its ops
     * one after another, each of which may wait a whole timeout on a server that holds requests, where a stop cannot end
     * it.
     */
    @Override
    double probe(Kernel kernel) {
        long begin = System.nanoTime();
        try {
            kernel.execute();
        } catch (Exception e) {
            // a failed op still took its time
        }
        return Math.max(System.nanoTime() - begin, 0.1);
    }

    /** @return 1: each op is timed on its own, whatever the timing asked (two clock reads are nothing to a round trip) */
    @Override
    int timedRunFor(double opNanos) {
        return 1;
    }

    @Override
    void work(Kernel k) {
        EventKernel kernel = (EventKernel) k;
        for (int lane = 0; lane < lanes; lane++) {
            idle[lane] = lanes - 1 - lane;
        }
        idleCount = lanes;
        WorkerSchedule schedule = new WorkerSchedule(plan, workers, index, System.nanoTime(), 0, false);
        boolean constantRate = schedule.constantRate();
        lastEnd = schedule.start();
        long next = 0;
        while (!state.stopRequested()) {
            if (enterPhaseIfStarted()) {
                schedule = phaseSchedule(workers, quota(constantRate));
                Arrays.fill(current, false);
                lastEnd = schedule.start();
                next = 0;
                done = 0;
            }
            long now = System.nanoTime();
            long limit = schedule.limit();
            if (constantRate && next < limit && now >= schedule.giveUpAt()) {
                unfinishedOps = limit - next + inFlight();
                break;
            }
            boolean beginning = next < limit && (constantRate || now < schedule.deadline());
            while (beginning && idleCount > 0) {
                long due = constantRate ? schedule.dueAt(next) : 0;
                if (constantRate && due > now) {
                    break;
                }
                boolean begunOk = begin(kernel, due, constantRate);
                next++;
                beginning = begunOk && next < limit;
            }
            if (idleCount == lanes && (next >= limit || (!constantRate && now >= schedule.deadline()))) {
                break;
            }
            long wait = MAX_WAIT_NANOS;
            if (constantRate && next < limit && idleCount > 0) {
                wait = Math.min(wait, schedule.dueAt(next) - now);
            }
            kernel.await(wait, onEnded);
            published(done, lastEnd);
        }
    }

    /**
     * Begins an op on an idle lane; one that fails at once (e.g. no connection) is a failed op.
     *
     * @return whether it was begun (after a failure the loop waits before it tries again)
     */
    private boolean begin(EventKernel kernel, long due, boolean constantRate) {
        int lane = idle[--idleCount];
        long now = System.nanoTime();
        try {
            kernel.begin(lane);
        } catch (Exception e) {
            idle[idleCount++] = lane;
            recorder.recordErrors(1);
            done++;
            lastEnd = now;
            return false;
        }
        intended[lane] = constantRate ? due : now;
        begun[lane] = now;
        current[lane] = true;
        return true;
    }

    /** An op ended: recorded if it belongs to the current phase; its lane is idle again. */
    private void ended(int lane, boolean ok) {
        idle[idleCount++] = lane;
        if (!current[lane]) {
            return;
        }
        long now = System.nanoTime();
        if (ok) {
            recorder.recordResponse(now - intended[lane], 1);
            recorder.recordService(now - begun[lane], 1);
        } else {
            recorder.recordErrors(1);
        }
        current[lane] = false;
        done++;
        lastEnd = now;
    }

    /**
     * @return the most ops this loop runs in the measured phase (0: no limit): the plan's ops per connection, for its own
     *     connections in a closed loop; at a constant rate, its place in the schedule's share of all connections' ops
     *     (the loops share the schedule evenly, whatever their connections)
     */
    private long quota(boolean constantRate) {
        long perConnection = plan.opsPerWorker();
        return perConnection == 0 ? 0 : constantRate ? WorkerSchedule.shareOf(perConnection * settings.threads(), workers, index) : perConnection * lanes;
    }

    /** @return ops of the current phase in flight */
    private int inFlight() {
        int n = 0;
        for (boolean c : current) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /**
     * @param settings the run's settings: its threads are the connections (ops in flight over all loops), its allowed CPUs
     *                 (empty: all the JVM's processors) what the loops may use
     * @return event loops for them: one per four of those processors (the rest left to the target, often in the same
     *     process or machine), at least one, at most one per connection
     */
    static int loopsFor(EngineSettings settings) {
        int cpus = settings.allowedCpus().isEmpty() ? Runtime.getRuntime().availableProcessors() : settings.allowedCpus().size();
        return Math.clamp(cpus / 4, 1, Math.max(1, settings.threads()));
    }

    /**
     * @return the connections loop {@code loop} of {@link #loopsFor(EngineSettings)} keeps: the settings' threads spread
     *     evenly over the loops, the first ones taking one more
     */
    static int lanesFor(EngineSettings settings, int loop) {
        int loops = loopsFor(settings);
        return settings.threads() / loops + (loop < settings.threads() % loops ? 1 : 0);
    }

    @Override
    long unfinishedOps() {
        return unfinishedOps;
    }
}
