package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.measure.Sample;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.topology.Topology;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineRunTest {
    private static final NexusEngine ENGINE = new NexusEngine(Topology.detect());
    private static final Workload XOR = Workloads.byName("xor").orElseThrow();

    private static LoadPlan plan(Workload w, Duration warmup, Duration duration, long opsPerWorker, double rate) {
        return new LoadPlan(w, w.defaultSize(), warmup, duration, opsPerWorker, rate, Duration.ofMillis(100), 1);
    }

    @Test
    void closedLoopRunMeasuresOpsLatencyAndSamples() throws InterruptedException {
        List<Sample> seen = new CopyOnWriteArrayList<>();
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(XOR, Duration.ofMillis(200), Duration.ofMillis(600), 0, 0), seen::add).await();
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        assertFalse(o.cancelled());
        assertTrue(o.ops() > 1000, "ops: " + o.ops());
        assertEquals(o.ops(), o.response().getTotalCount(), "every measured op recorded once");
        assertEquals(o.ops(), o.samples().stream().mapToLong(Sample::ops).sum(), "samples add up to the total");
        assertTrue(o.measuredNanos() >= 600_000_000L && o.measuredNanos() < 900_000_000L, "measured " + o.measuredNanos());
        assertTrue(o.samples().size() >= 5 && o.samples().size() <= 8, "samples: " + o.samples().size());
        assertEquals(o.samples(), List.copyOf(seen), "listeners get every sample");
        Sample s = o.samples().getFirst();
        assertTrue(s.latency().p50() <= s.latency().p99() && s.latency().p99() <= s.latency().max());
        assertTrue(o.service().getValueAtPercentile(50) <= o.response().getValueAtPercentile(50),
                "response time includes the service time");
    }

    @Test
    void opCountEndsTheRunWithExactlyThatManyMeasuredOpsPerWorker() throws InterruptedException {
        RunOutcome o = ENGINE.start(EngineSettings.defaults(2), plan(XOR, Duration.ofMillis(100), Duration.ZERO, 50_000, 0), RunListener.NONE).await();
        assertTrue(o.failure().isEmpty());
        assertEquals(100_000, o.ops(), "warm-up ops are not counted; quota is per worker");
        assertEquals(100_000, o.response().getTotalCount());
    }

    @Test
    void cancelKeepsWhatWasMeasured() throws InterruptedException {
        CountDownLatch firstSample = new CountDownLatch(1);
        EngineRun run = ENGINE.start(EngineSettings.defaults(1), plan(XOR, Duration.ZERO, Duration.ofSeconds(60), 0, 0),
                s -> firstSample.countDown());
        assertTrue(firstSample.await(10, TimeUnit.SECONDS));
        run.cancel();
        RunOutcome o = run.await();
        assertTrue(o.cancelled());
        assertTrue(o.ops() > 0 && o.response().getTotalCount() == o.ops());
        assertTrue(o.measuredNanos() < 10_000_000_000L);
    }

    @Test
    void constantRateKeepsItsScheduleWhenItCan() throws InterruptedException {
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(XOR, Duration.ZERO, Duration.ofSeconds(1), 0, 5_000), RunListener.NONE).await();
        assertTrue(o.failure().isEmpty());
        assertEquals(5_000, o.ops(), 250, "ops at 5000/s for 1 s");
        assertEquals(o.dueOps(), o.issuedOps(), 5, "nothing left behind");
    }

    /** Makes a kernel for a test workload. */
    private interface KernelFactory {
        Kernel make();
    }

    /** A real workload of the tests' own, with no size to speak of. */
    private static Workload workload(String name, KernelFactory factory) {
        return new Workload() {
            public String name() { return name; }
            public String description() { return name; }
            public String sizeUnit() { return "-"; }
            public int minSize() { return 1; }
            public int maxSize() { return 1; }
            public int defaultSize() { return 1; }
            public Kernel newKernel(int size, FixedBlockPool memory, long seed) { return factory.make(); }
        };
    }

    /** One op in {@code every} sleeps {@code millis}: a hiccup. */
    private static Workload hiccup(int every, long millis) {
        return workload("hiccup", () -> {
            int[] n = {0};
            return () -> {
                if (++n[0] % every == 0) {
                    Thread.sleep(millis);
                }
            };
        });
    }

    @Test
    void constantRateCountsTheWaitOfOpsHeldUpBehindAStall() throws InterruptedException {
        // 1000 ops/s for 1 s; op 300 stalls 200 ms. The ~200 ops due during the stall wait for it: measured from
        // their intended start, about 20 % of ops exceed 0 .. 200 ms, so p90 is well above 10 ms. A tool with
        // coordinated omission would record one slow op and a p99 of microseconds.
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(hiccup(300, 200), Duration.ZERO, Duration.ofSeconds(1), 0, 1000),
                RunListener.NONE).await();
        assertTrue(o.failure().isEmpty());
        assertTrue(o.response().getValueAtPercentile(90) > 10_000_000L, "p90 " + o.response().getValueAtPercentile(90));
        assertTrue(o.service().getValueAtPercentile(90) < 10_000_000L, "service time of the ops themselves stays short");
    }

    @Test
    void closedLoopStampsMeasureAtLeastTheServiceTime() throws InterruptedException {
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(hiccup(50, 5), Duration.ZERO, Duration.ofMillis(500), 0, 0),
                RunListener.NONE).await();
        assertTrue(o.response().getMaxValue() >= 5_000_000L, "the 5 ms stall shows in response time");
        assertTrue(o.response().getValueAtPercentile(99) >= o.service().getValueAtPercentile(99));
    }

    @Test
    void aKernelThatFailsToStartFailsTheRunWithTheReason() throws InterruptedException {
        Workload broken = workload("broken", () -> {
            throw new IllegalStateException("no buffers for you");
        });
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(broken, Duration.ZERO, Duration.ofSeconds(5), 0, 0), RunListener.NONE).await();
        assertEquals("no buffers for you", o.failure().orElseThrow());
        assertEquals(0, o.ops());
    }

    @Test
    void failingOpsAreCountedAsErrorsAndTheRunGoesOn() throws InterruptedException {
        Workload flaky = workload("flaky", () -> {
            int[] n = {0};
            return () -> {
                if (++n[0] % 10 == 0) {
                    throw new java.io.IOException("op failed");
                }
            };
        });
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1), plan(flaky, Duration.ZERO, Duration.ZERO, 10_000, 0), RunListener.NONE).await();
        assertEquals(10_000, o.ops());
        assertEquals(1_000, o.errors());
        assertEquals(9_000, o.response().getTotalCount(), "failed ops are not in the latency histogram");
    }
}
