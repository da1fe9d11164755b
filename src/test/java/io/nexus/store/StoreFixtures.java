package io.nexus.store;

import io.nexus.bench.BenchRunner;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.RunListener;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.TuningProfile;
import java.time.Duration;

/** Real runs to store: short engine runs, not made-up results. */
public final class StoreFixtures {
    private static final BenchRunner RUNNER = new BenchRunner(new NexusEngine(Topology.detect()));

    private StoreFixtures() {
    }

    public static RunResult run(String workload, int threads, Duration duration) throws Exception {
        RunSpec b = RunSpec.benchmark(workload, TuningProfile.defaults());
        RunSpec spec = new RunSpec(workload, workload.equals("matrix") ? 64 : b.size(), RunMode.BENCHMARK, threads, b.batch(), b.window(),
                Duration.ofMillis(100), duration, 0, 1, Duration.ZERO, 0, Duration.ofMillis(100), TuningProfile.defaults());
        return RUNNER.run(spec, RunListener.NONE, new RunControl());
    }
}
