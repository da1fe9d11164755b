package io.nexus.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.TestWorkbench;
import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.RunListener;
import io.nexus.profile.TuningProfile;
import io.nexus.store.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryViewModelTest {
    private final Workbench workbench = TestWorkbench.create(Path.of("profiles"));
    private final HistoryViewModel model = new HistoryViewModel(workbench, BackgroundExecutor.sameThread(), Runnable::run);
    @TempDir
    Path dir;

    private RunResult storedRun(String workload) throws Exception {
        RunSpec b = RunSpec.benchmark(workload, TuningProfile.defaults());
        RunSpec spec = new RunSpec(workload, b.size(), b.mode(), 1, b.batch(), b.window(), Duration.ZERO, Duration.ofMillis(300), 0, 1,
                Duration.ZERO, 0, Duration.ofMillis(100), TuningProfile.defaults());
        RunResult r = workbench.runner().run(spec, RunListener.NONE, new RunControl());
        workbench.archive(null).save(StoredRun.of(r));
        return r;
    }

    private RunResult profiledRun(int threads) throws Exception {
        RunSpec b = RunSpec.benchmark("sha256", TuningProfile.defaults());
        RunSpec spec = new RunSpec("sha256", b.size(), b.mode(), threads, b.batch(), b.window(), Duration.ofMillis(100), Duration.ofMillis(500), 0,
                1, Duration.ZERO, 0, Duration.ofMillis(100), TuningProfile.defaults());
        io.nexus.app.RunProfiler.Profiled run = workbench.profiler().run(workbench.runner(), spec, RunListener.NONE, new RunControl());
        workbench.archive(null).save(StoredRun.of(run.result(), run.profile(), workbench.advise(run.result(), run.profile())));
        return run.result();
    }

    @Test
    void anOpenedRunShowsItsFindingsAndFlameGraphAndTwoProfiledRunsTheirDiff() throws Exception {
        RunResult plain = storedRun("xor");
        model.open(List.of(plain.id()));
        assertEquals(null, model.flameGraphProperty().get());
        assertTrue(model.flameNoteProperty().get().contains("was not profiled"), model.flameNoteProperty().get());
        int crowd = 2 * Runtime.getRuntime().availableProcessors();
        RunResult crowded = profiledRun(crowd);
        model.open(List.of(crowded.id()));
        assertTrue(model.advice().findings().stream().anyMatch(f -> f.rule().equals("threads-over-cores")), model.advice().findings().toString());
        assertTrue(model.flameGraphProperty().get() != null && !model.flameGraphProperty().get().differential());
        assertTrue(model.flameGraphProperty().get().root().samples() > 0);
        RunResult one = profiledRun(1);
        model.open(List.of(crowded.id(), one.id()));
        assertTrue(model.flameGraphProperty().get().differential(), "two profiled runs: the second against the first");
        assertTrue(model.flameNoteProperty().get().startsWith("run " + one.id().substring(0, 8) + " against " + crowded.id().substring(0, 8)));
    }

    @Test
    void listsFiltersOpensComparesAndDeletes() throws Exception {
        RunResult xor = storedRun("xor");
        RunResult sha = storedRun("sha256");
        model.refresh();
        assertEquals(List.of(sha.id(), xor.id()), model.runs().stream().map(r -> r.id()).toList());
        model.filterProperty().set("sha");
        assertEquals(List.of(sha.id()), model.runs().stream().map(r -> r.id()).toList());
        model.filterProperty().set("");
        model.open(List.of(xor.id()));
        assertEquals(1, model.shownProperty().get().size());
        assertEquals(null, model.comparisonProperty().get());
        model.open(List.of(xor.id(), sha.id()));
        assertEquals(null, model.comparisonProperty().get(), "xor and sha256 measure different things");
        assertTrue(model.messageProperty().get().startsWith("not compared: ") && model.messageProperty().get().contains("measure different things"),
                model.messageProperty().get());
        RunResult xorAgain = storedRun("xor");
        model.open(List.of(xor.id(), xorAgain.id()));
        assertNotNull(model.comparisonProperty().get());
        assertEquals(xor.id(), model.comparisonProperty().get().runs().getFirst().id(), "the first selected is the baseline");
        model.delete(xor.id());
        model.refresh();
        assertEquals(List.of(xorAgain.id(), sha.id()), model.runs().stream().map(r -> r.id()).toList());
    }

    @Test
    void theOpenedRunsAreExportedAsOneReportOrTheReasonIsSaid() throws Exception {
        model.exportReport(dir.resolve("none.html"));
        assertTrue(model.messageProperty().get().startsWith("open a run"), model.messageProperty().get());
        RunResult a = storedRun("xor");
        RunResult b = storedRun("xor");
        model.open(List.of(a.id(), b.id()));
        Path report = dir.resolve("two.html");
        model.exportReport(report);
        assertTrue(model.messageProperty().get().startsWith("wrote a report of 2 runs to " + report), model.messageProperty().get());
        String html = Files.readString(report);
        assertTrue(html.contains(a.id().substring(0, 8)) && html.contains(b.id().substring(0, 8)) && html.contains("id=\"comparison\""));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        model.exportReport(file.resolve("r.html"));
        assertEquals("the report was not written: " + file + ": is a file, not a directory", model.messageProperty().get());
    }

    @Test
    void theStoreSettingSwitchesStoresAndRejectsBadUrls() throws Exception {
        storedRun("xor");
        model.storeUrlProperty().set("mysql://nope");
        model.useStore();
        assertTrue(model.messageProperty().get().startsWith("store URL must start with jdbc:h2: or jdbc:postgresql:"));
        Path other = Files.createTempDirectory("nexus-other-store-");
        model.storeUrlProperty().set("jdbc:h2:file:" + other.resolve("results"));
        model.useStore();
        assertTrue(model.runs().isEmpty(), "the other store is empty");
        assertTrue(model.messageProperty().get().startsWith("0 runs in H2 " + other.resolve("results")), model.messageProperty().get());
    }

    @Test
    void aStoreCallInFlightShowsTheSpinnerUntilItAnswers() {
        io.nexus.app.QueuedExecutor later = new io.nexus.app.QueuedExecutor();
        HistoryViewModel slow = new HistoryViewModel(workbench, later, Runnable::run);
        slow.refresh();
        assertTrue(slow.busyProperty().get(), "busy while the store has not answered");
        later.runNext();
        assertFalse(slow.busyProperty().get());
        slow.storeUrlProperty().set("jdbc:postgresql://127.0.0.1:1/none");
        slow.useStore();
        assertTrue(slow.busyProperty().get());
        later.runNext();
        assertFalse(slow.busyProperty().get(), "a store that is down ends the spinner too");
        assertTrue(slow.messageProperty().get().startsWith("cannot reach the results store at PostgreSQL 127.0.0.1:1/none"),
                slow.messageProperty().get());
    }
}
