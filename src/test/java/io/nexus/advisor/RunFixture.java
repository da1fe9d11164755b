package io.nexus.advisor;

import io.nexus.bench.Environment;
import io.nexus.bench.RateOutcome;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.engine.EngineMode;
import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.measure.TimingMode;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.ProfileKey;
import io.nexus.profile.TuningProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * A run's result as the engine would return it, clean by default (xor, one self-paced worker on a 2-processor machine,
 * steady 20M ops/s, response close to service, cheap clock, JIT quiet, no GC, no errors, the guide's targets met); each
 * field can be set to build a run that triggers one rule. Mutable; one per test.
 */
final class RunFixture {
    String workload = "xor";
    RunMode mode = RunMode.BENCHMARK;
    int threads = 1;
    int cores = 2;
    int numaNodes = 1;
    Map<ProfileKey, String> profileValues = Map.of();
    EngineMode engine = EngineMode.SELF_PACED;
    int window = 1;
    int batch = 64;
    LatencySummary response = latency(100, 300);
    LatencySummary service = latency(90, 250);
    double opsPerSecond = 20e6;
    long errors;
    double cpu = 0.5;
    long gcMillisPerSample;
    double[] sampleRates;
    long queueDepth;
    Map<String, Long> outcomes = Map.of();
    Optional<RateOutcome> rate = Optional.empty();
    TimingMode timing = TimingMode.PER_RUN;
    double clockNanos = 20;
    double opNanos = 500;
    double overheadNanos = 30;
    boolean jitQuiet = true;

    static LatencySummary latency(long p50, long p99) {
        return new LatencySummary(1000, p50, p50, (p50 + p99) / 2, p99, p99 * 2, p99 * 3, p99 * 4);
    }

    RunEvidence evidence() {
        return RunEvidence.of(build());
    }

    RunResult build() {
        TuningProfile profile;
        try {
            profile = ProfileFiles.withValues(TuningProfile.defaults(), profileValues);
        } catch (io.nexus.profile.ProfileException e) {
            throw new IllegalArgumentException(e);
        }
        Duration interval = Duration.ofSeconds(1);
        RunSpec spec = new RunSpec(workload, 64, mode, threads, batch, window, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, 1,
                Duration.ZERO, rate.map(RateOutcome::targetRate).orElse(0.0), interval, profile, engine, timing, Optional.empty());
        double[] rates = sampleRates != null ? sampleRates : new double[] {opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond,
                opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            samples.add(new Sample((i + 1) * interval.toNanos(), interval.toNanos(), (long) rates[i], rates[i], response, service.p99(),
                    i == 0 ? errors : 0, queueDepth, cpu, 100_000_000, gcMillisPerSample, i == 0 ? outcomes : Map.of()));
        }
        long measured = rates.length * interval.toNanos();
        long ops = (long) (opsPerSecond * rates.length);
        Environment environment = new Environment("host", "cpu", cores, "0-" + (cores - 1), numaNodes, List.of(), "Linux", "JDK 25",
                List.of(), 1L << 30, true, Instant.EPOCH);
        MeasurementMethod method = new MeasurementMethod(engine, timing, timing, timing == TimingMode.PER_OP ? 1 : 64, window,
                new ClockCalibration(clockNanos, 10, 4, 50_000), opNanos, overheadNanos, 0, 1_000_000_000L, jitQuiet);
        return new RunResult("00000000-0000-0000-0000-000000000001", Instant.EPOCH, spec, RunStatus.COMPLETED, Optional.empty(), measured,
                ops, errors, opsPerSecond, 0, 0, response, service, new Histogram(3), new Histogram(3), rate, samples, List.of(),
                environment, method);
    }
}
