package io.nexus.cli;

import io.nexus.store.ResultJson;
import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.SweepAxis;
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

    @Option(names = "--vary", paramLabel = "AXIS", defaultValue = "workers", converter = AxisConverter.class,
            description = "what the counts are: workers (default; for http, connections) or server-threads (http without --url:"
                    + " the engine workers of the API the run starts, connections fixed by --connections-per-point)")
    SweepAxis axis;

    @Option(names = "--connections-per-point", paramLabel = "N", defaultValue = "16",
            description = "with --vary server-threads: the load generator's connections at every point (default: ${DEFAULT-VALUE})")
    int connectionsPerPoint;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "3", converter = SecondsConverter.class,
            description = "measured time per point (default: ${DEFAULT-VALUE} s)")
    Duration duration;

    /** Reads {@code workers} or {@code server-threads}. */
    static final class AxisConverter implements picocli.CommandLine.ITypeConverter<SweepAxis> {
        @Override
        public SweepAxis convert(String value) {
            return switch (value) {
                case "workers", "threads", "connections" -> SweepAxis.WORKERS;
                case "server-threads" -> SweepAxis.SERVER_THREADS;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not workers or server-threads");
            };
        }
    }

    SweepCommand(Workbench workbench) {
        super(workbench);
    }

    @Override
    int execute(TuningProfile profile, RunControl control) throws Exception {
        List<Integer> counts = threads != null ? threads : workbench().defaultSweepThreads();
        RunSpec base = options.spec(profile, RunMode.BENCHMARK, axis == SweepAxis.WORKERS ? counts.getFirst() : connectionsPerPoint, duration,
                0, 1, Duration.ZERO, 0);
        PrintWriter out = out();
        ResultPrinter printer = new ResultPrinter(out);
        if (options.csv) {
            printer.csvHeader();
        }
        List<SweepPoint> points = workbench().sweeper().run(base, axis, counts, t -> progress(t + " " + axis.label(), base.plannedMeasuredSeconds()), point -> {
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
            printer.sweepText(points, axis);
            points.stream().max(java.util.Comparator.comparingInt(SweepPoint::threads))
                    .ifPresent(widest -> printer.findings(widest.result().id(), findings.get(widest.result().id()), !options.noSave));
        }
        out.flush();
        RunStatus worst = points.stream().map(p -> p.result().status()).filter(s -> s != RunStatus.COMPLETED).findFirst()
                .orElse(control.isCancelled() ? RunStatus.CANCELLED : RunStatus.COMPLETED);
        return exitCode(worst);
    }
}
