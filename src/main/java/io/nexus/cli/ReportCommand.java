package io.nexus.cli;

import io.nexus.app.Workbench;
import io.nexus.app.report.ReportFiles;
import io.nexus.store.ResultStore;
import io.nexus.store.StoredRun;
import io.nexus.store.StoredSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nexus report RUN... | --sweep ID --out FILE}: one self-contained HTML file to share. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write stored runs, or a sweep, as one self-contained HTML report (charts, percentiles, environment,",
                "comparison with the first run, raw .hlog): it opens in any browser without a network."})
final class ReportCommand implements Callable<Integer> {
    /** How many sweeps are searched for a --sweep prefix. */
    private static final int SWEEPS_SEARCHED = 10_000;

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "run ids (or unique prefixes); with several, the first is the baseline")
    List<String> runs = List.of();

    @Option(names = "--sweep", paramLabel = "ID", description = "report a sweep (id or unique prefix, as 'nexus history --sweeps' shows)")
    String sweep;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write")
    Path out;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @picocli.CommandLine.Mixin
    StoreOption store;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    ReportCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        if (runs.isEmpty() == (sweep == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give run ids or --sweep ID (one of the two)");
        }
        if (Files.isDirectory(out)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a directory: name the report's file");
        }
        if (!force && Files.exists(out)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists: give --force to replace it");
        }
        ResultStore results = workbench.archive(store.location()).store();
        List<StoredRun> loaded = new ArrayList<>();
        String written;
        if (sweep != null) {
            StoredSweep found = findSweep(results);
            for (StoredSweep.Point p : found.points()) {
                loaded.add(ShowCommand.find(results, p.runId(), spec.commandLine()));
            }
            written = ReportFiles.writeSweep(out, found, loaded);
        } else {
            for (String id : runs) {
                loaded.add(ShowCommand.find(results, id, spec.commandLine()));
            }
            written = ReportFiles.writeRuns(out, loaded);
        }
        for (StoredRun r : loaded) {
            results.log(r.id(), ResultStore.Operation.EXPORTED, "HTML report to " + out.toAbsolutePath());
        }
        spec.commandLine().getOut().println(written);
        return 0;
    }

    private StoredSweep findSweep(ResultStore results) throws Exception {
        List<StoredSweep> matching = results.listSweeps(SWEEPS_SEARCHED).stream().filter(s -> s.id().startsWith(sweep)).toList();
        if (matching.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (matching.isEmpty() ? "no stored sweep '" : "more than one sweep starts with '")
                    + sweep + "' in " + results.location() + " (see 'nexus history --sweeps')");
        }
        return matching.getFirst();
    }
}
