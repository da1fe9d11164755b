package io.nexus.engine;

import io.nexus.engine.memory.PaddedCounter;
import io.nexus.engine.topology.CpuList;
import io.nexus.engine.topology.ThreadAffinity;
import java.util.List;

/**
 * The load generator: feeds each worker's queue, keeping at most {@code window} ops in flight per worker.
 *
 * <p>A run has two phases. Warm-up ops run unrecorded; when the warm-up time is over, the workers skip
 * the warm-up ops still queued and the dispatcher waits until all are gone before it starts the measured
 * phase, so no warm-up op is ever counted in, or takes time from, the measurement.
 *
 * <p>Ops are handed over in runs of up to {@code batch} ops per queue entry ({@link Op}). In a closed
 * loop it refills every free window slot at once and stamps the whole refill with one clock reading
 * taken before it, so an op's recorded latency is never shorter than its true latency.
 * At a constant rate op {@code i} of a phase is due at {@code phaseStart + i / rate} and is stamped with
 * that intended time, not the time it was sent: when the engine falls behind, the wait counts (no
 * coordinated omission).
 *
 * <p><b>Thread-safety:</b> {@link #run()} runs on one thread; other threads read
 * {@link #submitted(int)}, {@link #measureStartNanos()}, {@link #endReason()} and the rate counters.
 */
final class Dispatcher implements Runnable {
    /** Why dispatching ended. */
    enum EndReason {
        /** The measured duration elapsed: ops still in flight are outside the measurement. */
        DEADLINE,
        /** Every worker was sent its measured op count: the run ends when they complete. */
        QUOTA,
        /** Cancelled, or a worker failed. */
        CANCELLED
    }

    private final List<Worker> workers;
    private final LoadPlan plan;
    private final IdleStrategy idle;
    private final int window;
    private final int batch;
    private final Op[][] rings;
    private final long[] entries;
    private final long[] submitted;
    private final long[] measuredSubmitted;
    private final PaddedCounter[] published;
    private final List<Integer> cpus;
    private volatile String status = "unpinned";
    private volatile boolean cancelled;
    private volatile EndReason endReason;
    private volatile long measureStartNanos;
    private volatile long dueOps;
    private volatile long issuedOps;

    /** @param cpus the CPUs to pin the dispatcher to; empty to leave it unpinned */
    Dispatcher(List<Worker> workers, EngineSettings settings, LoadPlan plan, List<Integer> cpus) {
        this.workers = workers;
        this.plan = plan;
        this.cpus = List.copyOf(cpus);
        this.idle = settings.idle().newInstance();
        this.window = settings.window();
        this.batch = settings.batchSize();
        int ringSize = Integer.highestOneBit(Math.max(1, window - 1)) << 1;
        this.rings = new Op[workers.size()][ringSize];
        for (Op[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Op();
            }
        }
        this.entries = new long[workers.size()];
        this.submitted = new long[workers.size()];
        this.measuredSubmitted = new long[workers.size()];
        this.published = new PaddedCounter[workers.size()];
        for (int w = 0; w < published.length; w++) {
            published[w] = new PaddedCounter();
        }
    }

    @Override
    public void run() {
        if (!cpus.isEmpty()) {
            ThreadAffinity.PinResult pin = ThreadAffinity.pinCurrentThread(cpus);
            status = pin.isPinned() ? "pinned to CPUs " + CpuList.format(pin.cpus()) : "unpinned (" + pin.reason().orElseThrow() + ")";
        }
        EndReason reason = EndReason.CANCELLED;
        try {
            if (!plan.warmup().isZero()) {
                long start = System.nanoTime();
                phase(false, start, start + plan.warmup().toNanos(), Long.MAX_VALUE);
                workers.forEach(Worker::skipWarmup);
                awaitAllCompleted();
            }
            if (!cancelled) {
                long start = System.nanoTime();
                measureStartNanos = start;
                long end = plan.duration().isZero() ? Long.MAX_VALUE : start + plan.duration().toNanos();
                long quota = plan.opsPerWorker() > 0 ? plan.opsPerWorker() : Long.MAX_VALUE;
                reason = phase(true, start, end, quota);
            }
        } finally {
            endReason = reason;
        }
    }

    private EndReason phase(boolean measured, long start, long end, long quota) {
        return plan.isConstantRate() ? constantRate(measured, start, end, quota) : closedLoop(measured, end, quota);
    }

