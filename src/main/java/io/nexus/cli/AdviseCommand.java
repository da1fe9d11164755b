package io.nexus.cli;

import io.nexus.app.ProfileProposal;
import io.nexus.app.Workbench;
import io.nexus.bench.Finding;
import io.nexus.profile.ProfileException;
import io.nexus.profile.TuningProfile;
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
        java.util.Optional<io.nexus.bench.RunProfile> profile = workbench.profileOf(stored);
        List<Finding> findings = workbench.advise(stored, profile);
        TuningProfile used = ResultJson.profile(stored);
        List<String> text = new java.util.ArrayList<>();
        for (Finding f : findings) {
            text.add("");
            text.addAll(f.lines());
            if (!f.change().isEmpty()) {
                text.addAll(change(f, used));
            }
        }
        results.replaceFindings(stored.id(), findings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ResultJson.writeValue(findings));
        } else if (findings.isEmpty()) {
            out.println("run " + stored.id() + ": the advisor found nothing to change");
        } else {
            out.println("run " + stored.id() + ": " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                    + (profile.isPresent() ? "" : " (not profiled: --profile-run adds GC, allocation and lock rules)"));
            text.forEach(out::println);
        }
        out.flush();
        return findings.isEmpty() ? 0 : FOUND;
    }

    /** @return the lines saying which profile {@code f}'s change edits and its diff, or why it cannot be made there */
    private List<String> change(Finding f, TuningProfile used) {
        try {
            ProfileProposal proposal = ProfileProposal.of(f, used, workbench.profilesDir());
            List<String> lines = new java.util.ArrayList<>();
            lines.add("  change " + proposal.file().map(Object::toString).orElse("profile '" + proposal.changed().name()
                    + "' (not in " + workbench.profilesDir() + ": save it there to use it)") + ":");
            proposal.diff().forEach(line -> lines.add("    " + line));
            return lines;
        } catch (ProfileException e) {
            return List.of("  change: cannot be made to profile " + used.name() + ": " + e.getMessage());
        }
    }
}
