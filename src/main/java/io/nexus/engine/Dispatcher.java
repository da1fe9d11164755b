package io.nexus.engine;

import io.nexus.engine.memory.PaddedCounter;
import io.nexus.engine.topology.CpuList;
import io.nexus.engine.topology.ThreadAffinity;
import java.util.Arrays;
import java.util.List;

/**
 * The producer of the queued mode: feeds each {@link QueuedWorker}'s queue, keeping at most {@code window}
 * ops in flight per worker, in runs of up to {@code batch} ops per queue entry ({@link Op}).
 *
 * <p>Warm-up is issued in phases, each ended by the controller ({@link #endPhase()}, the last by
 * {@link #endWarmup()}): at a phase's end the workers skip the ops still queued and the dispatcher waits for
 * those in flight, so the path that ends warm-up runs, and is compiled, long before measurement; once warm-up
 * is over, none of its ops is in flight and every worker is measuring, the measured phase starts at the run's
 * measurement start, through the same code as warm-up's phases. In a closed loop every free window slot is refilled at
 * once and the refill stamped with one clock reading taken before it, so a recorded latency is never
 * shorter than the true one. At a constant rate op {@code i} is due at {@code start + i / rate} and
 * stamped with that time, not the time it was sent (no coordinated omission); every op due before the
 * deadline is issued, even after it, until {@code max(D, 1 s)} past it: the rest count as unissued.
 *
 * <p><b>Thread-safety:</b> {@link #run()} runs on one thread; other threads read {@link #submitted(int)},
 * {@link #warmupDrained()}, {@link #finished()} and {@link #dueOps()}.
 */
final class Dispatcher implements Runnable {
    private final List<QueuedWorker> workers;
    private final LoadPlan plan;
    private final RunState state;
    private final EngineSettings settings;
    private final IdleStrategy idle;
    private final int batch;
    private final Op[][] rings;
    private final long[] entries;
    private final long[] submitted;
    private final long[] phaseSubmitted;
    private final PaddedCounter[] published;
    private final List<Integer> cpus;
    private volatile int window;
    private volatile String status = "unpinned";
    private volatile boolean warmupOver;
    /** Phase ends asked by the controller; written by the controller thread only. */
    private volatile int phaseEnds;
    private volatile boolean warmupDrained;
    private volatile boolean finished;
    private volatile long dueOps;

    /**
     * @param settings the window (or auto: sized from the op's cost, first from the workers' probe, then
     *                 from warm-up), batch and idle strategy
     * @param cpus     the CPUs to pin the dispatcher to; empty to leave it unpinned
     */
    Dispatcher(List<QueuedWorker> workers, EngineSettings settings, LoadPlan plan, RunState state, List<Integer> cpus) {
        this.workers = workers;
        this.settings = settings;
        this.plan = plan;
        this.state = state;
        this.cpus = List.copyOf(cpus);
        this.idle = settings.idle().newInstance();
        this.window = settings.windowFor(opNanos());
        this.batch = settings.batchSize();
        int most = settings.window() == EngineSettings.AUTO_WINDOW
                ? Math.min(EngineSettings.MAX_AUTO_WINDOW, settings.queueCapacity()) : settings.window();
        int ringSize = Integer.highestOneBit(Math.max(1, most - 1)) << 1;
        this.rings = new Op[workers.size()][ringSize];
        for (Op[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Op();
            }
        }
        this.entries = new long[workers.size()];
        this.submitted = new long[workers.size()];
        this.phaseSubmitted = new long[workers.size()];
        this.published = new PaddedCounter[workers.size()];
        for (int w = 0; w < published.length; w++) {
            published[w] = new PaddedCounter();
        }
    }

    @Override
    public void run() {
        try {
            pin();
            if (!plan.warmup().isZero()) {
                warmUp();
            }
            dueOps = 0; // warm-up's phases wrote theirs; a run stopped before measuring had none due
            warmupDrained = true;
            state.wakeController();
            while (!state.stopRequested() && !allMeasuring()) {
                idle.idle(0);
            }
            if (!state.stopRequested()) {
                long start = state.phaseStartNanos();
                long end = plan.duration().isZero() ? Long.MAX_VALUE : start + plan.duration().toNanos();
                phase(phaseEnds, start, end, plan.opsPerWorker() > 0 ? plan.opsPerWorker() : Long.MAX_VALUE);
            }
        } catch (Throwable e) {
            state.fail(e);
        } finally {
            finished = true;
            state.wakeController();
        }
    }

    /** Issues warm-up's phases until the controller ends warm-up, and drains the last. */
    private void warmUp() {
        // The end count is read before warmupOver: endWarmup writes them in the other order, so it is never missed.
        for (int ends = phaseEnds; !warmupOver && !state.stopRequested(); ends = phaseEnds) {
            phase(ends, System.nanoTime(), Long.MAX_VALUE, Long.MAX_VALUE);
            skipQueued(true);
            awaitAllCompleted();
            skipQueued(false);
        }
    }

    private void pin() {
        if (!cpus.isEmpty()) {
            ThreadAffinity.PinResult pin = ThreadAffinity.pinCurrentThread(cpus);
            status = pin.isPinned() ? "pinned to CPUs " + CpuList.format(pin.cpus()) : "unpinned (" + pin.reason().orElseThrow() + ")";
        }
    }

    /**
     * Issues one phase's ops from {@code start} until its deadline {@code end}, each worker's {@code quota}, a stop
     * or a phase end asked after {@code ends} ends were.
     */
    private void phase(int ends, long start, long end, long quota) {
        window = settings.windowFor(opNanos());
        Arrays.fill(phaseSubmitted, 0);
        if (plan.isConstantRate()) {
            constantRate(ends, start, end, quota);
        } else {
            closedLoop(ends, end, quota);
        }
    }

