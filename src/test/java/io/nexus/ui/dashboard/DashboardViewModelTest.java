package io.nexus.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.MeasurementSlot;
import io.nexus.engine.topology.Topology;
import io.nexus.ui.LiveRun;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {
    @Test
    void theDashboardSaysWhatThisProcessIsMeasuring() throws Exception {
        DashboardViewModel model = new DashboardViewModel(new LiveRun(), Topology.detect());
        model.refreshActivity();
        assertEquals(DashboardViewModel.IDLE, model.activityProperty().get());
        try (MeasurementSlot.Held _ = MeasurementSlot.take("sha256 sweep over [1, 2] threads")) {
            model.refreshActivity();
            assertTrue(model.activityProperty().get().startsWith("Measuring: sha256 sweep over [1, 2] threads, since "),
                    model.activityProperty().get());
        }
        model.refreshActivity();
        assertEquals(DashboardViewModel.IDLE, model.activityProperty().get());
    }
}
