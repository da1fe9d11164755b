package io.nexus.advisor;

import io.nexus.bench.Finding;
import io.nexus.bench.RateOutcome;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunProfile;
import io.nexus.bench.ScalabilityModel;
import io.nexus.engine.EngineMode;
import io.nexus.engine.measure.TimingMode;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.ProfileKey;
import io.nexus.profile.ProfileValidator;
import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule fires on a run built to trigger it, names its figures and makes a valid profile, and stays silent on a clean run. */
class AdvisorTest {
    /** For each rule: how to make a clean run trigger it, and a figure its evidence must state. */
    private static final Map<Rule, Trigger> TRIGGERS = new EnumMap<>(Map.ofEntries(
            Map.entry(Rule.IDLE_WAITS, new Trigger(r -> {
                r.response = RunFixture.latency(40_000, 900_000);
                r.cpu = 0.1;
            }, "900.00 µs")),
            Map.entry(Rule.BUSY_CPUS, new Trigger(r -> {
                r.threads = 2;
                r.cpu = 0.97;
                r.response = RunFixture.latency(200, 36_000_000);
            }, "36.00 ms is 144000x the service p99 250 ns while the process used 97 % of the 2 processors")),
            Map.entry(Rule.SATURATED, new Trigger(r -> {
                r.mode = RunMode.RATE;
                r.rate = Optional.of(RateOutcome.of(1_000_000, 600_000, 10_000_000, 2_000_000));
            }, "600.0k of 1.00M")),
            Map.entry(Rule.QUEUE_WAIT, new Trigger(r -> {
                r.window = 64;
                r.response = RunFixture.latency(20_000, 40_000);
                r.service = RunFixture.latency(500, 1_000);
            }, "40.0x")),
            Map.entry(Rule.THREADS_OVER_CORES, new Trigger(r -> r.threads = 8, "8 workers on 2 processors")),
            Map.entry(Rule.CONTENTION, new Trigger(r -> { }, "sigma 0.200")),
            Map.entry(Rule.COHERENCY, new Trigger(r -> { }, "kappa 0.020000")),
            Map.entry(Rule.GC_PRESSURE, new Trigger(r -> r.gcMillisPerSample = 50, "5.0 % of the measured time in GC")),
            Map.entry(Rule.GC_CHARGED, new Trigger(r -> {
                r.mode = RunMode.RATE;
                r.gcMillisPerSample = 4;
            }, "about 800,000 of 200,000,000 ops (0.40 %) were due during a pause")),
            Map.entry(Rule.LOCK_CONTENTION, new Trigger(r -> { }, "12 waits over 1 ms")),
            Map.entry(Rule.UNPINNED_NUMA, new Trigger(r -> r.numaNodes = 2, "2 NUMA nodes")),
            Map.entry(Rule.CLOCK_COST, new Trigger(r -> {
                r.timing = TimingMode.PER_OP;
                r.opNanos = 15;
            }, "a clock read costs 20 ns against an op of 15 ns")),
            Map.entry(Rule.SHORT_WARM_UP, new Trigger(r -> r.jitQuiet = false, "after 1.00 s of warm-up")),
            Map.entry(Rule.NOISY, new Trigger(r -> r.sampleRates = new double[] {20e6, 12e6, 21e6, 9e6, 20e6, 22e6}, "min 9.00M")),
            Map.entry(Rule.ERRORS, new Trigger(r -> {
                r.workload = "http";
                r.opsPerSecond = 1_000;
                r.outcomes = Map.of("2xx", 9_000L, "429", 1_000L);
            }, "1,000 answered 429")),
            Map.entry(Rule.GUIDE_TARGET, new Trigger(r -> r.opsPerSecond = 4e6, "40 % of the guide's 10.00M"))));

    private record Trigger(Consumer<RunFixture> make, String figure) {
    }

    /** The profile and scaling evidence the rules that read them need; absent from a clean run. */
    private static RunEvidence evidenceFor(Rule rule, RunFixture run) {
        return switch (rule) {
            case CONTENTION -> new RunEvidence(run.build(), Optional.empty(), Optional.of(new ScalabilityModel(1e6, 0.2, 0, 0.99, 8)));
            case COHERENCY -> new RunEvidence(run.build(), Optional.empty(), Optional.of(new ScalabilityModel(1e6, 0.05, 0.02, 0.99, 8)));
            case LOCK_CONTENTION -> new RunEvidence(run.build(), Optional.of(profile(List.of(new RunProfile.Share("a.Lock.take", 12, 1)))),
                    Optional.empty());
            default -> run.evidence();
        };
    }