    private boolean phaseGoesOn(int ends) {
        return !state.stopRequested() && phaseEnds == ends;
    }

    private void skipQueued(boolean skip) {
        for (QueuedWorker w : workers) {
            w.skipQueued(skip);
        }
    }

    private void closedLoop(int ends, long end, long quota) {
        while (phaseGoesOn(ends)) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            int sent = 0;
            boolean anyOpen = false;
            for (int w = 0; w < rings.length; w++) {
                long quotaLeft = quota - phaseSubmitted[w];
                if (quotaLeft <= 0) {
                    continue;
                }
                anyOpen = true;
                long free = Math.min(window - inFlight(w), quotaLeft);
                while (free > 0) {
                    int n = (int) Math.min(free, batch);
                    offer(w, now, 0, n);
                    free -= n;
                    sent += n;
                }
            }
            if (!anyOpen) {
                return;
            }
            idle.idle(sent);
        }
    }

    private void constantRate(int ends, long start, long end, long quota) {
        double intervalNanos = 1e9 / plan.targetRate();
        long total = end == Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil((end - start) / intervalNanos);
        long giveUpAt = end == Long.MAX_VALUE ? Long.MAX_VALUE : end + Math.max(end - start, 1_000_000_000L);
        long next = 0;
        long due = 0;
        int cursor = 0;
        while (phaseGoesOn(ends) && next < total) {
            long now = System.nanoTime();
            if (now >= giveUpAt) {
                break;
            }
            due = Math.min(total, (long) ((now - start) / intervalNanos) + 1);
            int sent = 0;
            while (next < due) {
                int w = freeWorker(cursor, quota);
                if (w < 0) {
                    break;
                }
                long room = Math.min(window - inFlight(w), quota - phaseSubmitted[w]);
                int n = (int) Math.min(Math.min(room, batch), due - next);
                offer(w, start + (long) (next * intervalNanos), intervalNanos, n);
                next += n;
                sent += n;
                cursor = w + 1 == rings.length ? 0 : w + 1;
            }
            if (allAtQuota(quota)) {
                break;
            }
            idle.idle(sent);
        }
        // Every phase's, so warm-up's phases run this too; the measured phase, the last, leaves its own.
        long quotas = quota > Long.MAX_VALUE / rings.length ? Long.MAX_VALUE : quota * rings.length;
        long scheduled = Math.min(total, quotas);
        // A stopped (or open-ended) schedule was due only as far as it got; a finished one, all of it.
        dueOps = state.stopRequested() || total == Long.MAX_VALUE ? Math.min(due, scheduled) : scheduled;
    }

    private void awaitAllCompleted() {
        while (!state.stopRequested() && inFlight() > 0) {
            idle.idle(0);
        }
    }

    /** @return the cheapest worker's op cost, ns */
    private double opNanos() {
        return workers.stream().mapToDouble(Worker::opNanos).min().orElse(1);
    }

    private boolean allMeasuring() {
        if (!state.measuring()) {
            return false;
        }
        for (QueuedWorker w : workers) {
            if (!w.measuring()) {
                return false;
            }
        }
        return true;
    }

    private long inFlight(int w) {
        return submitted[w] - workers.get(w).completed.getAcquire();
    }

    /** @return ops submitted and not yet completed over all workers; dispatcher thread only */
    private long inFlight() {
        long total = 0;
        for (int w = 0; w < rings.length; w++) {
            total += inFlight(w);
        }
        return total;
    }

    private boolean allAtQuota(long quota) {
        for (long count : phaseSubmitted) {
            if (count < quota) {
                return false;
            }
        }
        return true;
    }

    /** @return the first worker from {@code from} (round-robin) with a free window slot and quota left, or -1 */
    private int freeWorker(int from, long quota) {
        for (int i = 0; i < rings.length; i++) {
            int w = from + i < rings.length ? from + i : from + i - rings.length;
            if (phaseSubmitted[w] < quota && inFlight(w) < window) {
                return w;
            }
        }
        return -1;
    }

    /** Hands {@code count} ops to worker {@code w} as one queue entry. */
    private void offer(int w, long firstIntendedStartNanos, double intervalNanos, int count) {
        Op[] ring = rings[w];
        Op run = ring[(int) (entries[w]++ & (ring.length - 1))];
        run.firstIntendedStartNanos = firstIntendedStartNanos;
        run.intervalNanos = intervalNanos;
        run.count = count;
        if (!workers.get(w).queue().relaxedOffer(run)) {
            throw new IllegalStateException("queue of worker " + w + " full with window " + window);
        }
        submitted[w] += count;
        phaseSubmitted[w] += count;
        published[w].setRelease(submitted[w]);
    }

    /** @return ops in flight per worker: the set window, or the auto window sized from the op's cost */
    int window() {
        return window;
    }

    /** Ends the current warm-up phase: the dispatcher drains it, then starts the next. Controller thread only. */
    void endPhase() {
        phaseEnds = phaseEnds + 1; // one writer
    }

    /** Ends warm-up: the dispatcher drains its last phase, then waits for measurement to start. Controller thread only. */
    void endWarmup() {
        warmupOver = true;
        endPhase();
    }

    /** @return whether warm-up is over and none of its ops is in flight */
    boolean warmupDrained() {
        return warmupDrained;
    }

    /** @return whether the dispatcher has issued everything it will */
    boolean finished() {
        return finished;
    }

    /** @return ops submitted so far to worker {@code w}, any thread */
    long submitted(int w) {
        return published[w].getAcquire();
    }

    /** @return whether and where the dispatcher is pinned */
    String status() {
        return status;
    }

    /** @return ops of the measured phase due by its end (constant rate only) */
    long dueOps() {
        return dueOps;
    }
}
