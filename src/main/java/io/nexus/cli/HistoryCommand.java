package io.nexus.cli;

import io.nexus.bench.Units;
import io.nexus.app.Workbench;
import io.nexus.store.ResultArchive;
import io.nexus.store.ResultJson;
import io.nexus.store.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nexus history}: the stored runs, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List the stored runs, newest first.")
final class HistoryCommand implements Callable<Integer> {
    @Option(names = "--workload", paramLabel = "NAME", description = "only runs of this workload")
    String workload;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N runs (default: ${DEFAULT-VALUE})")
    int limit;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @Option(names = "--json", description = "print the runs as JSON")
    boolean json;

    @Option(names = "--sweeps", description = "list the thread sweeps (each with its points' run ids and model) instead of the runs")
    boolean sweeps;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    HistoryCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit: must be at least 1, got " + limit);
        }
        ResultArchive archive = workbench.archive(store.location());
        int flushed = archive.flush();
        if (flushed > 0) {
            spec.commandLine().getErr().println("nexus: wrote " + flushed + " run(s) that waited in the spool while the store was unreachable");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (sweeps) {
            printSweeps(archive.store().listSweeps(limit), out);
            return 0;
        }
        List<RunSummary> runs = archive.store().list(workload, limit);
        if (json) {
            out.println(ResultJson.writeValue(runs));
        } else {
            out.printf(Locale.ROOT, "%-8s  %-20s  %-12s  %-8s  %-9s  %7s  %-9s  %12s  %10s%n", "id", "started (UTC)", "host", "workload",
                    "mode", "threads", "status", "ops/s", "p99");
            for (RunSummary r : runs) {
                out.printf(Locale.ROOT, "%-8s  %-20s  %-12.12s  %-8s  %-9s  %7d  %-9s  %12s  %10s%n", r.id().substring(0, 8),
                        r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""),
                        r.host(), r.workload(), r.mode().toLowerCase(Locale.ROOT), r.threads(), r.status(), Units.rate(r.opsPerSecond()),
                        Units.nanos(r.p99Nanos()));
            }
        }
        out.flush();
        return 0;
    }

    private void printSweeps(List<io.nexus.store.StoredSweep> found, PrintWriter out) {
        if (json) {
            out.println(ResultJson.writeValue(found));
        } else {
            for (io.nexus.store.StoredSweep s : found) {
                out.printf(Locale.ROOT, "%-8s  %-20s  %-8s  %s%n    %s%n", s.id().substring(0, 8),
                        s.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""), s.workload(),
                        String.join(", ", s.points().stream().map(p -> p.threads() + " threads: " + p.runId().substring(0, 8)).toList()), s.model());
            }
        }
        out.flush();
    }
}
