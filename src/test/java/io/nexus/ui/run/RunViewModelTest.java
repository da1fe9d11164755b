package io.nexus.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.TuningProfile;
import io.nexus.ui.LiveRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Run form's logic on the test thread: same-thread executors, no JavaFX toolkit. */
class RunViewModelTest {
    private final LiveRun live = new LiveRun();
    private final RunViewModel model = new RunViewModel(io.nexus.app.TestWorkbench.create(Path.of("profiles")),
            BackgroundExecutor.sameThread(), Runnable::run, live);

    @Test
    void formBecomesASpecWithTheProfileFillingTheGaps() {
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
    void badInputIsReportedAndNothingRuns() {
        model.threadsProperty().set(0);
        model.start();
        assertTrue(model.messageProperty().get().contains("--threads: must be in [1, 4096], got 0"), model.messageProperty().get());
        assertEquals(null, live.resultProperty().get());
        assertFalse(model.runningProperty().get());
        model.threadsProperty().set(1);
        model.profileProperty().set("no-such-profile");
        model.start();
        assertTrue(model.messageProperty().get().contains("no such file"), model.messageProperty().get());
    }
}
