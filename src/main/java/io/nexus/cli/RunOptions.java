package io.nexus.cli;

import io.nexus.bench.RunMode;
import io.nexus.bench.RunSpec;
import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every run command shares: workload, size, queue settings, profile, timing and output format. */
final class RunOptions {
    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "xor",
            description = "xor, matrix, sha256, or http (the full stack: HTTP requests over keep-alive connections, run"
                    + " by event loops as wrk's) (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--size", paramLabel = "N",
            description = "bytes for xor and sha256 (default 64), matrix order n for matrix (default 512), request body bytes"
                    + " for http (default 64; 0 sends GETs)")
    Integer size;

    @Option(names = "--url", paramLabel = "URL",
            description = "http only: where requests go, e.g. http://127.0.0.1:8080/compute/xor (default: the engine's own API,"
                    + " started in this process for the run on a free loopback port, without rate limits)")
    java.net.URI url;

    @Option(names = "--batch", paramLabel = "OPS", description = "ops a worker drains per pass (default: the profile's)")
    Integer batch;

    @Option(names = "--window", paramLabel = "OPS",
            description = "ops in flight per worker, 0 for auto (default: the profile's); closed loop: clients per worker,"
                    + " response time = queue wait + service")
    Integer window;

    @Option(names = "--mode", paramLabel = "MODE", converter = WordConverter.EngineModeConverter.class,
            description = "self-paced (each worker runs its own schedule) or queued (a dispatcher feeds each worker's"
                    + " queue) (default: the profile's)")
    io.nexus.engine.EngineMode engineMode;

    @Option(names = "--timing", paramLabel = "TIMING", converter = WordConverter.TimingModeConverter.class,
            description = "auto, per-op, per-run or sampled: how often workers read the clock (default: the profile's)")
    io.nexus.engine.measure.TimingMode timing;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "tuning profile: a name from the profiles directory (latency, throughput, ...) or a file (default: default)")
    Path profile;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "1", converter = SecondsConverter.class,
            description = "unmeasured warm-up (default: ${DEFAULT-VALUE} s)")
    Duration warmup;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "sample interval in ms (default: ${DEFAULT-VALUE})")
    long intervalMillis;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @Option(names = "--profile-run", description = "record the run with JDK Flight Recorder: the top methods are printed and"
            + " noted, the .jfr is kept (nexus show RUN --profile; JDK Mission Control opens it)")
    boolean profileRun;

    @Option(names = "--no-save", description = "do not keep the result in the store")
    boolean noSave;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run N times, each in a fresh JVM (as JMH forks), and report the median and range; a throughput"
                    + " spread over 10 %% is flagged unstable (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--json", description = "print the full result as JSON")
    boolean json;

    @Option(names = "--csv", description = "print the summary as CSV")
    boolean csv;

    /** @return a spec from these options; {@code threads} and the timing come from the command */
    RunSpec spec(TuningProfile profile, RunMode mode, int threads, Duration duration, long opsPerThread, int bursts,
                 Duration burstPause, double rate) {
        int resolvedSize = size != null ? size : io.nexus.engine.workload.Workloads.byName(workload)
                .map(io.nexus.engine.workload.Workload::defaultSize).orElse(0);
        RunSpec spec = new RunSpec(workload, resolvedSize, mode, threads, batch != null ? batch : profile.batch(),
                window != null ? window : profile.window(), warmup, duration, opsPerThread, bursts, burstPause, rate,
                Duration.ofMillis(intervalMillis), profile);
        spec = spec.withEngine(engineMode != null ? engineMode : spec.engine(), timing != null ? timing : spec.timing());
        return url == null ? spec : spec.withUrl(url);
    }
}
