package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tours the real window after a real run and sweep, and saves a picture of every screen to
 * {@code target/screenshots} ({@code assets/screenshots/update.sh} copies them into the README's folder).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {
    private static final Path OUT = Path.of("target", "screenshots");
    private BackgroundExecutor background;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        background = BackgroundExecutor.threads("tour-background", 2);
        window = TestWindow.show(stage, Path.of("profiles"), background);
        scene = stage.getScene();
    }

    @AfterEach
    void stopBackground() {
        background.close();
    }

    @Test
    void everyScreenRendersAfterARealRun(FxRobot robot) throws Exception {
        robot.clickOn("#nav-run");
        robot.doubleClickOn("#duration").eraseText(6).write("3").type(KeyCode.TAB);
        robot.clickOn("#profileRun");
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, // shown and saved: the form takes the next run
                () -> window.live().resultProperty().get() != null && !robot.lookup("#start").query().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        save(robot, MainWindow.Screen.RUN, "run");
        robot.interact(() -> {
            javafx.scene.control.TitledPane workers = robot.lookup("#workerDetail").queryAs(javafx.scene.control.TitledPane.class);
            workers.setAnimated(false); // drawn open, not halfway
            workers.setExpanded(true);
        });
        save(robot, MainWindow.Screen.RUN, "run-result");
        javafx.scene.control.TabPane tabs = robot.lookup("#runTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(2));
        save(robot, MainWindow.Screen.RUN, "run-flame");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        save(robot, MainWindow.Screen.RUN, "run-advisor");
        robot.interact(() -> tabs.getSelectionModel().select(0));
        save(robot, MainWindow.Screen.DASHBOARD, "dashboard");
        robot.clickOn("#nav-scaling");
        TextField threads = robot.lookup("#sweepThreads").queryAs(TextField.class);
        robot.doubleClickOn(threads).eraseText(20).write("1,2");
        robot.clickOn("#runSweep");
        TableView<?> table = robot.lookup("#sweepTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        save(robot, MainWindow.Screen.SCALING, "scaling");
        robot.clickOn("#nav-history");
        TableView<?> history = robot.lookup("#historyTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        robot.interact(() -> history.getSelectionModel().selectAll());
        robot.clickOn("#historyOpen");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#historyPercentiles").queryAs(javafx.scene.chart.LineChart.class).getData().isEmpty());
        save(robot, MainWindow.Screen.HISTORY, "history");
        robot.clickOn("#nav-export");
        robot.clickOn("#exportGenerate");
        javafx.scene.control.TabPane previews = robot.lookup("#exportPreviews").queryAs(javafx.scene.control.TabPane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> previews.getTabs().size() >= 10);
        save(robot, MainWindow.Screen.EXPORT, "export");
        robot.clickOn("#nav-profiles");
        robot.clickOn("latency");
        WaitForAsyncUtils.waitForFxEvents();
        save(robot, MainWindow.Screen.PROFILES, "profiles");
        robot.clickOn("#theme");
        assertTrue(Theme.DARK.isApplied(), "the toggle applies the dark theme");
        save(robot, MainWindow.Screen.RUN, "run-dark");
        robot.clickOn("#theme");
        assertTrue(Theme.LIGHT.isApplied(), "and back");
    }

    private void save(FxRobot robot, MainWindow.Screen screen, String name) throws Exception {
        robot.interact(() -> window.show(screen));
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> image[0] = SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".png");
        ImageIO.write(image[0], "png", file.toFile());
        assertEquals(1280, image[0].getWidth());
        assertEquals(800, image[0].getHeight());
        assertTrue(Files.size(file) > 10_000, file + " holds a real picture");
    }
}
