package io.nexus.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.TestWorkbench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real calibration (short steps) on this machine, on the calling thread. */
class CalibrationViewModelTest {
    @Test
    void calibrationMeasuresTheClockEveryWorkloadAndTheLatencyCurve() {
        CalibrationViewModel model = new CalibrationViewModel(TestWorkbench.create(Path.of("profiles")),
                BackgroundExecutor.sameThread(), Runnable::run);
        List<String> steps = new ArrayList<>();
        model.statusProperty().addListener((obs, old, now) -> steps.add(now));
        model.calibrate(Duration.ofMillis(100));
        assertFalse(model.runningProperty().get());
        assertEquals("", model.statusProperty().get(), "no failure");
        String report = model.reportProperty().get();
        assertTrue(report.matches("(?s)clock +System.nanoTime \\d+\\.\\d ns per read.*"), report);
        for (String workload : List.of("xor 64", "matrix 512", "sha256 64")) {
            assertTrue(report.contains(workload), workload + " in\n" + report);
        }
        assertEquals(5, report.lines().filter(l -> l.matches(" +\\d+ %  .*")).count(), "one line per load:\n" + report);
        assertTrue(report.contains("sustainable"), report);
        assertTrue(steps.contains("calibrating: latency at 90 % load"), steps::toString);
    }
}
