package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.measure.Sample;
import io.nexus.engine.measure.TimingMode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EngineRunTest {
    private static final NexusEngine ENGINE = new NexusEngine(Topology.detect());
    private static final Workload XOR = Workloads.byName("xor").orElseThrow();

    private static LoadPlan plan(Workload w, Duration warmup, Duration duration, long opsPerWorker, double rate) {
        return new LoadPlan(w, w.defaultSize(), warmup, duration, opsPerWorker, rate, Duration.ofMillis(100), 1);
    }

    /** One worker in {@code mode}; a queued window of 4, so the dispatcher cannot send far ahead of a stall. */
    private static EngineSettings settings(EngineMode mode, int threads) {
        return EngineSettings.defaults(threads).with(mode, TimingMode.AUTO, mode == EngineMode.QUEUED ? 4 : EngineSettings.AUTO_WINDOW);
    }

    private static RunOutcome run(EngineSettings settings, LoadPlan plan) throws InterruptedException {
        return ENGINE.start(settings, plan, RunListener.NONE).await();
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void closedLoopRunMeasuresOpsLatencyAndSamples(EngineMode mode) throws InterruptedException {
        List<Sample> seen = new CopyOnWriteArrayList<>();
        RunOutcome o = ENGINE.start(EngineSettings.defaults(1).with(mode, TimingMode.AUTO, EngineSettings.AUTO_WINDOW),
                plan(XOR, Duration.ofMillis(200), Duration.ofMillis(600), 0, 0), seen::add).await();
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        assertFalse(o.cancelled());
        assertTrue(o.ops() > 1000, "ops: " + o.ops());
        assertEquals(o.ops(), o.response().getTotalCount(), "every measured op recorded once");
        assertEquals(o.ops(), o.service().getTotalCount());
        assertEquals(o.ops(), o.samples().stream().mapToLong(Sample::ops).sum(), "samples add up to the total");
        assertTrue(o.measuredNanos() >= 600_000_000L && o.measuredNanos() < 900_000_000L, "measured " + o.measuredNanos());
        assertTrue(o.samples().size() >= 5 && o.samples().size() <= 8, "samples: " + o.samples().size());
        assertEquals(o.samples().subList(0, seen.size()), List.copyOf(seen), "listeners get every interval's sample");
        Sample s = o.samples().getFirst();
        assertTrue(s.latency().p50() <= s.latency().p99() && s.latency().p99() <= s.latency().max());
        assertTrue(o.service().getValueAtPercentile(50) <= o.response().getValueAtPercentile(50),
                "response time includes the service time");
    }

    @Test
    void theResultNamesItsModeTimingAndClockCost() throws InterruptedException {
        RunOutcome o = run(EngineSettings.defaults(1), plan(XOR, Duration.ofMillis(300), Duration.ofMillis(200), 0, 0));
        MeasurementMethod m = o.method();
        assertEquals(EngineMode.SELF_PACED, m.mode());
        assertEquals(TimingMode.AUTO, m.timingAsked());
        assertEquals(TimingMode.PER_RUN, m.timing(), "a 64 B xor costs less than its clock reads");
        assertTrue(m.opsPerTimedRun() > 1 && m.timingBoundNanos() > 0, m::toString);
        assertTrue(m.clock().clockCostNanos() > 0 && m.clock().recordCostNanos() > 0, m::toString);
        assertTrue(m.overheadPerOpNanos() < m.clock().clockCostNanos() * 2, "shared clock reads cost less per op than one: " + m);
        assertEquals(1, m.window(), "a self-paced closed loop defaults to one client per worker");
        RunOutcome queued = run(EngineSettings.defaults(1).with(EngineMode.QUEUED, TimingMode.PER_OP, EngineSettings.AUTO_WINDOW),
                plan(XOR, Duration.ZERO, Duration.ofMillis(200), 0, 0));
        assertEquals(EngineMode.QUEUED, queued.method().mode());
        assertEquals(TimingMode.PER_OP, queued.method().timing());
        assertTrue(queued.method().window() >= 16, "the auto window covers the hand-off of a cheap op: " + queued.method());
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void opCountEndsTheRunWithExactlyThatManyMeasuredOpsPerWorker(EngineMode mode) throws InterruptedException {
        RunOutcome o = run(settings(mode, 2), plan(XOR, Duration.ofMillis(100), Duration.ZERO, 50_000, 0));
        assertTrue(o.failure().isEmpty());
        assertEquals(100_000, o.ops(), "warm-up ops are not counted; quota is per worker");
        assertEquals(100_000, o.response().getTotalCount());
    }

    /**
     * A constant-rate run cancelled in warm-up measured nothing, so nothing was due and nothing is unfinished, however many
     * warm-up phases ran. (Planted once by hand: the queued dispatcher's warm-up phases leaving their due count behind,
     * as a review found they did: 253 due and unfinished, red in the queued mode.)
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void aRunCancelledInWarmUpHasNothingDue(EngineMode mode) throws InterruptedException {
        CountDownLatch warming = new CountDownLatch(1_000); // 0.5 s of paced ops at 2000/s: two warm-up phases or more
        Workload paced = workload("paced", () -> {
            long[] last = {0};
            return () -> { // counts the ops that came 100 us or more after the last: paced ones, not the probe's run
                long now = System.nanoTime();
                if (now - last[0] >= 100_000) {
                    warming.countDown();
                }
                last[0] = now;
            };
        });
        EngineRun run = ENGINE.start(settings(mode, 1), plan(paced, Duration.ofSeconds(60), Duration.ofSeconds(1), 0, 2_000),
                RunListener.NONE);
        assertTrue(warming.await(30, TimeUnit.SECONDS));
        run.cancel();
        RunOutcome o = run.await();
        assertTrue(o.cancelled());
        assertEquals(0, o.ops());
        assertEquals(0, o.dueOps());
        assertEquals(0, o.unfinishedOps());
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void cancelKeepsWhatWasMeasured(EngineMode mode) throws InterruptedException {
        CountDownLatch firstSample = new CountDownLatch(1);
        EngineRun run = ENGINE.start(settings(mode, 1), plan(XOR, Duration.ZERO, Duration.ofSeconds(60), 0, 0),
                s -> firstSample.countDown());
        assertTrue(firstSample.await(10, TimeUnit.SECONDS));
        run.cancel();
        RunOutcome o = run.await();
        assertTrue(o.cancelled());
        assertTrue(o.ops() > 0 && o.response().getTotalCount() == o.ops());
        assertTrue(o.measuredNanos() < 10_000_000_000L);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void constantRateRunsEveryDueOp(EngineMode mode) throws InterruptedException {
        // 3000/s: a due time of 333,333.3 ns, which whole nanoseconds round, and two workers sharing it
        RunOutcome o = run(settings(mode, 2), plan(XOR, Duration.ZERO, Duration.ofSeconds(1), 0, 3_000));
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        assertEquals(3_000, o.ops(), "3000/s for 1 s");
        assertEquals(3_000, o.dueOps());
        assertEquals(0, o.unfinishedOps());
    }

    /**
     * Warm-up is sampled and cut into phases (every 100 ms here, the plan's interval) through the code measurement uses;
     * none of what it recorded reaches the measured run: exactly the due ops are counted. (Planted once by hand: a worker
     * entering the measured phase without discarding what it recorded since warm-up's last sample: 3,002 ops, red in the
     * self-paced mode; a queued worker is idle from the end of warm-up's drain, so it has nothing to leak.)
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void warmUpPhasesLeaveNothingInTheMeasuredRun(EngineMode mode) throws InterruptedException {
        RunOutcome o = run(settings(mode, 2), plan(XOR, Duration.ofMillis(450), Duration.ofSeconds(1), 0, 3_000));
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        assertEquals(3_000, o.ops(), "3000/s for 1 s, after 450 ms of warm-up at the same rate");
        assertEquals(3_000, o.response().getTotalCount());
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void aQuotaBelowTheScheduleIsNoShortfall(EngineMode mode) throws InterruptedException {
        RunOutcome o = run(settings(mode, 2), plan(XOR, Duration.ZERO, Duration.ofSeconds(1), 100, 10_000));
        assertEquals(200, o.ops(), "100 per worker");
        assertEquals(0, o.unfinishedOps(), "ops beyond the quota were never asked for");
    }

    /** Makes a kernel for a test workload. */
    private interface KernelFactory {
        Kernel make();
    }

    /** A real workload of the tests' own, with no size to speak of. */
    static Workload workload(String name, KernelFactory factory) {
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

    /**
     * Keeps the calling thread busy for {@code nanos} of the clock: an op of known cost, or a stall, that
     * ends when the clock says so (a sleep may wake late).
     */
    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** The first op that starts {@code afterMillis} or more after the kernel was made takes {@code millis}: a stall. */
    private static Workload stallAfter(long afterMillis, long millis) {
        return workload("stall", () -> {
            long at = System.nanoTime() + afterMillis * 1_000_000;
            boolean[] stalled = {false};
            return () -> {
                if (!stalled[0] && System.nanoTime() >= at) {
                    stalled[0] = true;
                    busy(millis * 1_000_000);
                }
            };
        });
    }

    /**
     * 1000 ops/s for 1 s; one op stalls 200 ms. The ~200 ops due during the stall wait for it: measured from
     * their intended start, about 20 % of ops exceed 0 .. 200 ms, so p90 is well above 10 ms, and every one
     * of the 1000 due ops is recorded. A tool with coordinated omission records one slow op and a p90 of
     * microseconds. Planted once by hand in each mode, this test failed both times: self-paced workers
     * measuring from when they started an op (not its due time), and a dispatcher stamping ops when it sent
     * them (the window of 4 keeps it from sending ahead through the stall).
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void constantRateCountsTheWaitOfOpsHeldUpBehindAStall(EngineMode mode) throws InterruptedException {
        RunOutcome o = run(settings(mode, 1), plan(stallAfter(400, 200), Duration.ZERO, Duration.ofSeconds(1), 0, 1000));
        assertTrue(o.failure().isEmpty());
        assertEquals(1000, o.ops(), "every due op is run and recorded, the slowest included");
        assertTrue(o.response().getValueAtPercentile(90) > 10_000_000L, "p90 " + o.response().getValueAtPercentile(90));
        assertTrue(o.response().getMaxValue() >= 195_000_000L, "max " + o.response().getMaxValue());
        assertTrue(o.service().getValueAtPercentile(90) < 10_000_000L, "service time of the ops themselves stays short");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void closedLoopStallsShowInResponseTime(EngineMode mode) throws InterruptedException {
        Workload hiccups = workload("hiccup", () -> {
            int[] n = {0};
            return () -> {
                if (++n[0] % 50 == 0) {
                    busy(5_000_000);
                }
            };
        });
        RunOutcome o = run(settings(mode, 1), plan(hiccups, Duration.ZERO, Duration.ofMillis(500), 0, 0));
        assertTrue(o.response().getMaxValue() >= 5_000_000L, "the 5 ms stall shows in response time");
        assertTrue(o.response().getValueAtPercentile(99) >= o.service().getValueAtPercentile(99));
    }

    /** Each op spins for 2 µs of the clock: a workload of known cost. */
    private static final Workload SPIN_2US = workload("spin", () -> () -> busy(2_000));

    /**
     * Per op, per run of ops and sampled measure the same 2 µs op alike: service time within 10 % plus the
     * clock's cost; self-paced, with one client, response time too (within the per-run bound and 25 %).
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void timingModesAgreeOnAnOpOfKnownCost(EngineMode mode) throws InterruptedException {
        RunOutcome perOp = run(settings(mode, 1).with(mode, TimingMode.PER_OP, 1), plan(SPIN_2US, Duration.ofMillis(100), Duration.ofMillis(400), 0, 0));
        RunOutcome perRun = run(settings(mode, 1).with(mode, TimingMode.PER_RUN, 1), plan(SPIN_2US, Duration.ofMillis(100), Duration.ofMillis(400), 0, 0));
        RunOutcome sampled = run(settings(mode, 1).with(mode, TimingMode.SAMPLED, 1), plan(SPIN_2US, Duration.ofMillis(100), Duration.ofMillis(400), 0, 0));
        assertEquals(TimingMode.PER_OP, perOp.method().timing());
        assertEquals(TimingMode.PER_RUN, perRun.method().timing());
        assertEquals(TimingMode.SAMPLED, sampled.method().timing());
        assertTrue(perRun.method().opsPerTimedRun() >= 2 && perRun.method().timingBoundNanos() > 0, perRun.method()::toString);
        assertEquals(sampled.ops(), sampled.response().getTotalCount(), "each sample stands for its run's ops");
        double clock = perOp.method().clock().clockCostNanos();
        for (RunOutcome o : List.of(perOp, perRun, sampled)) {
            long p50 = o.service().getValueAtPercentile(50);
            assertTrue(p50 >= 1_990 && p50 <= 2_200 + 2 * clock, o.method().timing() + " service p50 " + p50);
        }
        long servicePerOp = perOp.service().getValueAtPercentile(50);
        long servicePerRun = perRun.service().getValueAtPercentile(50);
        assertEquals(servicePerOp, servicePerRun, 0.1 * servicePerOp + 2 * clock, "service p50");
        if (mode == EngineMode.QUEUED) {
            return; // a response there is mostly the hand-off between two threads, which differs from run to run
        }
        long responsePerOp = perOp.response().getValueAtPercentile(50);
        long responsePerRun = perRun.response().getValueAtPercentile(50);
        // One client: a response is one op's time plus the gap between ops, which per-op timing widens by its own
        // cost (on the 2-vCPU VM, 400 ns against the calibration's 70 ns estimate: the loop's bookkeeping per op).
        assertEquals(responsePerOp, responsePerRun, 0.25 * responsePerOp + 2 * perOp.method().overheadPerOpNanos(),
                "response p50 (one client: one op's time)");
        assertTrue(Math.abs(responsePerOp - responsePerRun) <= perRun.method().timingBoundNanos(), "within the stated bound");
    }

    @Test
    void aKernelThatFailsToStartFailsTheRunWithTheReason() throws InterruptedException {
        Workload broken = workload("broken", () -> {
            throw new IllegalStateException("no buffers for you");
        });
        RunOutcome o = run(EngineSettings.defaults(1), plan(broken, Duration.ZERO, Duration.ofSeconds(5), 0, 0));
        assertEquals("no buffers for you", o.failure().orElseThrow());
        assertEquals(0, o.ops());
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void failingOpsAreCountedAsErrorsAndTheRunGoesOn(EngineMode mode) throws InterruptedException {
        Workload flaky = workload("flaky", () -> {
            int[] n = {0};
            return () -> {
                if (++n[0] % 10 == 0) {
                    throw new java.io.IOException("op failed");
                }
            };
        });
        RunOutcome o = run(settings(mode, 1).with(mode, TimingMode.PER_OP, 4), plan(flaky, Duration.ZERO, Duration.ZERO, 10_000, 0));
        assertEquals(10_000, o.ops());
        assertEquals(1_000, o.errors());
        assertEquals(9_000, o.response().getTotalCount(), "failed ops are not in the latency histogram");
    }

    /**
     * Ops of 1 ms; the first op that starts {@code afterMillis} or more after the kernel was made throws an
     * {@link Error}: not a failed op but a broken engine.
     */
    private static Workload errorAfter(long afterMillis) {
        return workload("error", () -> {
            long at = System.nanoTime() + afterMillis * 1_000_000;
            return () -> {
                if (System.nanoTime() >= at) {
                    throw new OutOfMemoryError("planted");
                }
                busy(1_000_000);
            };
        });
    }

    /**
     * A quota of 1000 ops of 1 ms, all sent at once in the queued mode (window 1024), and an Error 500 ms after
     * the kernel was made (past the op-cost probe's 100 ms and the clock's calibration): the run fails at
     * once with the message (it used to hang with the quota sent), keeping the ops measured before.
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void anErrorInAWorkerFailsTheRunPromptly(EngineMode mode) throws InterruptedException {
        long start = System.nanoTime();
        RunOutcome o = run(settings(mode, 1).with(mode, TimingMode.AUTO, 1024), plan(errorAfter(500), Duration.ZERO, Duration.ZERO, 1000, 0));
        assertEquals("OutOfMemoryError: planted", o.failure().orElseThrow());
        assertTrue(o.ops() > 0 && o.ops() < 1000, "what ran before it is kept: " + o.ops());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "ended promptly");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void anErrorDuringWarmUpFailsTheRun(EngineMode mode) throws InterruptedException {
        long start = System.nanoTime();
        RunOutcome o = run(settings(mode, 1), plan(errorAfter(100), Duration.ofSeconds(30), Duration.ofSeconds(1), 0, 0));
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "ended promptly");
        assertTrue(o.failure().orElseThrow().contains("planted"));
        assertEquals(0, o.ops());
    }

    /**
     * Ops that take 100 ms each; a quota of 5, sent at once in the queued mode (window 8). Cancelled once the
     * first sample is in, the run ends within one op.
     */
    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"SELF_PACED", "QUEUED"})
    void cancelAfterTheQuotaWasSentEndsTheRun(EngineMode mode) throws InterruptedException {
        Workload slow = workload("slow", () -> () -> busy(100_000_000));
        CountDownLatch firstSample = new CountDownLatch(1);
        EngineRun run = ENGINE.start(settings(mode, 1).with(mode, TimingMode.AUTO, 8), plan(slow, Duration.ZERO, Duration.ZERO, 5, 0),
                s -> firstSample.countDown());
        assertTrue(firstSample.await(10, TimeUnit.SECONDS));
        long cancelledAt = System.nanoTime();
        run.cancel();
        RunOutcome o = run.await();
        assertTrue(o.cancelled());
        assertTrue(System.nanoTime() - cancelledAt < 1_000_000_000L, "ended within about one op");
        assertTrue(o.ops() < 5, "ops " + o.ops());
    }
}
