package io.nexus.cli;

import io.nexus.app.RegressionGate;
import io.nexus.app.RunComparison;
import io.nexus.app.Workbench;
import io.nexus.profile.AtomicFiles;
import io.nexus.store.ResultStore;
import io.nexus.store.StoredRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nexus compare RUN RUN...}: runs against the first, metric by metric, each change with its 95 %
 * interval and verdict; with {@code --fail-if worse-than=N%} a CI gate that exits {@value #REGRESSED} on a
 * regression beyond the noise and the threshold.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare stored runs against the first: throughput, p50, p99, p99.9, max and errors, each change with its",
                "95%% confidence interval (per-interval figures, autocorrelation taken into account) and a verdict; optionally fail on a regression."})
final class CompareCommand implements Callable<Integer> {
    /** Exit status of a regression found by --fail-if. */
    static final int REGRESSED = 3;

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "two or more run ids (or unique prefixes); the first is the baseline")
    List<String> runs;

    @Option(names = "--fail-if", paramLabel = "worse-than=N%",
            description = "exit " + REGRESSED + " when throughput or p99 is worse than the baseline beyond the noise and N%%")
    String failIf;

    @Option(names = "--force", description = "compare runs of different workloads or sizes (refused otherwise)")
    boolean force;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the gate's verdict as JUnit XML (with --fail-if)")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the comparison as Markdown (with --fail-if: its verdict first)")
    Path markdown;

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
        RegressionGate gate = failIf == null ? new RegressionGate(0) : RegressionGate.parse(failIf);
        if (junit != null && failIf == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--junit reports the gate: give --fail-if worse-than=N% too");
        }
        ResultStore results = workbench.archive(store.location()).store();
        List<StoredRun> loaded = new ArrayList<>();
        for (String id : runs) {
            loaded.add(ShowCommand.find(results, id, spec.commandLine()));
        }
        RunComparison comparison = RunComparison.of(loaded, force);
        PrintWriter out = spec.commandLine().getOut();
        print(comparison, out);
        if (markdown != null) {
            AtomicFiles.writeString(markdown, gate.markdown(comparison));
        }
        if (failIf == null) {
            out.flush();
            return 0;
        }
        if (junit != null) {
            AtomicFiles.writeString(junit, gate.junitXml(comparison));
        }
        out.println(gate.verdict(comparison));
        out.flush();
        return gate.regressions(comparison).isEmpty() ? 0 : REGRESSED;
    }

    private static void print(RunComparison comparison, PrintWriter out) {
        RunComparison.Row base = comparison.rows().getFirst();
        for (RunComparison.Row row : comparison.rows().subList(1, comparison.rows().size())) {
            out.printf(Locale.ROOT, "%s (%s x%d) against %s (%s x%d)%n", row.run().id().substring(0, 8), row.run().workload(), row.run().threads(),
                    base.run().id().substring(0, 8), base.run().workload(), base.run().threads());
            out.printf(Locale.ROOT, "  %-7s  %12s  %12s  %s%n", "metric", "baseline", "this run", "change [95% CI], verdict");
            for (RunComparison.Metric m : RunComparison.Metric.values()) {
                out.printf(Locale.ROOT, "  %-7s  %12s  %12s  %s%n", m.label(), m.format(base.cell(m).value()), m.format(row.cell(m).value()),
                        RegressionGate.describe(row.cell(m)));
            }
        }
        comparison.warnings().forEach(w -> out.println("warning: " + w));
        out.println(RunComparison.method());
    }
}
