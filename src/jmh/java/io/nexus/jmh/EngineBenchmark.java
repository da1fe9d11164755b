package io.nexus.jmh;

import io.nexus.engine.EngineMode;
import io.nexus.engine.EngineSettings;
import io.nexus.engine.IdleStrategy;
import io.nexus.engine.LoadPlan;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.RunListener;
import io.nexus.engine.RunOutcome;
import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.topology.Topology;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same kernels through the whole engine on one worker, in each mode (self-paced, or queued behind a
 * dispatcher) and timing (auto, per op). Each invocation is one engine run of {@link #OPS} measured ops,
 * so JMH's ops/s is the engine's throughput including its start-up (clock calibration and the op-cost
 * probe, about 0.1 s), and dividing {@link KernelBenchmark}'s figure by it gives the engine's overhead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xmx2g"})
@State(Scope.Benchmark)
public class EngineBenchmark {
    static final int OPS = 5_000_000;

    @Param({"xor:64", "sha256:64"})
    public String workload;

    @Param({"SELF_PACED", "QUEUED"})
    public String mode;

    @Param({"AUTO", "PER_OP"})
    public String timing;

    @Param({"0"})
    public int window;

    @Param({"64"})
    public int batch;

    @Param({"BACKOFF"})
    public String idle;

    @Param({"NONE"})
    public String pinning;

    private NexusEngine engine;
    private EngineSettings settings;
    private LoadPlan plan;

    @Setup
    public void setUp() {
        String[] parts = workload.split(":");
        Workload w = Workloads.byName(parts[0]).orElseThrow();
        engine = new NexusEngine(Topology.detect());
        EngineSettings d = EngineSettings.defaults(1);
        settings = new EngineSettings(EngineMode.valueOf(mode), TimingMode.valueOf(timing), 1, batch, d.queueCapacity(), window,
                EngineSettings.Pinning.valueOf(pinning), d.numa(), d.allowedCpus(), d.blockBytes(), d.blocksPerWorker(),
                IdleStrategy.Kind.valueOf(idle));
        plan = new LoadPlan(w, Integer.parseInt(parts[1]), Duration.ZERO, Duration.ZERO, OPS, 0, Duration.ofSeconds(1), 1);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long throughEngine() throws InterruptedException {
        RunOutcome o = engine.start(settings, plan, RunListener.NONE).await();
        if (o.ops() != OPS) {
            throw new IllegalStateException("engine ran " + o.ops() + " ops, expected " + OPS);
        }
        return o.ops();
    }
}
