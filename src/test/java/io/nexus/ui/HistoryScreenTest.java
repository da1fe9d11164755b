package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.TestWorkbench;
import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.RunListener;
import io.nexus.profile.TuningProfile;
import io.nexus.store.StoredRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** History on the real window: two runs stored by real runs, compared, both curves drawn. */
@ExtendWith(ApplicationExtension.class)
class HistoryScreenTest {
    private static Workbench workbench;
    private BackgroundExecutor background;

    /** Stores two real runs before the window opens (runs may not block the UI thread). */
    @BeforeAll
    static void storeTwoRuns() throws Exception {
        workbench = TestWorkbench.create(Path.of("profiles"));
        RunSpec b = RunSpec.benchmark("sha256", TuningProfile.defaults());
        for (RunResult r : List.of(run(workbench, b, 1), run(workbench, b, 2))) {
            assertTrue(workbench.archive(null).save(StoredRun.of(r)).stored());
        }
    }

    @Start
    void start(Stage stage) {
        background = BackgroundExecutor.threads("history-background", 2);
        TestWindow.show(stage, workbench, background);
    }

    private static RunResult run(Workbench workbench, RunSpec b, int threads) throws Exception {
        RunSpec spec = new RunSpec("sha256", 64, RunMode.BENCHMARK, threads, b.batch(), b.window(), Duration.ofMillis(100),
                Duration.ofMillis(1000), 0, 1, Duration.ZERO, 0, Duration.ofMillis(100), TuningProfile.defaults());
        return workbench.runner().run(spec, RunListener.NONE, new RunControl());
    }

    @AfterEach
    void stopBackground() {
        background.close();
    }

    @Test
    void twoStoredRunsComparedShowBothCurvesAndTheirDeltas(FxRobot robot) throws Exception {
        robot.clickOn("#nav-history");
        TableView<?> table = robot.lookup("#historyTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn("#historyOpen");
        LineChart<?, ?> curves = robot.lookup("#historyPercentiles").queryAs(LineChart.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> curves.getData().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(curves.getData().stream().allMatch(s -> s.getData().size() > 10), "both percentile curves drawn");
        LineChart<?, ?> throughput = robot.lookup("#historyThroughput").queryAs(LineChart.class);
        assertEquals(2, throughput.getData().size());
        String deltas = robot.lookup("#historyDeltas").queryAs(Label.class).getText();
        assertTrue(deltas.contains("ops/s") && deltas.contains("p99") && deltas.contains("%, ") && deltas.contains("x1, the baseline"),
                "changes with their 95 % intervals, and the thread counts' difference said: " + deltas);

        robot.clickOn("#historyFilter").write("x2");
        robot.clickOn("#historyFilter").eraseText(2).write("COMPLETED");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, table.getItems().size(), "the filter matches status");
    }
}
