package io.nexus.cli;

import io.nexus.store.ResultJson;
import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.SweepPoint;
import io.nexus.profile.TuningProfile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nexus sweep}: the same benchmark at 1, 2, 4, ... threads, with speedup and efficiency. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the benchmark at several thread counts and report speedup and efficiency.")
final class SweepCommand extends RunCommand {
    @Option(names = {"--threads", "--connections"}, paramLabel = "N,N,...", split = ",",
            description = "thread counts; for http, connections (default: 1, 2, 4, ... up to the number of CPUs)")
    List<Integer> threads;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "3", converter = SecondsConverter.class,
            description = "measured time per point (default: ${DEFAULT-VALUE} s)")
    Duration duration;

    SweepCommand(Workbench workbench) {
        super(workbench);
    }

    @Override
    int execute(TuningProfile profile, RunControl control) throws Exception {
        List<Integer> counts = threads != null ? threads : workbench().defaultSweepThreads();
        RunSpec base = options.spec(profile, RunMode.BENCHMARK, counts.getFirst(), duration, 0, 1, Duration.ZERO, 0);
        PrintWriter out = out();
        ResultPrinter printer = new ResultPrinter(out);
        if (options.csv) {
            printer.csvHeader();
        }
        List<SweepPoint> points = workbench().sweeper().run(base, counts, t -> progress(t + " threads", base.plannedMeasuredSeconds()), point -> {
            if (options.csv) {
                printer.csvRow(point.result());
            }
        }, control);
        java.util.Map<String, List<io.nexus.bench.Finding>> findings = workbench().adviseSweep(points);
        if (!options.noSave) {
            report(workbench().archive(options.store.location()).saveSweep(points, findings, ScalabilityModel.summary(points)));
        }
        progress("", 0).finish();
        if (options.json) {
            out.println(ResultJson.write(ResultJson.sweepToTree(points)));
        } else if (!options.csv) {
            printer.sweepText(points);
            points.stream().max(java.util.Comparator.comparingInt(SweepPoint::threads))
                    .ifPresent(widest -> printer.findings(widest.result().id(), findings.get(widest.result().id()), !options.noSave));
        }
        out.flush();
        RunStatus worst = points.stream().map(p -> p.result().status()).filter(s -> s != RunStatus.COMPLETED).findFirst()
                .orElse(control.isCancelled() ? RunStatus.CANCELLED : RunStatus.COMPLETED);
        return exitCode(worst);
    }
}
