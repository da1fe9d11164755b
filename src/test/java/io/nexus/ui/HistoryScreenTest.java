package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.io.TempDir;
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
    @TempDir
    Path dir;

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

        assertFalse(robot.lookup("#historyReport").queryButton().isDisabled(), "the opened runs can be exported as a report");
        robot.rightClickOn("#historyPercentiles");
        assertTrue(robot.lookup(ChartImages.SAVE_AS_PNG).tryQuery().isPresent(), "every chart offers itself as a PNG");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        Path png = dir.resolve("curves.png");
        ChartImages.Pixels pixels = WaitForAsyncUtils.asyncFx(() -> ChartImages.pixels(curves)).get(10, TimeUnit.SECONDS);
        pixels.write(png);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(Math.ceil(curves.getBoundsInParent().getWidth()), image.getWidth(), 1, "the chart as drawn");
        assertTrue(colouredPixels(image) > 200, "the curves are in the image");

        robot.clickOn("#historyFilter").write("x2");
        robot.clickOn("#historyFilter").eraseText(2).write("COMPLETED");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, table.getItems().size(), "the filter matches status");
    }

    /** @return pixels of a saturated colour: the series (axes, grid and text are grey) */
    private static int colouredPixels(java.awt.image.BufferedImage image) {
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        return coloured;
    }
}
