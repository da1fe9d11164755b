package io.nexus.engine;

import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.IntervalSampler;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.topology.Topology;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * One run of the engine in progress: its workers (and, in the queued mode, their dispatcher) and a
 * controller thread that calibrates the clock, starts them, ends warm-up once its time is over and the
 * JIT is quiet, samples every interval, and stops everything at the end.
 *
 * <p>The controller sleeps until its next sample is due; workers, the dispatcher and {@link #cancel()}
 * wake it when something ends. A run ends when every measured op has completed (the measured time runs
 * to the end of the last one), when it is cancelled, or when any thread fails; threads that do not stop
 * within {@link #STOP_GRACE_NANOS} (stuck inside one op) are left behind and named in the outcome.
 *
 * <p><b>Thread-safety:</b> every public method may be called from any thread. Threads are named
 * {@code nexus-worker-N}, {@code nexus-dispatcher} and {@code nexus-run}.
 */
public final class EngineRun {
    /** How long stopped threads get to finish their current op: 5 s. */
    static final long STOP_GRACE_NANOS = 5_000_000_000L;
    /** Warm-up goes on past its time until the JIT has compiled nothing for this long: 100 ms. */
    static final long JIT_QUIET_NANOS = 100_000_000L;
    /**
     * Warm-up is sampled this often at most, and a phase of it started at every other sample: 100 ms (or the run's
     * sample interval, if shorter). Often enough that the JIT compiles the sampling, the workers' swaps and their phase
     * changes within a short warm-up, so that none of it is compiled, or deoptimised, once measurement starts.
     */
    static final long WARMUP_SAMPLE_NANOS = 100_000_000L;

    private final EngineSettings settings;
    /** The mode the run uses: the settings', but event loops for ops that wait on I/O. */
    private final EngineMode mode;
    private final LoadPlan plan;
    private final RunListener listener;
    private final List<WorkerPlacement> placements;
    private final List<Integer> dispatcherCpus;
    private final Thread controller;
    private final RunState state;
    private volatile RunOutcome outcome;
    /** Warm-up samples taken so far. Controller thread only. */
    private int warmUpTicks;

    EngineRun(EngineSettings settings, LoadPlan plan, Topology topology, RunListener listener) {
        this.settings = settings;
        if (settings.mode() == EngineMode.EVENT_LOOP && !plan.workload().waitsOnIo()) {
            throw new IllegalArgumentException("event-loop is the mode of workloads that wait on I/O; " + plan.workload().name()
                    + " runs self-paced or queued");
        }
        this.mode = plan.workload().waitsOnIo() ? EngineMode.EVENT_LOOP : settings.mode();
        this.plan = plan;
        this.listener = listener;
        this.placements = WorkerPlacement.plan(mode == EngineMode.EVENT_LOOP ? settings.withThreads(EventLoopWorker.loopsFor(settings))
                : settings, topology);
        this.dispatcherCpus = WorkerPlacement.spareCpus(settings, topology, placements);
        this.controller = Thread.ofPlatform().name("nexus-run").daemon(true).unstarted(this::control);
        this.state = new RunState(controller);
    }

    void start() {
        controller.start();
    }

    /** Stops the run as soon as possible; what was measured so far is kept and marked cancelled. */
    public void cancel() {
        state.cancel();
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

    /** The controller thread's body: the run, and an outcome whatever happens to it. */
    private void control() {
        try {
            run();
        } catch (Throwable e) {
            // making the workers, or closing the run, failed (an OutOfMemoryError, a listener that threw):
            // the run still ends, saying why
            state.fail(e);
            outcome = new RunOutcome(state.cancelled(), Optional.of(describe(e)), 0, 0, 0, new Histogram(1, 2, 0),
                    new Histogram(1, 2, 0), List.of(), List.of(), 0, 0, null);
        }
    }

    private void run() {
        Timing timing = new Timing(settings.timing(), ClockCalibration.measure());
        CountDownLatch ready = new CountDownLatch(placements.size());
        List<Worker> workers = newWorkers(timing, ready);
        List<Thread> threads = new ArrayList<>();
        IntervalSampler sampler = new IntervalSampler(workers.stream().map(w -> w.recorder).toList(), plan.workload()::outcomeCounts);
        List<Sample> samples = new ArrayList<>();
        Dispatcher dispatcher = null;
        Warmup warmup = new Warmup(0, false);
        long start = 0;
        boolean measured = false;
        try {
            for (Worker worker : workers) {
                threads.add(Thread.ofPlatform().daemon(true).name("nexus-worker-" + worker.index()).start(worker));
            }
            while (!ready.await(10, TimeUnit.MILLISECONDS) && !state.stopRequested()) {
                // workers are making their kernels and measuring the op's cost
            }
            if (!state.stopRequested()) {
                if (mode == EngineMode.QUEUED) {
                    dispatcher = new Dispatcher(workers.stream().map(QueuedWorker.class::cast).toList(), settings, plan,
                            state, dispatcherCpus);
                    threads.add(Thread.ofPlatform().name("nexus-dispatcher").daemon(true).start(dispatcher));
                }
                warmup = warmUp(dispatcher, sampler, i -> !alive(threads, i));
            }
            if (!state.stopRequested()) {
                start = System.nanoTime();
                measured = true;
                state.startMeasuring(start);
                listener.onMeasuring();
                sampler.begin(start);
                waitFor(() -> workers.stream().allMatch(w -> w.measuring() || !alive(threads, w.index())));
                sampleUntilDone(sampler, samples, workers, threads, dispatcher, start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.fail(e);
        } catch (RuntimeException | Error e) {
            state.fail(e);
        } finally {
            state.requestStop();
        }
        List<String> stuck = joinWithin(threads, STOP_GRACE_NANOS);
        for (Worker w : workers) {
            if (!w.measuring() && !alive(threads, w.index())) {
                w.recorder.discard(); // warm-up records of a worker that never measured (its thread has ended)
            }
        }
        long end = start;
        if (measured) {
            for (Worker w : workers) {
                end = Math.max(end, w.lastEndNanos());
            }
            if (!plan.duration().isZero() && !state.cancelled() && state.failure() == null) {
                // a run its duration ended measured all of it, even if its last op ended a moment before
                end = Math.max(end, start + plan.duration().toNanos());
            }
            Sample last = sampler.sample(Math.max(end, sampler.lastSampleNanos()), 0, i -> !alive(threads, i));
            samples.add(last);
            listener.onSample(last);
        }
        int window = dispatcher != null ? dispatcher.window()
                : mode == EngineMode.EVENT_LOOP ? EventLoopWorker.lanesFor(settings, 0) : settings.windowFor(1);
        outcome = outcome(workers, dispatcher, sampler, samples, stuck, end - start, window, timing, warmup);
    }

    private List<Worker> newWorkers(Timing timing, CountDownLatch ready) {
        List<Worker> workers = new ArrayList<>();
        int peers = placements.size(); // workers sharing the schedule
        for (WorkerPlacement p : placements) {
            workers.add(switch (mode) {
                case SELF_PACED -> new SelfPacedWorker(p.worker(), peers, settings.windowFor(1), settings, p, plan, state, timing, ready);
                case QUEUED -> new QueuedWorker(p.worker(), settings, p, plan, state, timing, ready);
                case EVENT_LOOP -> new EventLoopWorker(p.worker(), settings, p, plan, state, timing, ready);
            });
        }
        return workers;
    }

    /** What warm-up took, and whether the JIT was quiet at its end. */
    private record Warmup(long nanos, boolean jitQuiet) {
    }

    /**
     * Lets warm-up run for its time, then on until the JIT has compiled nothing for {@link #JIT_QUIET_NANOS}
     * (at most the warm-up time again, and 10 s), then drains the dispatcher's warm-up ops. Warm-up is sampled as
     * measurement will be ({@link IntervalSampler#sampleWarmUp}), every {@link #WARMUP_SAMPLE_NANOS} at most, the
     * samples dropped, and a warm-up phase starts at every other tick ({@link RunState#startWarmUpPhase}); the last
     * sample waits for every worker, so nothing of warm-up is left in their buffers when measurement starts.
     */
    private Warmup warmUp(Dispatcher dispatcher, IntervalSampler sampler, IntPredicate ended) {
        if (plan.warmup().isZero()) {
            return new Warmup(0, false);
        }
        long begin = System.nanoTime();
        sampleWarmUpUntil(begin + plan.warmup().toNanos(), dispatcher, sampler, ended);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean quiet = false;
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            long giveUp = System.nanoTime() + Math.min(plan.warmup().toNanos(), 10_000_000_000L);
            long compiled = jit.getTotalCompilationTime();
            while (!quiet && !state.stopRequested() && System.nanoTime() < giveUp) {
                sampleWarmUpUntil(System.nanoTime() + JIT_QUIET_NANOS, dispatcher, sampler, ended);
                long now = jit.getTotalCompilationTime();
                quiet = now == compiled;
                compiled = now;
            }
        }
        if (dispatcher != null) {
            dispatcher.endWarmup();
            waitFor(dispatcher::warmupDrained);
        }
        while (!state.stopRequested() && !sampler.sampleWarmUp(System.nanoTime(), ended)) {
            LockSupport.parkNanos(1_000_000); // a worker inside a long op swaps after it
        }
        return new Warmup(System.nanoTime() - begin, quiet);
    }

    /**
     * Parks until {@code nanos} (or the run stops), sampling warm-up at every tick and starting a warm-up phase at
     * every other one, just before its sample: a worker then sees swaps asked alone (as the last warm-up sample and the
     * measured ones ask them) and phases, each on the paths it will take in measurement; the dispatcher, if any, ends
     * its phase there too, skipping and draining what it issued, as it does once more before measurement.
     */
    private void sampleWarmUpUntil(long nanos, Dispatcher dispatcher, IntervalSampler sampler, IntPredicate ended) {
        long tick = Math.min(plan.sampleInterval().toNanos(), WARMUP_SAMPLE_NANOS);
        for (long now; !state.stopRequested() && (now = System.nanoTime()) < nanos; ) {
            sleepUntil(Math.min(nanos, now + tick));
            if (++warmUpTicks % 2 == 0) {
                state.startWarmUpPhase(System.nanoTime());
                if (dispatcher != null) {
                    dispatcher.endPhase();
                }
            }
            sampler.sampleWarmUp(System.nanoTime(), ended);
        }
    }

    private void sampleUntilDone(IntervalSampler sampler, List<Sample> samples, List<Worker> workers, List<Thread> threads,
                                 Dispatcher dispatcher, long start) {
        long interval = plan.sampleInterval().toNanos();
        long deadline = plan.duration().isZero() ? Long.MAX_VALUE : start + plan.duration().toNanos();
        long nextTick = start + interval;
        while (!state.stopRequested() && !finished(workers, threads, dispatcher)) {
            long now = System.nanoTime();
            // The tick at or past the deadline waits for the end, so the last interval is never a sliver.
            if (now >= nextTick && nextTick < deadline) {
                Sample sample = sampler.sample(now, queueDepth(workers, dispatcher, start, now), i -> !alive(threads, i));
                samples.add(sample);
                listener.onSample(sample);
                nextTick += interval * ((now - nextTick) / interval + 1);
            }
            // Past the deadline the workers finish the ops due before it and wake this thread when they end;
            // a queued run's last ops end unannounced, so draining polls.
            boolean draining = dispatcher != null && dispatcher.finished();
            LockSupport.parkNanos(draining ? 100_000 : nextTick < deadline ? Math.max(1, nextTick - now) : interval);
        }
    }

    private static boolean finished(List<Worker> workers, List<Thread> threads, Dispatcher dispatcher) {
        if (dispatcher != null) {
            return dispatcher.finished() && inFlight(workers, dispatcher) == 0;
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /**
     * @return queued: ops submitted and not completed; self-paced at a constant rate: ops due and not yet
     *     completed; self-paced closed loop: 0 (nothing waits)
     */
    private long queueDepth(List<Worker> workers, Dispatcher dispatcher, long start, long now) {
        if (dispatcher != null) {
            return inFlight(workers, dispatcher);
        }
        if (!plan.isConstantRate()) {
            return 0;
        }
        long due = (long) ((now - start) * plan.targetRate() / 1e9) + 1;
        long completed = workers.stream().mapToLong(w -> w.completed.getAcquire()).sum();
        return Math.max(0, due - completed);
    }

    private static long inFlight(List<Worker> workers, Dispatcher dispatcher) {
        long total = 0;
        for (Worker w : workers) {
            total += dispatcher.submitted(w.index()) - w.completed.getAcquire();
        }
        return total;
    }

    private RunOutcome outcome(List<Worker> workers, Dispatcher dispatcher, IntervalSampler sampler, List<Sample> samples,
                               List<String> stuck, long measuredNanos, int window, Timing timing, Warmup warmup) {
        long ops = samples.stream().mapToLong(Sample::ops).sum();
        long errors = samples.stream().mapToLong(Sample::errors).sum();
        long unfinished;
        long due;
        if (dispatcher != null) {
            due = dispatcher.dueOps();
            unfinished = Math.max(0, due - ops);
        } else {
            unfinished = workers.stream().mapToLong(Worker::unfinishedOps).sum();
            due = plan.isConstantRate() ? ops + unfinished : 0;
        }
        List<String> status = new ArrayList<>();
        workers.forEach(w -> status.add("worker " + w.index() + ": " + w.status()));
        if (dispatcher != null) {
            status.add("dispatcher: " + dispatcher.status());
        }
        stuck.forEach(name -> status.add(name + ": did not stop within " + STOP_GRACE_NANOS / 1_000_000_000L + " s (inside one op)"));
        Throwable failure = state.failure();
        return new RunOutcome(state.cancelled(), Optional.ofNullable(failure).map(EngineRun::describe), measuredNanos,
                ops, errors, sampler.totalResponse(), sampler.totalService(), samples, status, due, unfinished,
                method(workers, window, timing, warmup));
    }

    private MeasurementMethod method(List<Worker> workers, int window, Timing timing, Warmup warmup) {
        int perRun = workers.stream().mapToInt(Worker::opsPerTimedRun).max().orElse(1);
        double opNanos = workers.stream().mapToDouble(Worker::opNanos).min().orElse(0);
        ClockCalibration clock = timing.clock();
        TimingMode used = perRun == 1 ? TimingMode.PER_OP : timing.sampled() ? TimingMode.SAMPLED : TimingMode.PER_RUN;
        return new MeasurementMethod(mode, settings.timing(), used,
                perRun, window, clock, opNanos, clock.overheadPerOpNanos(perRun, used == TimingMode.SAMPLED),
                used == TimingMode.PER_RUN ? (long) Math.ceil(perRun * opNanos) : 0, warmup.nanos(), warmup.jitQuiet());
    }

    private static boolean alive(List<Thread> threads, int index) {
        return index < threads.size() && threads.get(index).isAlive();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return failure instanceof Error ? failure.getClass().getSimpleName() + ": " + message : message;
    }

    /** Parks until {@code condition} holds or the run stops, looking every 100 µs. */
    private void waitFor(BooleanSupplier condition) {
        while (!state.stopRequested() && !condition.getAsBoolean()) {
            LockSupport.parkNanos(100_000);
        }
    }

    private void sleepUntil(long nanos) {
        long left;
        while (!state.stopRequested() && (left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** @return the names of the threads still alive after {@code graceNanos} */
    private static List<String> joinWithin(List<Thread> threads, long graceNanos) {
        long deadline = System.nanoTime() + graceNanos;
        boolean interrupted = false;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            while (left > 0 && t.isAlive()) {
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                left = deadline - System.nanoTime();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
