package io.nexus.cli;

import io.nexus.app.RunComparison;
import io.nexus.app.Workbench;
import io.nexus.store.ResultStore;
import io.nexus.store.StoredRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nexus compare RUN RUN...}: runs against the first, with deltas judged against run-to-run noise. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare stored runs against the first: throughput and latency deltas, and whether they exceed the noise.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "two or more run ids (or unique prefixes); the first is the baseline")
    List<String> runs;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    CompareCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        ResultStore results = workbench.archive(store.location()).store();
        List<StoredRun> loaded = new ArrayList<>();
        for (String id : runs) {
            loaded.add(ShowCommand.find(results, id, spec.commandLine()));
        }
        RunComparison comparison = RunComparison.of(loaded);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-8s  %-8s  %7s  %12s  %9s  %10s  %10s  %10s  %9s%n", "run", "workload", "threads", "ops/s", "delta",
                "p50", "p99", "p99.9", "p99 delta");
        for (RunComparison.Row row : comparison.rows()) {
            StoredRun r = row.run();
            out.printf(Locale.ROOT, "%-8s  %-8s  %7d  %12s  %9s  %10s  %10s  %10s  %9s%n", r.id().substring(0, 8), r.workload(), r.threads(),
                    Format.rate(r.opsPerSecond()), delta(row.throughputDelta(), row.throughputChanged(), r == loaded.getFirst()),
                    Format.nanos(r.response().p50()), Format.nanos(r.response().p99()), Format.nanos(r.response().p999()),
                    delta(row.p99Delta(), row.p99Changed(), r == loaded.getFirst()));
        }
        out.println("deltas are against the first run; '~' marks a delta within twice the runs' interval-to-interval spread (noise)");
        out.flush();
        return 0;
    }

    private static String delta(double d, boolean changed, boolean baseline) {
        return baseline ? "base" : String.format(Locale.ROOT, "%s%+.1f%%", changed ? "" : "~", d * 100);
    }
}
