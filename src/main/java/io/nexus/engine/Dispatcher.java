package io.nexus.engine;

import io.nexus.engine.memory.PaddedCounter;
import java.util.List;
import org.jctools.queues.MessagePassingQueue;

/**
 * The load generator: feeds each worker's queue, keeping at most {@code window} ops in flight per worker.
 *
 * <p>In a closed loop it refills every free window slot at once and stamps the whole refill with one
 * clock reading taken before it, so an op's recorded latency is never shorter than its true latency.
 * At a constant rate op {@code i} is due at {@code start + i / rate} and is stamped with that intended
 * time, not the time it was sent: when the engine falls behind, the wait counts (no coordinated omission).
 *
 * <p><b>Thread-safety:</b> {@link #run()} runs on one thread; other threads read
 * {@link #submitted(int)}, {@link #isDone()} and the rate counters.
 */
final class Dispatcher implements Runnable {
    private final List<Worker> workers;
    private final LoadPlan plan;
    private final IdleStrategy idle;
    private final int window;
    private final Op[][] rings;
    private final long[] submitted;
    private final long[] measuredSubmitted;
    private final PaddedCounter[] published;
    private final long startNanos;
    private final long measureStartNanos;
    private final long endNanos;
    private volatile boolean cancelled;
    private volatile boolean done;
    private volatile long dueAtEnd;
    private volatile long issued;

    /**
     * @param startNanos when dispatching starts (warm-up begins), {@link System#nanoTime()} scale
     */
    Dispatcher(List<Worker> workers, EngineSettings settings, LoadPlan plan, long startNanos) {
        this.workers = workers;
        this.plan = plan;
        this.idle = settings.idle().newInstance();
        this.window = settings.window();
        int ringSize = Integer.highestOneBit(window - 1 == 0 ? 1 : window - 1) << 1;
        this.rings = new Op[workers.size()][ringSize];
        for (Op[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Op();
            }
        }
        this.submitted = new long[workers.size()];
        this.measuredSubmitted = new long[workers.size()];
        this.published = new PaddedCounter[workers.size()];
        for (int w = 0; w < published.length; w++) {
            published[w] = new PaddedCounter();
        }
        this.startNanos = startNanos;
        this.measureStartNanos = startNanos + plan.warmup().toNanos();
        this.endNanos = plan.duration().isZero() ? Long.MAX_VALUE : measureStartNanos + plan.duration().toNanos();
    }

    @Override
    public void run() {
        try {
            if (plan.isConstantRate()) {
                runConstantRate();
            } else {
                runClosedLoop();
            }
        } finally {
            done = true;
        }
    }

    private void runClosedLoop() {
        long quota = plan.opsPerWorker() > 0 ? plan.opsPerWorker() : Long.MAX_VALUE;
        while (!cancelled) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                return;
            }
            boolean measuring = now >= measureStartNanos;
            int sent = 0;
            boolean anyOpen = false;
            for (int w = 0; w < rings.length; w++) {
                long quotaLeft = measuring ? quota - measuredSubmitted[w] : Long.MAX_VALUE;
                if (quotaLeft <= 0) {
                    continue;
                }
                anyOpen = true;
                long free = Math.min(window - (submitted[w] - workers.get(w).completed().getAcquire()), quotaLeft);
                for (long k = 0; k < free; k++) {
                    offer(w, now, measuring);
                }
                sent += (int) Math.max(free, 0);
            }
            if (!anyOpen) {
                return;
            }
            idle.idle(sent);
        }
    }

    private void runConstantRate() {
        double intervalNanos = 1e9 / plan.targetRate();
        long quota = plan.opsPerWorker() > 0 ? plan.opsPerWorker() : Long.MAX_VALUE;
        long next = 0;
        int cursor = 0;
        while (!cancelled) {
            long now = System.nanoTime();
            long due = (long) ((Math.min(now, endNanos) - startNanos) / intervalNanos) + 1;
            int sent = 0;
            while (next < due) {
                long intended = startNanos + (long) (next * intervalNanos);
                boolean measured = intended >= measureStartNanos;
                int w = freeWorker(cursor, measured ? quota : Long.MAX_VALUE);
                if (w < 0) {
                    break;
                }
                offer(w, intended, measured);
                next++;
                sent++;
                cursor = w + 1 == rings.length ? 0 : w + 1;
            }
            issued = next;
            if (now >= endNanos || allAtQuota(quota)) {
                dueAtEnd = due;
                return;
            }
            idle.idle(sent);
        }
        dueAtEnd = issued;
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
            if (measuredSubmitted[w] < quota
                    && submitted[w] - workers.get(w).completed().getAcquire() < window) {
                return w;
            }
        }
        return -1;
    }

    private void offer(int w, long intendedStartNanos, boolean measured) {
        Op[] ring = rings[w];
        Op op = ring[(int) (submitted[w] & (ring.length - 1))];
        op.intendedStartNanos = intendedStartNanos;
        op.measured = measured;
        MessagePassingQueue<Op> queue = workers.get(w).queue();
        if (!queue.relaxedOffer(op)) {
            throw new IllegalStateException("queue of worker " + w + " full with window " + window);
        }
        submitted[w]++;
        if (measured) {
            measuredSubmitted[w]++;
        }
        published[w].setRelease(submitted[w]);
    }

    /** @return ops submitted so far to worker {@code w} */
    long submitted(int w) {
        return published[w].getAcquire();
    }

    /** Stops dispatching as soon as possible. */
    void cancel() {
        cancelled = true;
    }

    /** @return whether dispatching has ended (deadline, op counts, or cancel) */
    boolean isDone() {
        return done;
    }

    /** @return ops that fell due by the end of a constant-rate run (0 in a closed loop) */
    long dueAtEnd() {
        return dueAtEnd;
    }

    /** @return ops issued so far in a constant-rate run (0 in a closed loop) */
    long issued() {
        return issued;
    }

    /** @return when measurement begins, {@link System#nanoTime()} scale */
    long measureStartNanos() {
        return measureStartNanos;
    }
}
