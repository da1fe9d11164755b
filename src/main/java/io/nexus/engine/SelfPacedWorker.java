package io.nexus.engine;

import io.nexus.engine.workload.Kernel;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker that paces itself: no thread between the schedule and the kernel, one busy thread per worker.
 *
 * <p><b>Constant rate</b> (the wrk2 model): of {@code N} workers, worker {@code w} owns ops
 * {@code k·N + w} of the schedule, op {@code i} being due at {@code start + i / rate}. It waits for each
 * due time (parking for the gap less the machine's measured park overshoot when it is far, spinning when
 * it is near) and measures every op from its due time, so when it falls behind, the wait counts: no
 * coordinated omission. Every op due before the deadline is run and recorded, so a run of {@code D}
 * seconds at rate {@code r} has {@code r·D} ops; if it is still behind {@code max(D, 1 s)} after the
 * deadline it gives up and counts the rest as unfinished.
 *
 * <p><b>Closed loop</b>: the window is {@code W} clients, each sending its next op as soon as its last one
 * ends; their slot-free times are a ring, and op {@code j} is measured from the end of op {@code j - W}.
 * With the default window of one, response time is the time from one op's end to the next's.
 *
 * <p>Ops are timed in runs of {@link #opsPerTimedRun()} (one: per op): two clock reads around the run,
 * each op's end placed within it by {@link TimedRun}.
 *
 * <p><b>Thread-safety:</b> as {@link Worker}.
 */
final class SelfPacedWorker extends Worker {
    /** Longest single park while waiting for a due time: 1 ms. */
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final int workers;
    private final int window;
    private final long parkOvershootNanos;
    private volatile long unfinishedOps;

    SelfPacedWorker(int index, int workers, int window, EngineSettings settings, WorkerPlacement placement, LoadPlan plan,
                    RunState state, Timing timing, CountDownLatch ready) {
        super(index, settings, placement, plan, state, timing, ready);
        this.workers = workers;
        this.window = window;
        this.parkOvershootNanos = timing.clock().parkOvershootNanos();
    }

    @Override
    void work(Kernel kernel) {
        long[] slotFree = new long[window];
        WorkerSchedule schedule = new WorkerSchedule(plan, workers, index, System.nanoTime(), 0, false);
        boolean constantRate = schedule.constantRate();
        Arrays.fill(slotFree, schedule.start());
        long next = 0;
        long done = 0;
        long lastEnd = schedule.start();
        TimedRun timed = new TimedRun(opNanos());
        while (!state.stopRequested()) {
            if (enterPhaseIfStarted()) {
                schedule = phaseSchedule(workers, plan.opsPerWorker());
                Arrays.fill(slotFree, schedule.start());
                lastEnd = schedule.start();
                next = 0;
                done = 0;
            }
            long limit = schedule.limit();
            if (next >= limit || (!constantRate && lastEnd >= schedule.deadline())) {
                break;
            }
            long runStart;
            int count;
            if (constantRate) {
                long intended = schedule.dueAt(next);
                runStart = awaitDue(intended);
                if (runStart < intended) {
                    continue;
                }
                if (runStart >= schedule.giveUpAt()) {
                    unfinishedOps = limit - next;
                    break;
                }
                count = (int) Math.min(opsPerTimedRun(), Math.min(schedule.dueBy(runStart, next), limit) - next);
            } else {
                count = (int) Math.min(opsPerTimedRun(), limit - next);
                runStart = System.nanoTime();
            }
            int ok = runTimed(kernel, count, runStart, timed);
            if (sampledEndNanos() != 0) {
                // The run's first op waited longest (the others were due later or freed later): it errs long.
                long intended = constantRate ? schedule.dueAt(next) : slotFree[(int) (next % window)];
                recorder.recordService(sampledEndNanos() - runStart, ok);
                recorder.recordResponse(sampledEndNanos() - intended, ok);
            } else {
                recordService(timed, ok);
                if (constantRate) {
                    recordScheduled(timed, ok, schedule, next);
                } else {
                    recordClosedLoop(timed, ok, slotFree, next);
                }
            }
            if (!constantRate) {
                freeSlots(timed, count, slotFree, next);
            }
            next += count;
            done += count;
            lastEnd = timed.endNanos();
            published(done, lastEnd);
        }
    }

    /**
     * Waits until {@code intendedNanos}, returning early (with a reading before it) when the run stops, the
     * sampler asks for a swap or a phase starts.
     *
     * @return a clock reading: at or after {@code intendedNanos} unless it returned early
     */
    private long awaitDue(long intendedNanos) {
        long now = System.nanoTime();
        while (now < intendedNanos) {
            if (state.stopRequested() || recorder.swapRequested() || phaseStarted()) {
                return now;
            }
            long gap = intendedNanos - now;
            if (gap > 3 * parkOvershootNanos) {
                // at most 1 ms at a time, so phases, swaps and stops are seen within a millisecond
                LockSupport.parkNanos(Math.min(gap - 2 * parkOvershootNanos, MAX_PARK_NANOS));
            } else {
                Thread.onSpinWait();
            }
            now = System.nanoTime();
        }
        return now;
    }

    /** Records the response times of a run of scheduled ops, each from its own due time. */
    private void recordScheduled(TimedRun timed, int ok, WorkerSchedule schedule, long first) {
        for (int i = 0; i < ok; i++) {
            recorder.recordResponse(timed.endOf(i) - schedule.dueAt(first + i), 1);
        }
    }

    /**
     * Records a closed-loop run: op {@code j} from the end of op {@code j - window}. Past the first
     * {@code window} ops of a run, every op's response is {@code window} ops' time, recorded at once.
     */
    private void recordClosedLoop(TimedRun timed, int ok, long[] slotFree, long first) {
        int alone = Math.min(ok, window);
        for (int i = 0, slot = (int) (first % window); i < alone; i++, slot = slot + 1 == window ? 0 : slot + 1) {
            recorder.recordResponse(timed.endOf(i) - slotFree[slot], 1);
        }
        if (ok > window) {
            recorder.recordResponse(timed.spanOf(window), ok - window);
        }
    }

    /** Frees the window's slots of a closed-loop run's last ops at their ends. */
    private void freeSlots(TimedRun timed, int count, long[] slotFree, long first) {
        int from = Math.max(0, count - window);
        for (int i = from, slot = (int) ((first + from) % window); i < count; i++, slot = slot + 1 == window ? 0 : slot + 1) {
            slotFree[slot] = timed.endOf(i);
        }
    }

    @Override
    long unfinishedOps() {
        return unfinishedOps;
    }
}
