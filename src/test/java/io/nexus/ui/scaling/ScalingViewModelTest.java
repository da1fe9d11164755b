package io.nexus.ui.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingViewModelTest {
    @Test
    void threadListsParseOrSayWhatIsWrong() {
        assertEquals(List.of(1, 2, 4), ScalingViewModel.parseThreads(" 1, 2,4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScalingViewModel.parseThreads("1,two")).getMessage().contains("'two'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScalingViewModel.parseThreads("0")).getMessage().contains("outside"));
    }

    @Test
    void theGuidesProfileIsInterpolatedBetweenItsPoints() {
        assertEquals(1.0, ScalingViewModel.guideSpeedup(1).getAsDouble(), 1e-9);
        assertEquals(3.8, ScalingViewModel.guideSpeedup(4).getAsDouble(), 1e-9);
        assertEquals(1.0 + 2.8 / 3, ScalingViewModel.guideSpeedup(2).getAsDouble(), 1e-9);
        assertEquals(25, ScalingViewModel.guideSpeedup(32).getAsDouble(), 1e-9);
        assertTrue(ScalingViewModel.guideSpeedup(64).isEmpty(), "the guide says nothing past 32 threads");
    }

    @Test
    void aSweepAddsOnePointPerThreadCountAndIsSavedAsOneSweep() throws Exception {
        io.nexus.app.Workbench workbench = io.nexus.app.TestWorkbench.create(Path.of("profiles"));
        ScalingViewModel model = new ScalingViewModel(workbench, BackgroundExecutor.sameThread(), Runnable::run);
        model.threadsProperty().set("1,2");
        model.warmupSecondsProperty().set(0.1);
        model.durationSecondsProperty().set(0.3);
        model.run();
        assertEquals(List.of(1, 2), model.points().stream().map(p -> p.threads()).toList());
        assertTrue(model.messageProperty().get().startsWith("done: 2 points; saved sweep "), model.messageProperty().get());
        List<io.nexus.store.StoredSweep> sweeps = workbench.archive(null).store().listSweeps(10);
        assertEquals(1, sweeps.size(), "the window's sweep is kept, as one sweep");
        assertEquals(model.points().stream().map(p -> p.result().id()).toList(), sweeps.getFirst().points().stream().map(p -> p.runId()).toList());
        assertTrue(sweeps.getFirst().model().contains("fewer than 4"), sweeps.getFirst().model());
        assertTrue(workbench.archive(null).store().load(sweeps.getFirst().points().get(1).runId()).isPresent(), "each point is a stored run");
        model.threadsProperty().set("1,x");
        model.run();
        assertTrue(model.messageProperty().get().contains("'x'"));
    }

    @Test
    void theChosenProfileAndSizeAreSweptAndProgressSaysThePointAndTimeLeft() {
        io.nexus.app.Workbench workbench = io.nexus.app.TestWorkbench.create(Path.of("profiles"));
        io.nexus.app.QueuedExecutor later = new io.nexus.app.QueuedExecutor();
        ScalingViewModel model = new ScalingViewModel(workbench, later, Runnable::run);
        assertTrue(model.profileNames().contains("latency"));
        model.threadsProperty().set("1,2");
        model.warmupSecondsProperty().set(0.2);
        model.durationSecondsProperty().set(0.8);
        model.profileProperty().set("latency");
        model.sizeProperty().set(128);
        model.run();
        assertEquals("point 1 of 2 (1 thread), about 0:02 left", model.progressTextProperty().get());
        later.runNext();
        assertEquals(2, model.points().size());
        assertTrue(model.points().stream().allMatch(p -> p.result().spec().profile().name().equals("latency") && p.result().spec().size() == 128),
                "the profile and size chosen");
        assertEquals("", model.progressTextProperty().get(), "idle again");
        assertTrue(model.oversubscribed(Runtime.getRuntime().availableProcessors() + 1));
        assertFalse(model.oversubscribed(Runtime.getRuntime().availableProcessors()));
    }
}
