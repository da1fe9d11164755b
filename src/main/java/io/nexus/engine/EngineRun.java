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
    private final List<Integer> dispatcherCpus;
    private volatile Dispatcher dispatcher;
    private volatile boolean cancelRequested;
    private volatile RunOutcome outcome;

    EngineRun(EngineSettings settings, LoadPlan plan, Topology topology, RunListener listener) {
        this.settings = settings;
        this.plan = plan;
        this.listener = listener;
        List<WorkerPlacement> placements = WorkerPlacement.plan(settings, topology);
        this.dispatcherCpus = WorkerPlacement.spareCpus(settings, topology, placements);
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
        IntervalSampler sampler = new IntervalSampler(workers.stream().map(Worker::recorder).toList());
        Measurement measurement = new Measurement();
        Optional<String> failure = Optional.empty();
        Dispatcher d = null;
        try {
            for (Worker worker : workers) {
                threads.add(Thread.ofPlatform().name("nexus-worker-" + worker.index()).daemon(true).start(worker));
            }
            while (!ready.await(100, TimeUnit.MILLISECONDS) && !cancelRequested) {
                // workers are still making their kernels; check for a cancel every 100 ms
            }
            failure = firstWorkerFailure();
            if (failure.isEmpty() && !cancelRequested) {
                d = new Dispatcher(workers, settings, plan, dispatcherCpus);
                dispatcher = d;
                if (cancelRequested) {
                    d.cancel();
                }
                threads.add(Thread.ofPlatform().name("nexus-dispatcher").daemon(true).start(d));
                failure = measure(d, sampler, measurement);
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
            for (Worker w : workers) {
                w.stop();
            }
            threads.forEach(EngineRun::joinQuietly);
        }
        outcome = new RunOutcome(cancelRequested, failure.or(this::firstWorkerFailure), measurement.nanos, measurement.ops, errors(),
                sampler.totalResponse(), sampler.totalService(), measurement.samples, statusLines(d),
                d == null ? 0 : d.dueOps(), d == null ? 0 : d.issuedOps());
    }

    /** What the sampling loop has measured so far. Confined to the controller thread. */
    private static final class Measurement {
        final List<Sample> samples = new ArrayList<>();
        long nanos;
        long ops;
    }

    /**
     * Waits for the measured phase, samples it every interval, and closes it: at once when the duration
     * ran out or the run was cancelled (ops still in flight are outside the measurement), or when the last
     * op completes when an op count ended it.
     *
     * @return a worker's failure, if one stopped the run
     */
    private Optional<String> measure(Dispatcher d, IntervalSampler sampler, Measurement m) {
        while (d.measureStartNanos() == 0 && d.endReason() == null) {
            LockSupport.parkNanos(1_000_000L);
        }
        long start = d.measureStartNanos();
        if (start == 0) {
            return firstWorkerFailure();
        }
        sampler.begin(start, 0);
        long interval = plan.sampleInterval().toNanos();
        long deadline = plan.duration().isZero() ? Long.MAX_VALUE : start + plan.duration().toNanos();
        long nextTick = start + interval;
        while (true) {
            Dispatcher.EndReason end = d.endReason();
            boolean finished = end != null && (end != Dispatcher.EndReason.QUOTA || inFlight(d) == 0);
            long now = System.nanoTime();
            // The tick at or past the deadline waits for the end, so the last interval is never a sliver.
            boolean tick = now >= nextTick && nextTick < deadline;
            if (finished || tick) {
                Sample sample = sampler.sample(now, errors(), inFlight(d));
                m.samples.add(sample);
                m.ops += sample.ops();
                m.nanos = now - start;
                listener.onSample(sample);
                nextTick += interval * ((now - nextTick) / interval + 1);
                if (finished) {
                    return Optional.empty();
                }
            }
            Optional<String> failure = firstWorkerFailure();
            if (failure.isPresent()) {
                d.cancel();
            }
            LockSupport.parkNanos(Math.min(nextTick - System.nanoTime(), 1_000_000L));
        }
    }

    private List<String> statusLines(Dispatcher d) {
        List<String> lines = new ArrayList<>();
        workers.forEach(w -> lines.add("worker " + w.index() + ": " + w.status()));
        if (d != null) {
            lines.add("dispatcher: " + d.status());
        }
        return lines;
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
