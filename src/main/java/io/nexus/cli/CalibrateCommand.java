package io.nexus.cli;

import io.nexus.app.CalibrationText;
import io.nexus.app.Workbench;
import io.nexus.bench.Calibration;
import io.nexus.store.ResultJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nexus calibrate}: what this machine can measure, before believing a run (about 30 s). */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure the clock, scheduling gaps, the engine's cost per op, and its constant-rate latency"
                + " against a bare reference loop at 10-90 %% of one worker's capacity.")
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "xor",
            description = "workload of the latency curve (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--step", paramLabel = "SECONDS", defaultValue = "0.5", converter = SecondsConverter.class,
            description = "measured time of each comparison (default: ${DEFAULT-VALUE} s)")
    Duration step;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "tuning profile: a name from the profiles directory (latency, throughput, ...) or a file (default: default)")
    Path profile;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    CalibrateCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        if (step.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("--step: must be at least 0.1 s, got " + step.toMillis() / 1000.0 + " s");
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), System.console() != null && !json, "calibrate", 0);
        Calibration.Report report;
        try {
            report = new Calibration(workbench.runner()).run(workload, workbench.loadProfile(profile), step, progress::say);
        } finally {
            progress.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ResultJson.writeValue(report));
        } else {
            CalibrationText.lines(report).forEach(out::println);
        }
        out.flush();
        return RunCommand.OK;
    }
}
