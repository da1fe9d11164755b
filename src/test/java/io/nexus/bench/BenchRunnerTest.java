package io.nexus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.NexusEngine;
import io.nexus.engine.RunListener;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.FieldError;
import io.nexus.profile.TuningProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {
    private static final BenchRunner RUNNER = new BenchRunner(new NexusEngine(Topology.detect()));
    private static final TuningProfile PROFILE = TuningProfile.defaults();

    private static RunSpec spec(String workload, RunMode mode, int threads, Duration duration) {
        RunSpec b = RunSpec.benchmark(workload, PROFILE);
        return new RunSpec(workload, b.size(), mode, threads, b.batch(), b.window(), Duration.ofMillis(100), duration, 0, 1,
                Duration.ofMillis(200), 0, Duration.ofMillis(100), PROFILE);
    }

    @Test
    void matrixBenchmarkReportsGflopsFromTheOpRate() throws Exception {
        RunSpec s = spec("matrix", RunMode.BENCHMARK, 1, Duration.ofMillis(600));
        RunResult r = RUNNER.run(new RunSpec(s.workload(), 128, s.mode(), 1, s.batch(), s.window(), s.warmup(), s.duration(), 0, 1,
                s.burstPause(), 0, s.sampleInterval(), PROFILE), RunListener.NONE, new RunControl());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(r.opsPerSecond() * 2.0 * 128 * 128 * 128 / 1e9, r.gflops(), 1e-6);
        assertTrue(r.environment().cores() >= 1 && !r.environment().jvm().isBlank());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("Vector API")), r.notes()::toString);
    }

    @Test
    void burstsAreLaidEndToEndAndMergedExactly() throws Exception {
        RunSpec s = spec("xor", RunMode.BURST, 1, Duration.ofMillis(300));
        RunSpec bursts = new RunSpec(s.workload(), s.size(), RunMode.BURST, 1, s.batch(), s.window(), s.warmup(), s.duration(), 0, 3,
                Duration.ofMillis(100), 0, s.sampleInterval(), PROFILE);
        List<Sample> live = new CopyOnWriteArrayList<>();
        RunResult r = RUNNER.run(bursts, live::add, new RunControl());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(r.ops(), r.responseHistogram().getTotalCount());
        assertTrue(r.measuredSeconds() >= 0.9 && r.measuredSeconds() < 1.5, "3 x 0.3 s measured, pauses excluded: " + r.measuredSeconds());
        List<Long> elapsed = new ArrayList<>(r.samples().stream().map(Sample::elapsedNanos).toList());
        assertEquals(elapsed.stream().sorted().toList(), elapsed, "bursts follow each other in elapsed time");
        assertEquals(r.samples(), List.copyOf(live));
    }

    @Test
    void anImpossibleRateIsFlaggedAsSaturated() throws Exception {
        RunSpec s = spec("matrix", RunMode.RATE, 1, Duration.ofMillis(500));
        RunSpec rate = new RunSpec(s.workload(), 256, RunMode.RATE, 1, s.batch(), s.window(), Duration.ZERO, s.duration(), 0, 1,
                s.burstPause(), 1_000_000, s.sampleInterval(), PROFILE);
        RunResult r = RUNNER.run(rate, RunListener.NONE, new RunControl());
        RateOutcome outcome = r.rate().orElseThrow();
        assertTrue(outcome.saturated());
        assertTrue(outcome.achievedRate() < 10_000);
        assertTrue(outcome.unfinishedOps() > 0 && outcome.dueOps() == 500_000, outcome::toString);
    }

    /** Planted once by hand: without the slot the second run starts and both report halved figures; this went red. */
    @Test
    void aSecondMeasurementAtOnceIsRefusedWithWhatIsRunning() throws Exception {
        RunControl first = new RunControl();
        java.util.concurrent.CountDownLatch firstSample = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<RunResult> running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return RUNNER.run(spec("xor", RunMode.BENCHMARK, 1, Duration.ofSeconds(30)), s -> firstSample.countDown(), first);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(firstSample.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first run is measuring");
        assertTrue(MeasurementSlot.current().orElse("").startsWith("xor benchmark, 1 thread, since "), MeasurementSlot.current()::toString);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> RUNNER.run(spec("sha256", RunMode.BENCHMARK, 1, Duration.ofSeconds(1)), RunListener.NONE, new RunControl()));
        assertEquals(List.of("(run)"), e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.getMessage().contains("another measurement is running in this process (xor benchmark"), e.getMessage());
        first.cancel();
        assertEquals(RunStatus.CANCELLED, running.get().status());
        assertTrue(MeasurementSlot.current().isEmpty(), "the slot is free again");
    }

    /** An http run refused because another measurement runs starts no server of its own first. */
    @Test
    void aRefusedHttpRunStartsNoServer() throws Exception {
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        BenchRunner runner = new BenchRunner(new NexusEngine(Topology.detect()), (profile, size) -> {
            started.incrementAndGet();
            throw new java.io.IOException("not started in this test");
        });
        try (MeasurementSlot.Held _ = MeasurementSlot.take("a sweep elsewhere")) {
            java.util.concurrent.CompletableFuture<Throwable> refused = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    runner.run(spec("http", RunMode.BENCHMARK, 1, Duration.ofSeconds(1)), RunListener.NONE, new RunControl());
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            InvalidSpecException e = assertInstanceOf(InvalidSpecException.class, refused.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("(run)"), e.errors().stream().map(FieldError::field).toList());
        }
        assertEquals(0, started.get(), "no server started for a refused run");
        InvalidSpecException noServer = assertThrows(InvalidSpecException.class,
                () -> runner.run(spec("http", RunMode.BENCHMARK, 1, Duration.ofSeconds(1)), RunListener.NONE, new RunControl()));
        assertTrue(noServer.getMessage().contains("--url") && noServer.getMessage().contains("not started in this test"), noServer.getMessage());
    }

    /** A profile's [os] cpu_dma_latency_us is requested while the run measures, and the result says whether it held. */
    @Test
    void aProfilesCpuLatencyRequestIsHeldWhileMeasuringAndNoted() throws Exception {
        io.nexus.profile.SystemSettings d = io.nexus.profile.SystemSettings.defaults();
        TuningProfile latency = PROFILE.withSystem(new io.nexus.profile.SystemSettings(d.preset(), d.allowLower(), d.nofile(), d.user(),
                d.dbWorkload(), d.storage(), d.maxConnections(), d.maxClientConn(), d.poolSize(), d.reservePool(), d.containerMemoryBytes(),
                d.containerCpus(), d.hostRamBytes(), d.hostCores(), java.util.OptionalInt.of(5)));
        RunSpec s = spec("xor", RunMode.BENCHMARK, 1, Duration.ofMillis(200));
        RunSpec withLatency = new RunSpec(s.workload(), s.size(), s.mode(), 1, s.batch(), s.window(), s.warmup(), s.duration(), 0, 1,
                s.burstPause(), 0, s.sampleInterval(), latency);
        RunResult r = RUNNER.run(withLatency, RunListener.NONE, new RunControl());
        boolean writable = java.nio.file.Files.isWritable(io.nexus.engine.topology.CpuLatencyRequest.DEVICE);
        String expected = writable ? "CPU wake-up latency held at 5 µs" : "not held";
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("C-states:") && n.contains(expected)), r.notes().toString());
        assertTrue(RUNNER.run(s, RunListener.NONE, new RunControl()).notes().stream().noneMatch(n -> n.startsWith("C-states:")),
                "no request without the profile's setting");
    }

    @Test
    void moreBusyWorkersThanSixtyFourPerCpuAreRefusedBeforeAnyStarts() {
        int tooMany = BenchRunner.MAX_WORKERS_PER_CPU * RUNNER.engine().topology().cpuCount() + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(tooMany <= 4096, "a machine this large takes 4096 workers");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> RUNNER.run(spec("xor", RunMode.BENCHMARK, tooMany, Duration.ofSeconds(1)), RunListener.NONE, new RunControl()));
        assertTrue(e.getMessage().startsWith("--threads: " + tooMany + " busy workers on"), e.getMessage());
    }

    @Test
    void cancellingBeforeTheStartStillGivesAResult() throws Exception {
        RunControl control = new RunControl();
        control.cancel();
        RunResult r = RUNNER.run(spec("xor", RunMode.BENCHMARK, 1, Duration.ofSeconds(30)), RunListener.NONE, control);
        assertEquals(RunStatus.CANCELLED, r.status());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("cancelled")));
    }

    @Test
    void badSpecsNameTheirOption() {
        RunSpec s = spec("xor", RunMode.BENCHMARK, 0, Duration.ZERO);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> RUNNER.run(s, RunListener.NONE, new RunControl()));
        assertEquals(List.of("--threads", "--duration"), e.errors().stream().map(FieldError::field).toList());
        RunSpec unknown = new RunSpec("md5", 64, RunMode.RATE, 1, 64, 64, Duration.ZERO, Duration.ofSeconds(1), 0, 1, Duration.ZERO, 0,
                Duration.ofSeconds(1), PROFILE);
        assertEquals(List.of("--workload", "--rate"), unknown.validate().stream().map(FieldError::field).toList());
    }

    @Test
    void sweepReportsSpeedupAndEfficiencyPerThreadCount() throws Exception {
        List<SweepPoint> seen = new ArrayList<>();
        List<SweepPoint> points = new SweepRunner(RUNNER).run(spec("sha256", RunMode.BENCHMARK, 1, Duration.ofMillis(400)),
                List.of(2, 1), t -> RunListener.NONE, seen::add, new RunControl());
        assertEquals(List.of(1, 2), points.stream().map(SweepPoint::threads).toList());
        assertEquals(points, seen);
        assertEquals(1.0, points.getFirst().speedup(), 1e-9);
        SweepPoint two = points.get(1);
        assertEquals(two.result().opsPerSecond() / points.getFirst().result().opsPerSecond(), two.speedup(), 1e-9);
        assertEquals(two.speedup() / 2, two.efficiency(), 1e-9);
        assertEquals(List.of(1, 2, 4, 8, 12), SweepRunner.defaultThreadCounts(12));
    }
}
