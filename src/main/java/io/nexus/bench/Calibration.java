package io.nexus.bench;

import io.nexus.engine.ReferenceLoop;
import io.nexus.engine.RunListener;
import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.HiccupMeter;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.TuningProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What this machine can measure, before any run is believed: the clock's cost, how much of a spinning
 * thread's time the machine takes away, what the engine adds to each workload's op, and how the engine's
 * constant-rate latency compares with the simplest honest loop ({@link ReferenceLoop}) at 10 to 90 % of
 * one worker's capacity. Everything is measured on one thread at a time, on the profile's engine mode.
 *
 * <p><b>Thread-safety:</b> {@link #run} blocks its caller for about 30 s (more with longer steps); calls
 * may come from any thread but should not overlap (they would share the CPUs).
 */
public final class Calibration {
    /** Loads of the latency curve, as fractions of one worker's closed-loop capacity. */
    public static final List<Double> LOADS = List.of(0.1, 0.3, 0.5, 0.7, 0.9);
    /** Steps between two clock readings longer than this count as a gap: 2 µs. */
    public static final long HICCUP_THRESHOLD_NANOS = 2_000;

    private final BenchRunner runner;

    /** @param runner runs the engine's side of each comparison */
    public Calibration(BenchRunner runner) {
        this.runner = runner;
    }

    /**
     * What the engine adds to one workload's op. Immutable.
     *
     * @param workload           the workload's name
     * @param size               its size
     * @param kernelOpsPerSecond the kernel alone in a tight loop
     * @param engineOpsPerSecond one self-paced worker in a closed loop
     */
    public record Overhead(String workload, int size, double kernelOpsPerSecond, double engineOpsPerSecond) {
        /** @return the engine's time per op beyond the kernel's, ns (negative within noise) */
        public double nanosPerOp() {
            return 1e9 / engineOpsPerSecond - 1e9 / kernelOpsPerSecond;
        }
    }

    /**
     * One load of the latency curve. Immutable.
     *
     * @param load              fraction of one worker's capacity
     * @param rate              ops/s asked
     * @param reference         the reference loop's response times at that rate
     * @param referenceAchieved the reference loop's completed ops/s over the rate asked
     * @param engine            the engine's (one worker) at that rate
     * @param achieved          the engine's completed ops/s over the rate asked
     * @param baselineP99Nanos  the p99 the engine is judged against: the reference's here, or where the
     *                          reference could not keep up, its p99 at the highest load it kept up with
     */
    public record CurvePoint(double load, double rate, LatencySummary reference, double referenceAchieved,
                             LatencySummary engine, double achieved, long baselineP99Nanos) {
        /** @return whether the reference loop itself kept the rate (99 %) */
        public boolean referenceKeptUp() {
            return referenceAchieved >= 0.99;
        }

        /** @return whether the engine kept the rate (99 %) with a p99 within 3x the baseline's plus 10 µs */
        public boolean sustained() {
            return achieved >= 0.99 && engine.p99() <= 3 * baselineP99Nanos + 10_000;
        }
    }

    /**
     * Everything measured. Immutable.
     *
     * @param clock         the clock's and histogram's cost, park overshoot
     * @param hiccups       one spinning thread's gaps over one second
     * @param overheads     per workload at its default size
     * @param curveWorkload the workload of the latency curve
     * @param capacity      one worker's closed-loop ops/s on it
     * @param curve         the latency curve
     */
    public record Report(ClockCalibration clock, HiccupMeter.Result hiccups, List<Overhead> overheads, String curveWorkload,
                         double capacity, List<CurvePoint> curve) {
        public Report {
            overheads = List.copyOf(overheads);
            curve = List.copyOf(curve);
        }

        /** @return the fastest rate of the curve the engine sustained, ops/s, or 0 if none */
        public double sustainableRate() {
            return curve.stream().filter(CurvePoint::sustained).mapToDouble(CurvePoint::rate).max().orElse(0);
        }
    }

    /**
     * @param curveWorkload the workload of the latency curve
     * @param step          measured time of each comparison
     * @param progress      told what is being measured, on the calling thread
     */
    public Report run(String curveWorkload, TuningProfile profile, Duration step, Consumer<String> progress) throws Exception {
        try (MeasurementSlot.Held _ = MeasurementSlot.take("calibration")) {
            return calibrate(curveWorkload, profile, step, progress);
        }
    }

    private Report calibrate(String curveWorkload, TuningProfile profile, Duration step, Consumer<String> progress) throws Exception {
        Workload curved = Workloads.kernels().stream().filter(w -> w.name().equals(curveWorkload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--workload: calibration measures the kernels in this process: "
                        + String.join(", ", Workloads.kernels().stream().map(Workload::name).toList()) + ", not '" + curveWorkload + "'"));
        progress.accept("clock");
        ClockCalibration clock = ClockCalibration.measure();
        progress.accept("hiccups");
        HiccupMeter.Result hiccups = HiccupMeter.measure(1_000_000_000L, HICCUP_THRESHOLD_NANOS);
        List<Overhead> overheads = new ArrayList<>();
        double capacity = 0;
        for (Workload w : Workloads.kernels()) {
            progress.accept("overhead of " + w.name());
            Overhead o = new Overhead(w.name(), w.defaultSize(), kernelRate(w, step), engine(oneWorker(w, profile, 0, step)).opsPerSecond());
            overheads.add(o);
            if (w == curved) {
                capacity = o.engineOpsPerSecond();
            }
        }
        List<CurvePoint> curve = new ArrayList<>();
        long baseline = 0;
        for (double load : LOADS) {
            double rate = load * capacity;
            progress.accept(String.format(java.util.Locale.ROOT, "latency at %.0f %% load", load * 100));
            ReferenceLoop.Result reference = ReferenceLoop.measure(curved, curved.defaultSize(), rate, warmup(step).toNanos(),
                    step.toNanos());
            LatencySummary referenceLatency = LatencySummary.of(reference.response());
            if (reference.achieved() >= 0.99 || baseline == 0) {
                baseline = referenceLatency.p99();
            }
            RunResult engine = engine(oneWorker(curved, profile, rate, step));
            curve.add(new CurvePoint(load, rate, referenceLatency, reference.achieved(), engine.response(),
                    engine.opsPerSecond() / rate, baseline));
        }
        return new Report(clock, hiccups, overheads, curved.name(), capacity, curve);
    }

    private RunResult engine(RunSpec spec) throws Exception {
        RunResult r = runner.run(spec, RunListener.NONE, new RunControl());
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException(spec.workload() + " run " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                    + r.failure().map(f -> ": " + f).orElse(""));
        }
        return r;
    }

    /** @return one worker on {@code w} at its default size: a closed loop, or a constant {@code rate} if positive */
    private static RunSpec oneWorker(Workload w, TuningProfile profile, double rate, Duration step) {
        RunSpec b = RunSpec.benchmark(w.name(), profile);
        return new RunSpec(w.name(), w.defaultSize(), rate > 0 ? RunMode.RATE : RunMode.BENCHMARK, 1, b.batch(), b.window(),
                warmup(step), step, 0, 1, Duration.ZERO, rate, step, profile);
    }

    /** @return warm-up before each measurement: as long as the step, at least 1 s, so the JIT is done */
    private static Duration warmup(Duration step) {
        return step.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : step;
    }

    /** @return the kernel alone in a tight loop, ops/s, after as long again unmeasured */
    private static double kernelRate(Workload w, Duration step) throws Exception {
        int size = w.defaultSize();
        try (FixedBlockPool pool = new FixedBlockPool(Math.max(64, w.blockBytes(size)), Math.max(1, w.blocksNeeded(size)));
             Kernel kernel = w.newKernel(size, pool, 1)) {
            loop(kernel, warmup(step).toNanos());
            return loop(kernel, step.toNanos());
        }
    }

    private static double loop(Kernel kernel, long nanos) throws Exception {
        long start = System.nanoTime();
        long ops = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                kernel.execute();
            }
            ops += 64;
            now = System.nanoTime();
        } while (now - start < nanos);
        return ops * 1e9 / (now - start);
    }
}