    private EndReason closedLoop(boolean measured, long end, long quota) {
        while (!cancelled) {
            long now = System.nanoTime();
            if (now >= end) {
                return EndReason.DEADLINE;
            }
            int sent = 0;
            boolean anyOpen = false;
            for (int w = 0; w < rings.length; w++) {
                long quotaLeft = quota - measuredSubmitted[w];
                if (quotaLeft <= 0) {
                    continue;
                }
                anyOpen = true;
                long free = Math.min(window - (submitted[w] - workers.get(w).completed().getAcquire()), quotaLeft);
                while (free > 0) {
                    int n = (int) Math.min(free, batch);
                    offer(w, now, 0, n, measured);
                    free -= n;
                    sent += n;
                }
            }
            if (!anyOpen) {
                return EndReason.QUOTA;
            }
            idle.idle(sent);
        }
        return EndReason.CANCELLED;
    }

    private EndReason constantRate(boolean measured, long start, long end, long quota) {
        double intervalNanos = 1e9 / plan.targetRate();
        long next = 0;
        int cursor = 0;
        while (!cancelled) {
            long now = System.nanoTime();
            long due = (long) ((Math.min(now, end) - start) / intervalNanos) + 1;
            int sent = 0;
            while (next < due) {
                int w = freeWorker(cursor, quota);
                if (w < 0) {
                    break;
                }
                long room = Math.min(window - (submitted[w] - workers.get(w).completed().getAcquire()), quota - measuredSubmitted[w]);
                int n = (int) Math.min(Math.min(room, batch), due - next);
                offer(w, start + (long) (next * intervalNanos), intervalNanos, n, measured);
                next += n;
                sent += n;
                cursor = w + 1 == rings.length ? 0 : w + 1;
            }
            if (measured) {
                dueOps = due;
                issuedOps = next;
            }
            if (now >= end) {
                return EndReason.DEADLINE;
            }
            if (allAtQuota(quota)) {
                return EndReason.QUOTA;
            }
            idle.idle(sent);
        }
        return EndReason.CANCELLED;
    }

    private void awaitAllCompleted() {
        while (!cancelled && inFlight() > 0) {
            idle.idle(0);
        }
    }

    private long inFlight() {
        long total = 0;
        for (int w = 0; w < rings.length; w++) {
            total += submitted[w] - workers.get(w).completed().getAcquire();
        }
        return total;
    }

    private boolean allAtQuota(long quota) {
        for (long count : measuredSubmitted) {
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
            if (measuredSubmitted[w] < quota && submitted[w] - workers.get(w).completed().getAcquire() < window) {
                return w;
            }
        }
        return -1;
    }

    /** Hands {@code count} ops to worker {@code w} as one queue entry. */
    private void offer(int w, long firstIntendedStartNanos, double intervalNanos, int count, boolean measured) {
        Op[] ring = rings[w];
        Op run = ring[(int) (entries[w]++ & (ring.length - 1))];
        run.firstIntendedStartNanos = firstIntendedStartNanos;
        run.intervalNanos = intervalNanos;
        run.count = count;
        run.measured = measured;
        if (!workers.get(w).queue().relaxedOffer(run)) {
            throw new IllegalStateException("queue of worker " + w + " full with window " + window);
        }
        submitted[w] += count;
        if (measured) {
            measuredSubmitted[w] += count;
        }
        published[w].setRelease(submitted[w]);
    }

    /** @return ops submitted so far to worker {@code w} */
    long submitted(int w) {
        return published[w].getAcquire();
    }

    /** @return whether and where the dispatcher is pinned */
    String status() {
        return status;
    }

    /** Stops dispatching as soon as possible. */
    void cancel() {
        cancelled = true;
    }

    /** @return why dispatching ended, or {@code null} while it goes on */
    EndReason endReason() {
        return endReason;
    }

    /** @return when the measured phase began ({@link System#nanoTime()} scale), or 0 before it has */
    long measureStartNanos() {
        return measureStartNanos;
    }

    /** @return ops of the measured phase that fell due by its end (constant rate only) */
    long dueOps() {
        return dueOps;
    }

    /** @return ops of the measured phase actually issued by its end (constant rate only) */
    long issuedOps() {
        return issuedOps;
    }
}