    private static RunProfile profile(List<RunProfile.Share> contention) {
        return new RunProfile(Path.of("x.jfr"), 100, List.of(), List.of(), Map.of(), 0, List.of(), 1, 1_000_000, List.of(), 0,
                Duration.ZERO, Duration.ZERO, contention);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleFiresOnARunBuiltToTriggerItWithItsFiguresAndAValidChange(Rule rule) throws Exception {
        Trigger trigger = TRIGGERS.get(rule);
        assertTrue(trigger != null, rule + " has a run that triggers it");
        RunFixture run = new RunFixture();
        trigger.make().accept(run);
        Finding found = rule.check(evidenceFor(rule, run)).orElseThrow(() -> new AssertionError(rule + " did not fire"));
        assertEquals(rule.id(), found.rule());
        assertTrue(found.evidence().contains(trigger.figure()), rule + ": the evidence states '" + trigger.figure() + "': " + found.evidence());
        assertTrue(!found.title().isBlank() && !found.advice().isBlank(), found.toString());
        TuningProfile changed = ProfileFiles.withValues(TuningProfile.defaults(), found.change());
        assertEquals(List.of(), ProfileValidator.validate(changed, null), rule + "'s change makes a valid profile: " + found.change());
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleIsSilentOnACleanRun(Rule rule) {
        RunFixture clean = new RunFixture();
        RunEvidence evidence = new RunEvidence(clean.build(), Optional.of(profile(List.of())),
                Optional.of(new ScalabilityModel(1e6, 0.001, 0, 0.99, 8)));
        assertEquals(Optional.empty(), rule.check(evidence), rule + " on a clean run");
    }

    @Test
    void aSweepsModelFindingsAreSaidOnceOnItsWidestPoint() {
        ScalabilityModel truth = new ScalabilityModel(1e6, 0.3, 0, 1, 8);
        List<io.nexus.bench.SweepPoint> points = new java.util.ArrayList<>();
        for (int n : new int[] {1, 2, 4, 8}) {
            RunFixture run = new RunFixture();
            run.threads = n;
            run.cores = 16;
            run.opsPerSecond = truth.throughput(n);
            io.nexus.bench.RunResult result = run.build();
            result = new io.nexus.bench.RunResult(result.id().substring(0, 35) + n, result.startedAt(), result.spec(), result.status(),
                    result.failure(), result.measuredNanos(), result.ops(), result.errors(), result.opsPerSecond(), 0, 0, result.response(),
                    result.service(), result.responseHistogram(), result.serviceHistogram(), result.rate(), result.samples(), List.of(),
                    result.environment(), result.method());
            points.add(new io.nexus.bench.SweepPoint(n, result, truth.throughput(n) / 1e6, truth.throughput(n) / 1e6 / n));
        }
        Map<String, List<Finding>> found = Advisor.adviseSweep(points);
        assertEquals(4, found.size());
        for (io.nexus.bench.SweepPoint p : points) {
            boolean contention = found.get(p.result().id()).stream().anyMatch(f -> f.rule().equals("contention"));
            assertEquals(p.threads() == 8, contention, p.threads() + " threads: the sweep's contention (sigma 0.3) is said on its widest point only");
        }
    }

    /** What a review found firing on healthy runs, or proposing what was not measured: each stays silent or unchanged now. */
    @Test
    void healthyRunsOfTheKindsThatMisledEarlierRulesStaySilent() {
        RunFixture queued = new RunFixture();
        queued.engine = EngineMode.QUEUED;
        queued.queueDepth = TuningProfile.defaults().queueCapacity(); // a closed loop keeps its window in flight by design
        assertEquals(Optional.empty(), Rule.SATURATED.check(queued.evidence()));
        RunFixture fast = new RunFixture();
        RunProfile onePause = new RunProfile(Path.of("x.jfr"), 100, List.of(), List.of(), Map.of(), 0, List.of(), 10, 1_000_000, List.of(), 1,
                Duration.ofMillis(2), Duration.ofMillis(2), List.of(new RunProfile.Share("javafx.Some.lock", 1, 1)));
        RunEvidence fastProfiled = new RunEvidence(fast.build(), Optional.of(onePause), Optional.empty());
        assertEquals(Optional.empty(), Rule.GC_PRESSURE.check(fastProfiled), "one 2 ms pause in 10 s is no GC pressure, whatever the p99");
        assertEquals(Optional.empty(), Rule.LOCK_CONTENTION.check(fastProfiled), "one wait of some other thread is no contention");
        RunFixture stress = new RunFixture();
        stress.mode = RunMode.STRESS;
        stress.sampleRates = new double[] {20e6, 12e6, 21e6, 9e6, 20e6, 22e6};
        assertEquals(Optional.empty(), Rule.NOISY.check(stress.evidence()), "stress threads end at different times by design");
        Finding beyond = Rule.COHERENCY.check(new RunEvidence(new RunFixture().build(), Optional.empty(),
                Optional.of(new ScalabilityModel(1e6, 0.05, 0.01, 0.99, 8)))).orElseThrow();
        assertEquals(Map.of(), beyond.change(), "a peak past the measured threads (9.7) is not proposed: it was never measured");
        RunFixture halfBusy = new RunFixture();
        halfBusy.threads = 2;
        halfBusy.cpu = 0.6;
        halfBusy.response = RunFixture.latency(200, 36_000_000);
        assertEquals(Optional.empty(), Rule.BUSY_CPUS.check(halfBusy.evidence()), "a long tail on a machine with CPU to spare is not this");
        RunFixture http = new RunFixture();
        http.workload = "http";
        http.mode = RunMode.RATE;
        http.rate = Optional.of(RateOutcome.of(10_000, 6_000, 100_000, 20_000));
        assertEquals(Map.of(), Rule.SATURATED.check(http.evidence()).orElseThrow().change(),
                "an http run's threads are connections, not the profile's workers");
    }

    @Test
    void findingsComeMostSevereFirst() {
        RunFixture run = new RunFixture();
        run.mode = RunMode.RATE;
        run.rate = Optional.of(RateOutcome.of(1_000_000, 600_000, 10_000_000, 2_000_000));
        run.jitQuiet = false;
        run.numaNodes = 2;
        List<Finding> found = Advisor.advise(run.evidence());
        assertEquals(List.of("saturated", "unpinned-numa", "short-warm-up"), found.stream().map(Finding::rule).toList());
    }

    @Test
    void changesFollowTheMeasuredFigures() {
        RunFixture run = new RunFixture();
        run.threads = 8;
        assertEquals(Map.of(ProfileKey.THREADS_COUNT, "2"), Rule.THREADS_OVER_CORES.check(run.evidence()).orElseThrow().change(),
                "one worker per processor");
        RunFixture waiting = new RunFixture();
        waiting.window = 64;
        waiting.response = RunFixture.latency(20_000, 40_000);
        waiting.service = RunFixture.latency(500, 1_000);
        assertEquals(Map.of(ProfileKey.QUEUE_WINDOW, "3"), Rule.QUEUE_WAIT.check(waiting.evidence()).orElseThrow().change(),
                "the window that would bring the wait to about the service time: 64 x 2 x 500 / 20000");
        RunFixture queued = new RunFixture();
        queued.engine = EngineMode.QUEUED;
        queued.batch = 64;
        queued.response = RunFixture.latency(20_000, 40_000);
        queued.service = RunFixture.latency(500, 1_000);
        assertEquals(Map.of(ProfileKey.QUEUE_BATCH, "32"), Rule.QUEUE_WAIT.check(queued.evidence()).orElseThrow().change(),
                "one op in flight, queued: smaller batches");
        assertEquals(Map.of(ProfileKey.THREADS_COUNT, "4"), Rule.COHERENCY.check(new RunEvidence(new RunFixture().build(), Optional.empty(),
                Optional.of(new ScalabilityModel(1e6, 0.05, 0.06, 0.99, 8)))).orElseThrow().change(), "the model's peak, sqrt(0.95 / 0.06)");
    }
}
