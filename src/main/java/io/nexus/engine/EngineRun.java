package io.nexus.engine;

import io.nexus.engine.measure.IntervalSampler;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.measure.WorkerRecorder;
import io.nexus.engine.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the engine in progress: its workers, its dispatcher and a controller thread that starts
 * them, draws the warm-up line, samples every interval, and stops everything at the end.
 *
 * <p><b>Thread-safety:</b> every public method may be called from any thread. Threads are named
 * {@code nexus-worker-N}, {@code nexus-dispatcher} and {@code nexus-run}; all are stopped and joined
 * before {@link #await()} returns.
 */
public final class EngineRun {
    private final EngineSettings settings;
    private final LoadPlan plan;
    private final RunListener listener;
    private final List<Worker> workers = new ArrayList<>();
    private final Thread controller;
    private final CountDownLatch ready;
    private volatile Dispatcher dispatcher;
    private volatile boolean cancelRequested;
    private volatile RunOutcome outcome;

    EngineRun(EngineSettings settings, LoadPlan plan, Topology topology, RunListener listener) {
        this.settings = settings;
        this.plan = plan;
        this.listener = listener;
        List<WorkerPlacement> placements = WorkerPlacement.plan(settings, topology);
        this.controller = Thread.ofPlatform().name("nexus-run").daemon(true).unstarted(this::control);
        CountDownLatch ready = new CountDownLatch(settings.threads());
        for (WorkerPlacement placement : placements) {
            workers.add(new Worker(placement.worker(), settings, placement, plan, ready));
        }
        this.ready = ready;
    }

    void start() {
        controller.start();
    }

    /** Stops the run as soon as possible; what was measured so far is kept and marked cancelled. */
    public void cancel() {
        cancelRequested = true;
        Dispatcher d = dispatcher;
        if (d != null) {
            d.cancel();
        }
    }

    /**
     * Waits for the run to end.
     *
     * @return what it measured
     * @throws InterruptedException if the waiting thread is interrupted (the run goes on; cancel it)
     */
    public RunOutcome await() throws InterruptedException {
        controller.join();
        return outcome;
    }

    /** @return whether the run has ended */
    public boolean isDone() {
        return outcome != null;
    }

    private void control() {
        List<Thread> threads = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        IntervalSampler sampler = new IntervalSampler(workers.stream().map(Worker::recorder).toList());
        Optional<String> failure = Optional.empty();
        long measureStart = 0;
        long measureEnd = 0;
        long measuredOps = 0;
        Dispatcher d = null;
        try {
            for (Worker worker : workers) {
                Thread t = Thread.ofPlatform().name("nexus-worker-" + worker.index()).daemon(true).unstarted(worker);
                threads.add(t);
                t.start();
            }
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (cancelRequested) {
                    break;
                }
            }
            failure = firstWorkerFailure();
            if (failure.isEmpty() && !cancelRequested) {
                d = new Dispatcher(workers, settings, plan, System.nanoTime());
                dispatcher = d;
                if (cancelRequested) {
                    d.cancel();
                }
                Thread dt = Thread.ofPlatform().name("nexus-dispatcher").daemon(true).unstarted(d);
                threads.add(dt);
                dt.start();
                parkUntil(d.measureStartNanos(), d);
                measureStart = d.measureStartNanos();
                sampler.begin(measureStart, 0);
                long interval = plan.sampleInterval().toNanos();
                long nextTick = measureStart + interval;
                boolean endedInWarmup = System.nanoTime() < measureStart;
                while (!endedInWarmup) {
                    boolean drained = d.isDone() && inFlight(d) == 0;
                    long now = System.nanoTime();
                    if (drained || now >= nextTick) {
                        Sample sample = sampler.sample(now, errors(), inFlight(d));
                        samples.add(sample);
                        measuredOps += sample.ops();
                        listener.onSample(sample);
                        nextTick += interval * Math.max(1, (now - nextTick) / interval + 1);
                        measureEnd = now;
                        if (drained) {
                            break;
                        }
                    }
                    failure = firstWorkerFailure();
                    if (failure.isPresent()) {
                        d.cancel();
                    }
                    LockSupport.parkNanos(Math.min(nextTick - System.nanoTime(), 1_000_000L));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of("interrupted");
        } catch (RuntimeException e) {
            failure = Optional.of(e.toString());
        } finally {
            if (d != null) {
                d.cancel();
            }
            workers.forEach(Worker::requestStop);
            for (Thread t : threads) {
                joinQuietly(t);
            }
        }
        boolean measured = measureEnd > measureStart;
        outcome = new RunOutcome(cancelRequested, failure.or(this::firstWorkerFailure),
                measured ? measureEnd - measureStart : 0,
                measuredOps, errors(),
                sampler.totalResponse(), sampler.totalService(), samples,
                workers.stream().map(w -> "worker " + w.index() + ": " + w.status()).toList(),
                d == null ? 0 : d.dueAtEnd(), d == null ? 0 : d.issued());
    }

    /** Sleeps until {@code deadline} or until the dispatcher ends, whichever is first. */
    private static void parkUntil(long deadline, Dispatcher d) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !d.isDone()) {
            LockSupport.parkNanos(Math.min(left, 10_000_000L));
        }
    }

    private Optional<String> firstWorkerFailure() {
        return workers.stream().map(Worker::failure).filter(f -> f != null).findFirst()
                .map(f -> f.getMessage() == null ? f.toString() : f.getMessage());
    }

    private long errors() {
        long total = 0;
        for (Worker w : workers) {
            WorkerRecorder r = w.recorder();
            total += r.errorCount();
        }
        return total;
    }

    private long inFlight(Dispatcher d) {
        long total = 0;
        for (Worker w : workers) {
            total += d.submitted(w.index()) - w.completed().getAcquire();
        }
        return total;
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
