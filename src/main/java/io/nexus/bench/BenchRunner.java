package io.nexus.bench;

import io.nexus.engine.EngineRun;
import io.nexus.engine.EngineSettings;
import io.nexus.engine.IdleStrategy;
import io.nexus.engine.LoadPlan;
import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.RunListener;
import io.nexus.engine.RunOutcome;
import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.topology.CpuLatencyRequest;
import io.nexus.engine.workload.HttpWorkload;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.TuningProfile;
import org.HdrHistogram.Histogram;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link RunSpec} on the engine and turns what it measured into a {@link RunResult}. Bursts are
 * separate engine runs laid end to end; their histograms are merged, never their percentiles.
 *
 * <p><b>Thread-safety:</b> {@link #run} blocks its caller for the whole run and may be called from any
 * thread; while one run goes on, a call from another thread is refused ({@link MeasurementSlot}), as runs at
 * once would share the CPUs and distort each other.
 */
public final class BenchRunner {
    /** Seed of every kernel's input data, so that runs are repeatable. */
    public static final long SEED = 0x5EEDL;
    /** The name of JavaFX's application thread, which a run must never block. */
    private static final String UI_THREAD = "JavaFX Application Thread";

    /**
     * Workers per CPU a run may have. The workloads are CPU-bound and busy, so more only time-slice the same CPUs; far more
     * (4096 on 2 CPUs) leave the run's control thread and a stop waiting minutes for a turn.
     */
    public static final int MAX_WORKERS_PER_CPU = 64;

    private final NexusEngine engine;
    private final InProcessTarget inProcess;

    /** A runner whose http runs need a URL (it starts no server of its own). */
    public BenchRunner(NexusEngine engine) {
        this(engine, (profile, size) -> {
            throw new IOException("this runner starts no API of its own: give the http workload a URL");
        });
    }

    /**
     * @param engine    the engine to run on
     * @param inProcess starts the server an http run without a URL loads, for that run
     */
    public BenchRunner(NexusEngine engine, InProcessTarget inProcess) {
        this.engine = engine;
        this.inProcess = inProcess;
    }

    /** @return the engine runs go on */
    public NexusEngine engine() {
        return engine;
    }

    /**
     * Runs {@code spec} to its end, or until {@code control} cancels it.
     *
     * @param listener receives every sample, on the engine's controller thread
     * @return the result; cancelled and failed runs keep what they measured
     * @throws InvalidSpecException naming each bad field, before anything runs, or {@code (run)} when another
     *     measurement is running in this process ({@link MeasurementSlot})
     * @throws InterruptedException if the calling thread is interrupted (the run is cancelled first)
     */
    public RunResult run(RunSpec spec, RunListener listener, RunControl control) throws InvalidSpecException, InterruptedException {
        if (Thread.currentThread().getName().equals(UI_THREAD)) {
            throw new IllegalStateException("a run blocks for its whole length: start it from a background thread, not the UI thread");
        }
        List<io.nexus.profile.FieldError> errors = spec.validate();
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        // the slot first: a refused http run must not start (and stop) a server while another measurement runs
        try (MeasurementSlot.Held _ = MeasurementSlot.take(spec.workload() + " " + spec.mode().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + spec.threads() + (spec.threads() == 1 ? " thread" : " threads"))) {
            return runOnTarget(spec, listener, control);
        }
    }

    /** Runs a kernel, or the http workload against its URL or the engine's own API started for the run. */
    private RunResult runOnTarget(RunSpec spec, RunListener listener, RunControl control) throws InvalidSpecException, InterruptedException {
        if (!spec.workload().equals("http")) {
            return run(spec, Workloads.byName(spec.workload()).orElseThrow(), List.of(), listener, control);
        }
        if (spec.url().isPresent()) {
            return run(spec, HttpWorkload.to(spec.url().get()), List.of("target: " + spec.url().get()), listener, control);
        }
        InProcessTarget.Running target;
        try {
            target = inProcess.start(spec.profile(), spec.size());
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(new io.nexus.profile.FieldError("--url", "no URL given, and the engine's own API"
                    + " could not start: " + e.getMessage())));
        }
        try (target) {
            return run(spec, HttpWorkload.to(target.uri()), List.of("target: " + target.uri() + " (" + target.description() + ")"),
                    listener, control);
        }
    }

    private RunResult run(RunSpec spec, Workload workload, List<String> firstNotes, RunListener listener, RunControl control)
            throws InvalidSpecException, InterruptedException {
        EngineSettings settings;
        try {
            settings = settingsOf(spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(List.of(new io.nexus.profile.FieldError("--profile", e.getMessage())));
        }
        if (spec.engine() == io.nexus.engine.EngineMode.EVENT_LOOP && !workload.waitsOnIo()) {
            throw new InvalidSpecException(List.of(new io.nexus.profile.FieldError("--mode", "event-loop is the mode of workloads that wait"
                    + " on I/O (http), which use it whatever the mode asked; " + workload.name() + " runs self-paced or queued")));
        }
        int cpus = engine.topology().cpuCount();
        if (!workload.waitsOnIo() && spec.threads() > MAX_WORKERS_PER_CPU * cpus) {
            throw new InvalidSpecException(List.of(new io.nexus.profile.FieldError("--threads", spec.threads() + " busy workers on " + cpus
                    + " CPUs would each run 1/" + Math.max(1, spec.threads() / cpus) + " of the time, and neither the run's control nor a stop"
                    + " would get the CPU in a bounded time: use at most " + MAX_WORKERS_PER_CPU * cpus + " (" + MAX_WORKERS_PER_CPU + " per CPU)")));
        }
        Runtime jvm = Runtime.getRuntime();
        Optional<String> tooBig = io.nexus.engine.WorkerMemory.of(settings, workload, spec.size())
                .whyNotFitting(jvm.maxMemory() - (jvm.totalMemory() - jvm.freeMemory()), io.nexus.engine.topology.PseudoFiles.memAvailableBytes());
        if (tooBig.isPresent()) {
            throw new InvalidSpecException(List.of(new io.nexus.profile.FieldError("--threads", tooBig.get())));
        }
        OptionalInt latency = spec.profile().system().cpuDmaLatencyUs();
        if (latency.isEmpty()) {
            return measure(spec, workload, settings, listener, control, firstNotes);
        }
        return measureHoldingCpuLatency(spec, workload, settings, listener, control, firstNotes, latency.getAsInt());
    }

    /** Runs with the profile's CPU wake-up latency requested (tuned's force_latency); the result's notes say whether it held. */
    private RunResult measureHoldingCpuLatency(RunSpec spec, Workload workload, EngineSettings settings, RunListener listener, RunControl control,
                                              List<String> firstNotes, int microseconds) throws InterruptedException {
        CpuLatencyRequest request;
        try {
            request = CpuLatencyRequest.hold(CpuLatencyRequest.DEVICE, microseconds);
        } catch (IOException | SecurityException e) {
            return measure(spec, workload, settings, listener, control, with(firstNotes, "C-states: " + CpuLatencyRequest.DEVICE
                    + " not held (" + e.getMessage() + "): idle CPUs may sleep deeper than " + microseconds + " µs; run as root or grant the device"));
        }
        try (CpuLatencyRequest _ = request) {
            return measure(spec, workload, settings, listener, control, with(firstNotes, "C-states: CPU wake-up latency held at "
                    + microseconds + " µs through " + CpuLatencyRequest.DEVICE + " while measuring"));
        }
    }

    private static List<String> with(List<String> notes, String more) {
        List<String> all = new ArrayList<>(notes);
        all.add(more);
        return all;
    }

    private RunResult measure(RunSpec spec, Workload workload, EngineSettings settings, RunListener listener, RunControl control,
                              List<String> firstNotes) throws InterruptedException {
        Instant startedAt = Instant.now();
        Histogram response = IntervalRecorder.newHistogram();
        Histogram service = IntervalRecorder.newHistogram();
        List<Sample> samples = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        notes.addAll(firstNotes);
        long measuredNanos = 0;
        long ops = 0;
        long failedOps = 0;
        long due = 0;
        long unfinished = 0;
        MeasurementMethod method = null;
        Optional<String> failure = Optional.empty();
        int bursts = spec.mode() == RunMode.BURST ? spec.bursts() : 1;
        for (int burst = 0; burst < bursts && !control.isCancelled() && failure.isEmpty(); burst++) {
            if (burst > 0 && pause(spec.burstPause(), control)) {
                break;
            }
            long offset = measuredNanos;
            LoadPlan plan = new LoadPlan(workload, spec.size(), burst == 0 ? spec.warmup() : Duration.ZERO, spec.duration(),
                    spec.opsPerThread(), spec.mode() == RunMode.RATE ? spec.targetRate() : 0, spec.sampleInterval(), SEED);
            List<Sample> burstSamples = samples;
            boolean first = burst == 0;
            RunListener shifted = new RunListener() {
                @Override
                public void onSample(Sample sample) {
                    listener.onSample(sample.shiftedBy(offset));
                }

                @Override
                public void onMeasuring() {
                    if (first) {
                        listener.onMeasuring();
                    }
                }
            };
            EngineRun run = engine.start(settings, plan, shifted);
            control.attach(run);
            RunOutcome outcome;
            try {
                outcome = run.await();
            } catch (InterruptedException e) {
                run.cancel();
                run.await();
                throw e;
            }
            outcome.samples().forEach(s -> burstSamples.add(s.shiftedBy(offset)));
            response.add(outcome.response());
            service.add(outcome.service());
            measuredNanos += outcome.measuredNanos();
            ops += outcome.ops();
            failedOps += outcome.errors();
            due += outcome.dueOps();
            unfinished += outcome.unfinishedOps();
            method = method == null ? outcome.method() : method;
            failure = outcome.failure();
            notes.addAll(outcome.workerStatus());
        }
        RunStatus status = failure.isPresent() ? RunStatus.FAILED : control.isCancelled() ? RunStatus.CANCELLED : RunStatus.COMPLETED;
        double seconds = measuredNanos / 1e9;
        double opsPerSecond = seconds > 0 ? ops / seconds : 0;
        notes.add("kernel: " + (workload.name().equals("matrix") ? workload.implementation() : workload.name() + " " + workload.implementation()));
        notes.addAll(MethodNotes.of(method, spec, Math.max(0, response.getMean() - service.getMean())));
        if (unfinished > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%d of %d due ops never ran: the engine was still behind well after"
                    + " the deadline; the percentiles cover the ops that ran", unfinished, due));
        }
        guideTarget(workload, spec.size(), opsPerSecond).ifPresent(notes::add);
        outcomes(samples).ifPresent(notes::add);
        if (status == RunStatus.CANCELLED) {
            notes.add(String.format(java.util.Locale.ROOT, "cancelled after %.2f s measured; the figures cover that time only", seconds));
        }
        Optional<RateOutcome> rate = spec.mode() == RunMode.RATE
                ? Optional.of(RateOutcome.of(spec.targetRate(), opsPerSecond, due, unfinished)) : Optional.empty();
        return new RunResult(UUID.randomUUID().toString(), startedAt, spec, status, failure, measuredNanos, ops, failedOps,
                opsPerSecond, opsPerSecond * workload.flopsPerOp(spec.size()) / 1e9,
                opsPerSecond * workload.bytesPerOp(spec.size()), LatencySummary.of(response), LatencySummary.of(service),
                response, service, rate, samples, List.copyOf(notes), Environment.capture(engine.topology()), method);
    }

    /**
     * @return for the guide's matrix figure, how far it is from what is possible: 100k multiplies of
     *     order 512 per second would be 26.8 TFLOP/s on one machine
     */
    private static Optional<String> guideTarget(Workload workload, int size, double opsPerSecond) {
        if (workload.flopsPerOp(size) == 0 || opsPerSecond == 0) {
            return Optional.empty();
        }
        double guideOps = 100_000;
        return Optional.of(String.format(java.util.Locale.ROOT,
                "the guide's 100k ops/s for a %dx%d multiply would need %.1f TFLOP/s; measured %.1f GFLOP/s (%.2f%% of that figure)",
                size, size, guideOps * workload.flopsPerOp(size) / 1e12, opsPerSecond * workload.flopsPerOp(size) / 1e9,
                100 * opsPerSecond / guideOps));
    }

    /**
     * @return the run's outcomes by kind over its measured samples (http: status classes, errors, timeouts), and how many
     *     responses were not 2xx; empty for workloads without kinds
     */
    static Optional<String> outcomes(List<Sample> samples) {
        Map<String, Long> total = new LinkedHashMap<>();
        samples.forEach(s -> s.outcomes().forEach((kind, count) -> total.merge(kind, count, Long::sum)));
        if (total.isEmpty()) {
            return Optional.empty();
        }
        long all = total.values().stream().mapToLong(Long::longValue).sum();
        long ok = total.getOrDefault(HttpWorkload.Outcome.OK.label(), 0L);
        StringBuilder text = new StringBuilder("outcomes:");
        total.forEach((kind, count) -> {
            if (count > 0) {
                text.append(' ').append(kind).append(' ').append(count);
            }
        });
        if (ok < all) {
            text.append(String.format(java.util.Locale.ROOT, "; %d of %d (%.2f %%) were not 2xx: responses of every status are in the"
                    + " percentiles (as wrk counts them), errors and timeouts are failed ops", all - ok, all, 100.0 * (all - ok) / all));
        }
        return Optional.of(text.toString());
    }

    /** @return whether the run was cancelled during the pause */
    private static boolean pause(Duration pause, RunControl control) throws InterruptedException {
        long end = System.nanoTime() + pause.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            if (control.isCancelled()) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
        }
        return control.isCancelled();
    }

    /** @return the engine settings of {@code spec}: its profile with the spec's mode, timing, threads, batch and window */
    public static EngineSettings settingsOf(RunSpec spec) {
        TuningProfile p = spec.profile();
        return new EngineSettings(spec.engine(), spec.timing(), spec.threads(), spec.batch(), p.queueCapacity(), spec.window(),
                EngineSettings.Pinning.valueOf(p.pinning().name()), EngineSettings.NumaPolicy.valueOf(p.numa().name()),
                p.cpus(), p.blockBytes(), p.blocksPerWorker(), IdleStrategy.Kind.valueOf(p.idle().name()));
    }
}
