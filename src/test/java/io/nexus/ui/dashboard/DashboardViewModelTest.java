package io.nexus.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.MeasurementSlot;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
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

    @Test
    void figuresAreScaledToTheirSize() {
        assertEquals(new DashboardViewModel.Scaled(178.1, "Mops/s"), DashboardViewModel.Scaled.rate(178.1e6));
        assertEquals(new DashboardViewModel.Scaled(950, "ops/s"), DashboardViewModel.Scaled.rate(950));
        assertEquals(new DashboardViewModel.Scaled(4, "ns"), DashboardViewModel.Scaled.nanos(4));
        assertEquals(new DashboardViewModel.Scaled(2.5, "ms"), DashboardViewModel.Scaled.nanos(2.5e6));
        assertEquals(0, DashboardViewModel.Scaled.rate(385.86e6).decimals(), "386 Mops/s: three figures");
        assertEquals(1, DashboardViewModel.Scaled.rate(22.94e6).decimals(), "22.9");
        assertEquals(2, DashboardViewModel.Scaled.nanos(1_880).decimals(), "1.88 µs");
        assertEquals(0, DashboardViewModel.Scaled.nanos(99_960).decimals(), "99.96 µs rounds to 100, not 100.0");
        assertEquals(new DashboardViewModel.Scaled(0.9997, "Mops/s"), DashboardViewModel.Scaled.rate(999_700), "1.00 Mops/s, not 1000 kops/s");
        assertEquals(new DashboardViewModel.Scaled(999.4, "kops/s"), DashboardViewModel.Scaled.rate(999_400), "999 kops/s");
    }

    @Test
    void theTargetsAreTheRunningWorkloadsAndSayWhetherTheyAreMet() {
        LiveRun live = new LiveRun();
        DashboardViewModel model = new DashboardViewModel(live, Topology.detect());
        assertFalse(model.shownProperty().get(), "nothing shown before a run: the tiles say " + DashboardView.NO_VALUE);
        live.workloadProperty().set("sha256");
        assertEquals("guide: 1,000,000 ops/s", model.throughputTargetProperty().get(), "the running workload's target, before any result");
        model.show(new Sample(0, 1_000_000_000, 2_000_000, 2_000_000, new LatencySummary(1, 500, 400, 450, 40_000, 50_000, 60_000, 70_000),
                0, 0, 0, 0.5, 0, 0, java.util.Map.of()));
        assertTrue(model.shownProperty().get());
        assertEquals(Boolean.TRUE, model.throughputMetProperty().get(), "2M ops/s meets sha256's 1M");
        assertEquals(Boolean.FALSE, model.p99MetProperty().get(), "a 40 µs p99 misses sha256's 30 µs");
        live.workloadProperty().set("matrix");
        assertEquals(null, model.throughputMetProperty().get(), "matrix has no throughput target the guide could meet");
    }
}
