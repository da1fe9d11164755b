package io.nexus.cli;

import io.nexus.app.ProfileProposal;
import io.nexus.app.Workbench;
import io.nexus.bench.Finding;
import io.nexus.store.ResultJson;
import io.nexus.store.ResultStore;
import io.nexus.store.StoredRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nexus advise RUN}: the advisor's rules evaluated on a stored run now (with its profile, if it was profiled), each
 * finding with its evidence, advice and the diff of the profile change that makes it; the findings are kept with the run.
 */
@Command(name = "advise", mixinStandardHelpOptions = true, description = {
        "Diagnose a stored run: what limits it, the evidence, and the profile change to try.",
        "The findings replace those kept with the run. Exit 0 when nothing is found, 3 when something is."})
final class AdviseCommand implements Callable<Integer> {
    /** Exit code when the advisor found something. */
    static final int FOUND = 3;

    @Parameters(paramLabel = "RUN", description = "run id, or a unique prefix of it (as 'nexus history' shows)")
    String run;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    AdviseCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        ResultStore results = workbench.archive(store.location()).store();
        StoredRun stored = ShowCommand.find(results, run, spec.commandLine());
        List<Finding> findings = workbench.advise(stored);
        results.replaceFindings(stored.id(), findings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ResultJson.writeValue(findings));
        } else if (findings.isEmpty()) {
            out.println("run " + stored.id() + ": the advisor found nothing to change");
        } else {
            out.println("run " + stored.id() + ": " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                    + (workbench.profileOf(stored).isPresent() ? "" : " (not profiled: --profile-run adds GC, allocation and lock rules)"));
            for (Finding f : findings) {
                out.println();
                f.lines().forEach(out::println);
                if (!f.change().isEmpty()) {
                    ProfileProposal proposal = ProfileProposal.of(f, ResultJson.toResult(stored).spec().profile(), workbench.profilesDir());
                    out.println("  change " + proposal.file().map(Object::toString).orElse("profile '" + proposal.changed().name()
                            + "' (not in " + workbench.profilesDir() + ": save it there to use it)") + ":");
                    proposal.diff().forEach(line -> out.println("    " + line));
                }
            }
        }
        out.flush();
        return findings.isEmpty() ? 0 : FOUND;
    }
}
