package io.nexus.cli;

import io.nexus.bench.Units;
import io.nexus.app.Workbench;
import io.nexus.profile.AtomicFiles;
import io.nexus.store.ResultStore;
import io.nexus.store.RunExport;
import io.nexus.store.StoredRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nexus show RUN}: one stored run, as text, JSON, or exported as CSV, JSON or an HdrHistogram log. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a stored run, or export it (CSV, JSON, .hlog, JMH JSON).")
final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "run id, or a unique prefix of it (as 'nexus history' shows)")
    String run;

    @Option(names = "--json", description = "print the full stored result as JSON")
    boolean json;

    @Option(names = {"--export", "--format"}, paramLabel = "FORMAT", description = "csv (samples), json (full result), hlog (HdrHistogram log) or jmh (JMH -rf json shape)")
    RunExport.Format export;

    @Option(names = "--out", paramLabel = "FILE", description = "write the export here instead of standard output")
    Path outFile;

    @Option(names = "--profile", description = "print where the run's time went (top methods, allocation, GC, locks), kept from its"
            + " JDK Flight Recorder file: runs started with --profile-run")
    boolean profile;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    ShowCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    /** @return the stored run {@code id} names, or a parameter error saying it does not exist */
    static StoredRun find(ResultStore store, String id, picocli.CommandLine commandLine) throws Exception {
        return store.load(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(commandLine,
                "no stored run '" + id + "' in " + store.location() + " (see 'nexus history')"));
    }

    @Override
    public Integer call() throws Exception {
        ResultStore results = workbench.archive(store.location()).store();
        StoredRun r = find(results, run, spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        if (profile) {
            java.util.Optional<io.nexus.bench.RunProfile> found = workbench.profileOf(r);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("nexus: run " + r.id() + " was not profiled: start a run with --profile-run");
                return RunCommand.FAILED;
            }
            found.get().lines(io.nexus.bench.RunProfile.TOP).forEach(out::println);
        } else if (export != null) {
            String text = RunExport.export(r, export);
            if (outFile != null) {
                AtomicFiles.writeString(outFile, text);
                results.log(r.id(), io.nexus.store.ResultStore.Operation.EXPORTED, export + " to " + outFile);
                out.println("exported run " + r.id() + " as " + export.name().toLowerCase(Locale.ROOT) + " to " + outFile);
            } else {
                out.print(text);
            }
        } else if (json) {
            out.println(r.resultJson());
        } else {
            out.printf(Locale.ROOT, "run %s  %s  on %s%n", r.id(), r.startedAt(), r.host());
            out.printf(Locale.ROOT, "  %s %s, size %d, %d threads, batch %d, window %d, profile %s: %s%s%n", r.mode().toLowerCase(Locale.ROOT),
                    r.workload(), r.size(), r.threads(), r.batch(), r.window(), r.profile(), r.status(), r.failure() == null ? "" : " (" + r.failure() + ")");
            out.printf(Locale.ROOT, "  %,d ops in %.2f s: %s ops/s, %d errors, %d samples%n", r.ops(), r.measuredNanos() / 1e9,
                    Units.rate(r.opsPerSecond()), r.errors(), r.samples().size());
            out.printf(Locale.ROOT, "  response p50 %s  p99 %s  p99.9 %s  max %s%n", Units.nanos(r.response().p50()), Units.nanos(r.response().p99()),
                    Units.nanos(r.response().p999()), Units.nanos(r.response().max()));
            out.printf(Locale.ROOT, "  service  p50 %s  p99 %s%n", Units.nanos(r.service().p50()), Units.nanos(r.service().p99()));
            r.findings().forEach(f -> out.println("  " + f.lines().getFirst()));
        }
        out.flush();
        return 0;
    }
}
