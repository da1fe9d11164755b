package io.nexus.advisor;

import io.nexus.bench.Finding;
import io.nexus.bench.Finding.Severity;
import io.nexus.bench.GuideTargets;
import io.nexus.bench.RateOutcome;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.Units;
import io.nexus.engine.EngineMode;
import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.ProfileKey;
import io.nexus.profile.TuningProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The advisor's rules, from the guide's "Troubleshooting Performance" (high latency: CPU use, queue depth, hot paths,
 * GC; low throughput: threads against cores, lock contention, pre-allocation) and "Monitoring" sections, and from what
 * makes a measurement untrustworthy (the clock's cost, the JIT still compiling, a noisy machine). Each rule reads
 * {@link RunEvidence} and finds at most one thing; each is silent on a clean run. Stateless; thread-safe.
 */
public enum Rule {
    /** High latency while the CPU idles: the workers wait (I/O, parked idle threads) rather than compute. */
    IDLE_WAITS("high-latency-idle-cpu") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            Optional<Double> cpu = e.meanCpu();
            if (cpu.isEmpty() || !e.longTail() || cpu.get() >= 0.5 * e.busyWorkersCpu()) {
                return Optional.empty();
            }
            String evidence = e.tail() + String.format(Locale.ROOT, " while the process used %.0f %% of the CPUs (its %d workers could use %.0f %%)",
                    100 * cpu.get(), e.run().spec().threads(), 100 * e.busyWorkersCpu());
            if (waitsOnIo(e.run())) {
                return finding(Severity.WARNING, "high latency with the CPU under half used: the requests wait on I/O", evidence,
                        "the time is spent waiting for the server and the network, not here: look at the server's own metrics"
                                + " (GET /metrics) and its queue; more connections only help while the server has CPU left", Map.of());
            }
            TuningProfile profile = e.run().spec().profile();
            return finding(Severity.WARNING, "high latency with the CPU under half used: the workers wait rather than compute", evidence,
                    "ops wait for parked or sleeping threads to wake (a park wakes tens of µs late): let idle workers spin for latency runs,"
                            + " or look for I/O in the op",
                    profile.idle() == TuningProfile.IdleMode.SPIN ? Map.of() : Map.of(ProfileKey.THREADS_IDLE, "spin"));
        }
    },

    /** A long tail while every processor runs a worker: the JVM's own threads and the OS preempt them. */
    BUSY_CPUS("busy-cpus-tail") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            int cores = r.environment().cores();
            Optional<Double> cpu = e.meanCpu();
            if (cpu.isEmpty() || cpu.get() < BUSY || r.spec().threads() < cores || cores < 2 || waitsOnIo(r) || !e.longTail()) {
                return Optional.empty();
            }
            return finding(Severity.WARNING, "a long tail with every processor running a worker",
                    e.tail() + String.format(Locale.ROOT, " while the process used %.0f %% of the %d processors, each running one of its %d"
                            + " workers", 100 * cpu.get(), cores, r.spec().threads()),
                    "the JVM's own threads (JIT, GC, the sampler) and the OS take their turns on the workers' CPUs, and ops wait for a"
                            + " time slice: leave one processor free", Map.of(ProfileKey.THREADS_COUNT, String.valueOf(cores - 1)));
        }
    },

    /** A constant rate the engine could not keep: saturation. */
    SATURATED("saturated") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            Optional<RateOutcome> rate = r.rate().filter(RateOutcome::saturated);
            if (rate.isEmpty()) {
                return Optional.empty(); // queued depth is bounded by the window by design: a backlog shows only against a schedule
            }
            RateOutcome o = rate.get();
            Map<ProfileKey, String> moreWorkers = r.spec().threads() < r.environment().cores() && !waitsOnIo(r)
                    ? Map.of(ProfileKey.THREADS_COUNT, String.valueOf(r.spec().threads() + 1)) : Map.of();
            return finding(Severity.PROBLEM, "saturated: the engine could not keep the rate asked for",
                    String.format(Locale.ROOT, "achieved %s of %s ops/s (%.1f %%), %,d of %,d due ops never ran; response p99 %s is"
                                    + " mostly the backlog's wait", Units.rate(o.achievedRate()), Units.rate(o.targetRate()),
                            100 * o.achievedRate() / o.targetRate(), o.unfinishedOps(), o.dueOps(), Units.nanos(r.response().p99())),
                    String.format(Locale.ROOT, "lower the rate below %s ops/s (what this setup sustains), or add workers",
                            Units.rate(o.achievedRate())), moreWorkers);
        }
    },

    /** Response time far above service time in a run that kept up: ops wait behind others in flight. */
    QUEUE_WAIT("queue-wait") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            long response = r.response().p50();
            long service = Math.max(1, r.service().p50());
            if (r.rate().map(RateOutcome::saturated).orElse(false) || response < 3 * service || response - service < 1_000) {
                return Optional.empty();
            }
            int window = r.method() == null ? r.spec().window() : r.method().window();
            Map<ProfileKey, String> change = new LinkedHashMap<>();
            if (window > 1 && !waitsOnIo(r)) { // an event loop's window is its connections, not the profile's
                change.put(ProfileKey.QUEUE_WINDOW, String.valueOf(Math.max(1, (int) (window * 2.0 * service / response))));
            } else if (r.spec().engine() == EngineMode.QUEUED && r.spec().batch() > 1) {
                change.put(ProfileKey.QUEUE_BATCH, String.valueOf(Math.max(1, r.spec().batch() / 2)));
            }
            return finding(Severity.WARNING, "ops spend most of their response time waiting, not being served",
                    String.format(Locale.ROOT, "response p50 %s is %.1fx the service p50 %s, with %d ops in flight per worker",
                            Units.nanos(response), (double) response / service, Units.nanos(service), window),
                    "each op waits for the ops ahead of it: fewer ops in flight per worker (window), or smaller batches,"
                            + " bring the response time down to the service time at the same throughput", change);
        }
    },

    /** More workers than processors (the guide: thread count should match the cores). */
    THREADS_OVER_CORES("threads-over-cores") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            int cores = r.environment().cores();
            if (r.spec().threads() <= cores || waitsOnIo(r)) {
                return Optional.empty();
            }
            return finding(Severity.WARNING, "more workers than processors",
                    String.format(Locale.ROOT, "%d workers on %d processors: %d of them wait for a CPU at any time", r.spec().threads(), cores,
                            r.spec().threads() - cores),
                    "workers take turns on the CPUs, so latency includes the scheduler's time slices and throughput cannot grow:"
                            + " one worker per processor", Map.of(ProfileKey.THREADS_COUNT, String.valueOf(cores)));
        }
    },

    /** The sweep's model says contention (σ) limits scaling. */
    CONTENTION("contention") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            Optional<ScalabilityModel> model = e.scaling().filter(m -> m.sigma() >= SIGMA_CONTENTION);
            if (model.isEmpty()) {
                return Optional.empty();
            }
            ScalabilityModel m = model.get();
            return finding(Severity.WARNING, "contention limits scaling: part of each op is serialised",
                    String.format(Locale.ROOT, "USL sigma %.3f (R^2 %.3f): %.1f %% of the work runs one thread at a time; throughput"
                                    + " cannot exceed %s ops/s however many threads", m.sigma(), m.rSquared(), 100 * m.sigma(),
                            Units.rate(m.lambda() / m.sigma())),
                    "find the shared resource (a lock, a shared queue, a counter) in the profile and shard it per worker,"
                            + " or hand off in bigger batches so it is taken less often", Map.of());
        }
    },

    /** The sweep's model says coherency (κ) makes throughput fall past a peak within reach. */
    COHERENCY("coherency") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            Optional<ScalabilityModel> model = e.scaling().filter(m -> m.peakThreads().filter(p -> p <= 2.0 * m.maxThreads()).isPresent());
            if (model.isEmpty()) {
                return Optional.empty();
            }
            ScalabilityModel m = model.get();
            double peak = m.peakThreads().orElseThrow();
            int best = Math.max(1, (int) Math.round(peak));
            boolean measuredPast = peak < m.maxThreads();
            return finding(measuredPast ? Severity.PROBLEM : Severity.WARNING,
                    "coherency cost: throughput falls past " + best + " threads",
                    String.format(Locale.ROOT, "USL kappa %.6f (R^2 %.3f): peak %s ops/s at %.1f threads; at %d threads the model gives %s ops/s",
                            m.kappa(), m.rSquared(), Units.rate(m.throughput(peak)), peak, m.maxThreads(), Units.rate(m.throughput(m.maxThreads()))),
                    "threads spend time keeping shared data coherent (cache lines bouncing between cores, false sharing): run at most "
                            + best + " workers, pad or split data written by several threads",
                    measuredPast && !waitsOnIo(e.run()) ? Map.of(ProfileKey.THREADS_COUNT, String.valueOf(best)) : Map.of());
        }
    },

    /** Time lost to garbage collection, or pauses that set the tail. */
    GC_PRESSURE("gc-pressure") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            double share = e.gcShare();
            Optional<RunProfile> p = e.profile();
            long longestPause = p.map(x -> x.gcPauseMax().toNanos()).orElse(0L);
            double pauseShare = p.filter(x -> x.seconds() > 0).map(x -> x.gcPauseTotal().toNanos() / (x.seconds() * 1e9)).orElse(0.0);
            boolean pausesSetTheTail = pauseShare >= GC_SHARE / 2 && longestPause >= r.response().p999();
            if (share < GC_SHARE && !pausesSetTheTail) {
                return Optional.empty();
            }
            String allocation = p.map(x -> String.format(Locale.ROOT, "; allocating %.0f MB/s%s", x.allocationBytesPerSecond() / 1e6,
                    x.allocationSites().isEmpty() ? "" : ", most at " + x.allocationSites().getFirst().method())).orElse("");
            return finding(Severity.WARNING, "garbage collection takes a share of the run",
                    String.format(Locale.ROOT, "%.1f %% of the measured time in GC%s%s", 100 * share,
                            pausesSetTheTail ? "; the longest pause " + Units.nanos(longestPause) + " is at or above the response p99.9 "
                                    + Units.nanos(r.response().p999()) : "", allocation),
                    "allocate less on the hot path (reuse buffers: the guide's pre-allocated pools), or give the young generation more room"
                            + " (-Xmn, or a larger -Xmx); profile the run (--profile-run) to see the allocation sites", Map.of());
        }
    },

    /**
     * At a constant rate, every op due while the measuring JVM stood still for GC waits for the pause and is charged with
     * it, as a real client's would be: the share of the measured time in GC is the share of ops so charged.
     */
    GC_CHARGED("gc-charged") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            double share = e.gcShare();
            if (r.spec().mode() != RunMode.RATE || share < GC_CHARGED_SHARE) {
                return Optional.empty();
            }
            long charged = Math.round(share * r.ops());
            return finding(share >= 0.01 ? Severity.WARNING : Severity.NOTE, "ops were due while the measuring JVM paused for GC",
                    String.format(Locale.ROOT, "%.0f ms of GC in the measured %.1f s: about %,d of %,d ops (%.2f %%) were due during a"
                                    + " pause and waited for it, up to the pause's length; enough to set p%s and above where the pauses"
                                    + " outlast the other ops' response times",
                            share * r.measuredNanos() / 1e6, r.measuredNanos() / 1e9, charged, r.ops(), 100 * share,
                            share >= 0.01 ? "99" : "99.9"),
                    "a constant-rate run measures each op from its due time, so the pauses of the process that measures count as"
                            + " a real client's would; for figures of the target alone, run with shorter pauses or read those"
                            + " percentiles as upper bounds (with G1 on a VM whose host backs memory at first touch, a fixed young"
                            + " generation, JAVA_TOOL_OPTIONS=-Xmn32m, kept pauses at 1-2 ms where a growing one took 12-28 ms)",
                    Map.of());
        }
    },

    /** Threads waited on monitors (the profile's contended locks). */
    LOCK_CONTENTION("lock-contention") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            Optional<RunProfile> p = e.profile().filter(x -> !x.contention().isEmpty());
            long waits = p.map(x -> x.contention().stream().mapToLong(RunProfile.Share::count).sum()).orElse(0L);
            if (p.isEmpty() || waits < Math.max(MIN_LOCK_WAITS, p.get().seconds())) {
                return Optional.empty(); // a stray wait of some other thread (the window's, a pool's) is not the run's contention
            }
            return finding(Severity.WARNING, "threads waited to enter locks",
                    String.format(Locale.ROOT, "%,d waits over 1 ms to enter a monitor; most at %s (%.0f %%)", waits,
                            p.get().contention().getFirst().method(), 100 * p.get().contention().getFirst().share()),
                    "hold the lock for less time, or replace it with per-worker state or a lock-free queue", Map.of());
        }
    },

    /** Workers free to run on any NUMA node of a multi-node host. */
    UNPINNED_NUMA("unpinned-numa") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            TuningProfile profile = r.spec().profile();
            if (r.environment().numaNodes() < 2 || profile.pinning() != TuningProfile.Pinning.NONE) {
                return Optional.empty();
            }
            return finding(Severity.WARNING, "workers unpinned on a host with " + r.environment().numaNodes() + " NUMA nodes",
                    r.environment().numaNodes() + " NUMA nodes and threads.pinning = none: the scheduler may move a worker away from the"
                            + " node that holds its memory",
                    "pin each worker to the CPUs of one node and give it that node's memory",
                    ordered(ProfileKey.THREADS_PINNING, "node", ProfileKey.NUMA_POLICY, "per-node"));
        }
    },

    /** Reading the clock costs a real share of the op it times. */
    CLOCK_COST("clock-cost") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            MeasurementMethod m = e.run().method();
            if (m == null || m.opNanos() <= 0 || m.clock().clockCostNanos() < CLOCK_SHARE * m.opNanos()) {
                return Optional.empty();
            }
            boolean perOp = m.timing() == TimingMode.PER_OP;
            String evidence = String.format(Locale.ROOT, "a clock read costs %s against an op of %s (mean over warm-up); ", Units.nanos(m.clock().clockCostNanos()),
                    Units.nanos(m.opNanos())) + (perOp ? "timed per op, every op paid two reads: the run measured the clock as much as the op"
                    : String.format(Locale.ROOT, "ops shared two reads in runs of up to %d (%s per op by the calibration), so a response time is"
                            + " off by up to %s", m.opsPerTimedRun(), Units.nanos(m.overheadPerOpNanos()), Units.nanos(m.timingBoundNanos())));
            return finding(perOp ? Severity.PROBLEM : Severity.NOTE, "the op is cheaper than the clock that times it", evidence,
                    perOp ? "let the engine time ops in runs (timing auto): the op is then measured, not the clock"
                            : "read single-op latencies as bounds, not measurements; compare kernels alone with JMH (src/jmh)",
                    perOp ? Map.of(ProfileKey.ENGINE_TIMING, "auto") : Map.of());
        }
    },

    /** Measurement began while the JIT was still compiling. */
    SHORT_WARM_UP("short-warm-up") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            MeasurementMethod m = e.run().method();
            if (m == null || m.jitQuiet()) {
                return Optional.empty();
            }
            return finding(Severity.WARNING, "measured while the JIT was still compiling",
                    String.format(Locale.ROOT, "after %s of warm-up the JIT had not stopped compiling: the first samples include"
                            + " interpreted and partly compiled code", Units.nanos(m.warmupNanos())),
                    String.format(Locale.ROOT, "warm up longer (--warmup %.0f or more), or measure longer so the start weighs less",
                            Math.max(2, 2 * m.warmupNanos() / 1e9)), Map.of());
        }
    },

    /** Throughput that varies from interval to interval in a benchmark (stress and bursts vary by design): a noisy machine. */
    NOISY("noisy") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            List<Sample> full = e.fullSamples();
            if (full.size() < MIN_SAMPLES_FOR_SPREAD || e.run().spec().mode() != RunMode.BENCHMARK) {
                return Optional.empty();
            }
            double[] rates = full.stream().mapToDouble(Sample::opsPerSecond).toArray();
            double mean = java.util.Arrays.stream(rates).average().orElse(0);
            double variance = java.util.Arrays.stream(rates).map(x -> (x - mean) * (x - mean)).sum() / (rates.length - 1);
            double spread = mean == 0 ? 0 : Math.sqrt(variance) / mean;
            if (spread < NOISE) {
                return Optional.empty();
            }
            boolean unpinned = e.run().spec().profile().pinning() == TuningProfile.Pinning.NONE;
            return finding(Severity.WARNING, "throughput varied from interval to interval",
                    String.format(Locale.ROOT, "ops/s over %d intervals: mean %s, min %s, max %s, coefficient of variation %.0f %%", rates.length,
                            Units.rate(mean), Units.rate(java.util.Arrays.stream(rates).min().orElse(0)),
                            Units.rate(java.util.Arrays.stream(rates).max().orElse(0)), 100 * spread),
                    "one run of this says little: repeat it (--repeat 5) and compare medians, quiet the machine (other load, frequency"
                            + " scaling), pin the workers", unpinned ? Map.of(ProfileKey.THREADS_PINNING, "cpu") : Map.of());
        }
    },

    /** Errors: failed ops, or http responses that are not successes. */
    ERRORS("errors") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            Map<String, Long> outcomes = e.outcomes();
            long limited = outcomes.getOrDefault("429", 0L);
            long full = outcomes.getOrDefault("503", 0L);
            long answered = outcomes.values().stream().mapToLong(Long::longValue).sum();
            long bad = r.errors() + limited + full;
            double rate = (double) bad / Math.max(1, Math.max(r.ops(), answered));
            if (bad == 0 || rate * 100 < GuideTargets.ERROR_RATE_PERCENT) {
                return Optional.empty();
            }
            Map<ProfileKey, String> change = new LinkedHashMap<>();
            StringBuilder advice = new StringBuilder();
            if (limited > 0) {
                advice.append("429: the API's rate limit refused requests; a load test of the engine should run with limits off");
                if (r.spec().url().isEmpty()) {
                    change.put(ProfileKey.API_BINARY_PER_MINUTE, "0");
                    change.put(ProfileKey.API_HEAVY_PER_MINUTE, "0");
                }
            }
            if (full > 0) {
                advice.append(advice.isEmpty() ? "" : "; ").append("503: the engine's queues were full: add workers, or lower the load");
            }
            if (r.errors() > 0) {
                advice.append(advice.isEmpty() ? "" : "; ").append("failed ops: ").append(r.failure().orElse("see the run's notes for the first error"));
            }
            return finding(Severity.PROBLEM, "errors above the guide's 0.01 %",
                    String.format(Locale.ROOT, "%.3f %% of ops failed or were refused: %,d failed%s%s", 100 * rate, r.errors(),
                            limited > 0 ? String.format(Locale.ROOT, ", %,d answered 429", limited) : "",
                            full > 0 ? String.format(Locale.ROOT, ", %,d answered 503", full) : ""),
                    advice.toString(), change);
        }
    },

    /** The guide's figure for the workload missed, and by how much. */
    GUIDE_TARGET("guide-target") {
        @Override
        Optional<Finding> check(RunEvidence e) {
            RunResult r = e.run();
            String workload = r.spec().workload();
            Optional<Double> throughput = GuideTargets.throughput(workload).filter(t -> r.opsPerSecond() < t && r.spec().mode() != RunMode.RATE);
            Optional<Double> p99 = GuideTargets.p99Micros(workload).filter(t -> r.response().p99() > t * 1000);
            if (throughput.isEmpty() && p99.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder evidence = new StringBuilder();
            throughput.ifPresent(t -> evidence.append(String.format(Locale.ROOT, "throughput %s ops/s is %.0f %% of the guide's %s",
                    Units.rate(r.opsPerSecond()), 100 * r.opsPerSecond() / t, Units.rate(t))));
            p99.ifPresent(t -> evidence.append(evidence.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "response p99 %s is %.1fx the guide's %s", Units.nanos(r.response().p99()), r.response().p99() / (t * 1000), Units.nanos(t * 1000))));
            return finding(Severity.NOTE, "the guide's target for " + workload + " is not met", evidence + " (with " + r.spec().threads()
                            + " worker" + (r.spec().threads() == 1 ? "" : "s") + " on " + r.environment().cores() + " processors)",
                    "the guide's figures are for a whole server: compare a sweep's peak with them, and judge a change by this machine's"
                            + " own runs (nexus compare)", Map.of());
        }
    };

    /** σ from which contention is worth a finding. */
    static final double SIGMA_CONTENTION = 0.05;
    /** Process CPU use, as a share of all processors, from which the machine counts as full. */
    static final double BUSY = 0.9;
    /** Share of the measured time in GC from which it is worth a finding. */
    static final double GC_SHARE = 0.02;
    /** Share of a constant-rate run's time in GC from which the ops it delayed reach p99.9: 0.1 %. */
    static final double GC_CHARGED_SHARE = 0.001;
    /** Share of an op's cost from which a clock read's cost is worth a finding. */
    static final double CLOCK_SHARE = 0.25;
    /** Fewest monitor waits over 1 ms (and at least one a second) that are worth a finding. */
    static final int MIN_LOCK_WAITS = 2;
    /** Fewest whole intervals a spread is judged on. */
    static final int MIN_SAMPLES_FOR_SPREAD = 5;
    /** Coefficient of variation of interval throughput from which a run is called noisy. */
    static final double NOISE = 0.10;

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** @return the rule's id, as findings carry it */
    public String id() {
        return id;
    }

    /** @return what this rule finds in {@code evidence}, or empty when it finds nothing */
    abstract Optional<Finding> check(RunEvidence evidence);

    Optional<Finding> finding(Severity severity, String title, String evidence, String advice, Map<ProfileKey, String> change) {
        return Optional.of(new Finding(id, severity, title, evidence, advice, change));
    }

    private static Map<ProfileKey, String> ordered(ProfileKey first, String firstValue, ProfileKey second, String secondValue) {
        Map<ProfileKey, String> change = new LinkedHashMap<>();
        change.put(first, firstValue);
        change.put(second, secondValue);
        return change;
    }

    static boolean waitsOnIo(RunResult r) {
        return Workloads.byName(r.spec().workload()).map(io.nexus.engine.workload.Workload::waitsOnIo).orElse(false);
    }
}
