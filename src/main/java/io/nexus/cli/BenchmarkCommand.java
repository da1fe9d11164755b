package io.nexus.cli;

import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.profile.TuningProfile;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nexus benchmark}: a closed-loop run on N threads (default 1, the guide's baseline). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure throughput and latency of a workload on N threads (default 1: the single-thread baseline).")
final class BenchmarkCommand extends RunCommand {
    @Option(names = {"--threads", "--connections"}, paramLabel = "N", defaultValue = "1",
            description = "worker threads; for http, connections (over one event loop per 4 CPUs) (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "5", converter = SecondsConverter.class,
            description = "measured time (default: ${DEFAULT-VALUE} s; 0 with --ops-per-thread for an op count only)")
    Duration duration;

    @Option(names = "--ops-per-thread", paramLabel = "OPS", defaultValue = "0",
            description = "stop each thread after this many measured ops (default: no limit)")
    long opsPerThread;

    BenchmarkCommand(Workbench workbench) {
        super(workbench);
    }

    @Override
    int execute(TuningProfile profile, RunControl control) throws Exception {
        return runAndPrint(options.spec(profile, RunMode.BENCHMARK, threads, duration, opsPerThread, 1, Duration.ZERO, 0), control);
    }
}
