package io.nexus.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.profile.TuningProfile;
import io.nexus.ui.LiveRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Run form's logic on the test thread: same-thread executors, no JavaFX toolkit. */
class RunViewModelTest {
    private final LiveRun live = new LiveRun();
    private final RunViewModel model = new RunViewModel(io.nexus.app.TestWorkbench.create(Path.of("profiles")),
            BackgroundExecutor.sameThread(), Runnable::run, live);

    @Test
    void formBecomesASpecWithTheProfileFillingTheGaps() throws Exception {
        model.workloadProperty().set("matrix");
        assertEquals(512, model.sizeProperty().get(), "choosing a workload takes its default size");
        model.modeProperty().set(RunMode.BURST);
        model.threadsProperty().set(2);
        model.durationSecondsProperty().set(1.5);
        RunSpec spec = model.spec(TuningProfile.defaults());
        assertEquals("matrix", spec.workload());
        assertEquals(2, spec.threads());
        assertEquals(1_500, spec.duration().toMillis());
        assertEquals(TuningProfile.defaults().batch(), spec.batch(), "batch 0 means the profile's");
        model.batchProperty().set(8);
        assertEquals(8, model.spec(TuningProfile.defaults()).batch());
    }

    @Test
    void aRunFillsTheSharedRunAndEndsWithAResult() {
        model.warmupSecondsProperty().set(0.1);
        model.durationSecondsProperty().set(0.6);
        model.start();
        assertFalse(model.runningProperty().get());
        assertEquals(RunStatus.COMPLETED, live.resultProperty().get().status());
        assertTrue(live.samples().size() >= 2, "samples applied: " + live.samples().size());
        assertEquals(1.0, model.progressProperty().get());
        assertTrue(model.messageProperty().get().startsWith("COMPLETED - saved run " + live.resultProperty().get().id()),
                model.messageProperty().get());
    }

    @Test
    void aBurstRunsTimeSpansItsBurstsEndToEndAsItsSamplesAreTimed() {
        model.modeProperty().set(RunMode.BURST);
        model.warmupSecondsProperty().set(0);
        model.durationSecondsProperty().set(0.2);
        model.burstsProperty().set(2);
        model.burstPauseSecondsProperty().set(0.5);
        List<Boolean> samplesWhenSpanSet = new ArrayList<>();
        model.measuredSecondsOfRunProperty().addListener((obs, old, seconds) -> samplesWhenSpanSet.add(live.samples().isEmpty()));
        model.start();
        assertEquals(RunStatus.COMPLETED, live.resultProperty().get().status());
        assertEquals(0.4, model.measuredSecondsOfRunProperty().get(), 1e-9, "two 0.2 s bursts; the pause is not measured");
        assertEquals(List.of(true), samplesWhenSpanSet, "the span is set once, as the run starts, before its first sample");
        double last = live.samples().getLast().elapsedNanos() / 1e9;
        assertTrue(last > 0.3 && last < 0.6, "the samples are timed end to end too: the last at " + last + " s, not after the 0.5 s pause");
    }

    @Test
    void aRunStartedBeforeTheLastResultIsSavedIsRefused() {
        model.warmupSecondsProperty().set(0.1);
        model.durationSecondsProperty().set(0.3);
        List<RunResult> shown = new ArrayList<>();
        live.resultProperty().subscribe(result -> {
            if (result != null) {
                shown.add(result);
                if (shown.size() == 1) {
                    model.start(); // an operator pressing Start as the result appears, while it is being saved
                }
            }
        });
        model.start();
        assertEquals(1, shown.size(), "no second run began while the first was being saved");
        assertFalse(model.runningProperty().get());
        assertTrue(model.messageProperty().get().startsWith("COMPLETED - saved run " + shown.getFirst().id()), model.messageProperty().get());
    }

    @Test
    void anHttpRunGoesToTheUrlGivenAndABadUrlIsNamed() throws Exception {
        model.workloadProperty().set("http");
        model.warmupSecondsProperty().set(0.1);
        model.durationSecondsProperty().set(0.3);
        model.urlProperty().set("http://not a url/");
        model.start();
        assertTrue(model.invalidOptions().contains("--url"), model.messageProperty().get());

        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/load";
            model.urlProperty().set(url);
            model.start();
            RunResult r = live.resultProperty().get();
            assertEquals(RunStatus.COMPLETED, r.status(), model.messageProperty().get());
            assertTrue(r.notes().contains("target: " + url), r.notes().toString());
            assertTrue(r.samples().stream().anyMatch(sample -> sample.outcomes().getOrDefault("2xx", 0L) > 0), "204s counted as 2xx");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputIsReportedNamingItsFieldAndKeepsTheLastResult() {
        model.warmupSecondsProperty().set(0.1);
        model.durationSecondsProperty().set(0.3);
        model.start();
        RunResult last = live.resultProperty().get();
        assertEquals(RunStatus.COMPLETED, last.status());
        int samples = live.samples().size();
        model.threadsProperty().set(0);
        model.rateProperty().set(-5);
        model.modeProperty().set(RunMode.RATE);
        model.start();
        assertTrue(model.messageProperty().get().startsWith("not started: ") && model.messageProperty().get().contains("--threads: must be in [1, 4096], got 0"),
                model.messageProperty().get());
        assertEquals(java.util.Set.of("--threads", "--rate"), model.invalidOptions(), "every bad field, for the form to mark");
        assertEquals(last, live.resultProperty().get(), "the last result stays");
        assertEquals(samples, live.samples().size(), "and its charts");
        assertFalse(model.runningProperty().get());
        model.threadsProperty().set(1);
        model.modeProperty().set(RunMode.BENCHMARK);
        model.profileProperty().set("no-such-profile");
        model.start();
        assertTrue(model.messageProperty().get().contains("no such file"), model.messageProperty().get());
        model.profileProperty().set("default");
        model.start();
        assertTrue(model.invalidOptions().isEmpty(), "a run that starts clears the marks");
        assertTrue(live.resultProperty().get() != last, "and replaces the result");
    }

    @Test
    void workersArePlacedInOneLineWithTheirDetailFoldedAway() {
        assertEquals("2 pinned to their CPUs, 1 unpinned (no permission)", RunView.placementSummary(List.of(
                "worker 0: pinned to CPUs 0, node 0", "worker 1: pinned to CPUs 1, node 1", "worker 2: unpinned (no permission)")));
    }
}
