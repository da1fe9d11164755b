package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.bench.RunStatus;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on JavaFX's headless platform, driven as an operator drives it. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {
    @TempDir
    static Path profiles;

    private BackgroundExecutor background;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        for (Path p : io.nexus.profile.ProfileFiles.list(Path.of("profiles"))) {
            Files.copy(p, profiles.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        background = BackgroundExecutor.threads("test-background", 2);
        window = TestWindow.show(stage, profiles, background);
    }

    @AfterEach
    void stopBackground() {
        background.close();
    }

    /** Waits for {@code condition}, evaluated on the UI thread: its lookups never race the scene graph changing under a run. */
    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void replace(FxRobot robot, String id, String text) {
        robot.doubleClickOn(id).eraseText(12).write(text).type(KeyCode.TAB);
    }

    private static int points(LineChart<?, ?> chart) {
        return chart.getData().stream().mapToInt(s -> s.getData().size()).sum();
    }

    @Test
    void aTwoSecondXorRunFeedsTheChartsAndEndsWithASummary(FxRobot robot) throws Exception {
        robot.clickOn("#nav-run");
        replace(robot, "#warmup", "0.5");
        replace(robot, "#duration", "2");
        robot.clickOn("#start");
        LineChart<?, ?> throughput = robot.lookup("#throughputChart").queryAs(LineChart.class);
        LineChart<?, ?> latency = robot.lookup("#latencyChart").queryAs(LineChart.class);
        waitFor(10, () -> points(throughput) >= 2 && window.live().runningProperty().get());
        assertTrue(points(latency) >= 6, "p50, p99 and p99.9 each got points while running");
        assertEquals(2.0, ((NumberAxis) throughput.getXAxis()).getUpperBound(), "the time axis spans the 2 s planned from the start");
        waitFor(20, () -> robot.lookup("#summary").query().isVisible());
        assertEquals(RunStatus.COMPLETED, window.live().resultProperty().get().status());
        assertTrue(points(throughput) >= 7, "about 8 samples at 4 per second: " + points(throughput));
        LiveChartTest.assertEveryPointInView(throughput);
        LiveChartTest.assertEveryPointInView(latency);
        String summary = robot.lookup("#summary").queryAll().toString();
        assertTrue(robot.lookup("#summary .label").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().contains("ops/s")), summary);
        assertTrue(points(robot.lookup("#percentileChart").queryAs(LineChart.class)) > 10, "percentile distribution drawn");
    }

    @Test
    void theRunFormDisablesWhatTheModeIgnoresMarksRefusedValuesAndIgnoresEnter(FxRobot robot) throws Exception {
        robot.clickOn("#nav-run");
        assertTrue(robot.lookup("#rate").query().isDisabled() && robot.lookup("#bursts").query().isDisabled(), "a benchmark has no rate or bursts");
        robot.clickOn("#mode").clickOn("Constant rate (open loop)");
        assertFalse(robot.lookup("#rate").query().isDisabled(), "a constant-rate run takes a rate");
        assertTrue(robot.lookup("#opsPerThread").query().isDisabled());
        assertTrue(robot.lookup("#url").query().isDisabled(), "only http has a URL");
        robot.clickOn("#workload").clickOn("http");
        assertFalse(robot.lookup("#url").query().isDisabled(), "http takes a URL");
        // back by the value: the headless platform cannot draw a popup that opens above the screen's top, as this one would
        robot.interact(() -> ((javafx.scene.control.ChoiceBox<?>) robot.lookup("#workload").query()).getSelectionModel().selectFirst());
        robot.clickOn("#mode").clickOn("Benchmark (closed loop)");
        replace(robot, "#warmup", "0");
        replace(robot, "#duration", "0.3");
        Node threads = robot.lookup("#threads").query();
        robot.doubleClickOn(threads).eraseText(10).write("1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", robot.lookup("#status").queryAs(Label.class).getText(), "Enter commits the field and does not start a run");
        robot.doubleClickOn(threads).eraseText(10).write("2");
        robot.clickOn("#start"); // the typed 2 is committed by Start, not only by leaving the field
        waitFor(10, () -> window.live().resultProperty().get() != null);
        var first = window.live().resultProperty().get();
        assertEquals(2, first.spec().threads());
        robot.doubleClickOn(threads).eraseText(10).write("0");
        waitFor(10, () -> !robot.lookup("#start").query().isDisabled()); // the form takes a run once the last is saved
        robot.clickOn("#start");
        waitFor(10, () -> threads.getPseudoClassStates().contains(PseudoClass.getPseudoClass("invalid")));
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("not started: --threads"));
        assertEquals(first, window.live().resultProperty().get(), "the last result stays");
    }

    @Test
    void anIdleWindowLetsTheToolkitRest(FxRobot robot) throws Exception {
        AtomicInteger pulses = new AtomicInteger();
        robot.interact(() -> window.root().getScene().addPostLayoutPulseListener(pulses::incrementAndGet));
        robot.clickOn("#nav-run");
        replace(robot, "#warmup", "0.5");
        robot.interact(() -> robot.lookup("#workload").<ChoiceBox<String>>query().setValue("matrix")); // sets the size from code
        for (MainWindow.Screen screen : MainWindow.Screen.values()) {
            robot.interact(() -> window.show(screen)); // not clicked: a pointer resting on a button starts its tooltip's timer
            waitFor(10, () -> window.root().lookupAll(".progress-indicator").stream().noneMatch(Node::isVisible)); // loading: a spinner turns
            // An animation playing (a Timeline as a timer) pulses the scene 60 times a second, about 36 times in 0.6 s, for
            // as long as it plays; a tooltip's timers (global, maybe the last test's) play for a few seconds.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int seen;
            do {
                pulses.set(0);
                awaitTicks(robot, 6);
                seen = pulses.get();
            } while (seen > 4 && System.nanoTime() < giveUp);
            assertTrue(seen <= 4, screen + ": still " + seen + " pulses in 0.6 s with nothing changing, after 15 s");
        }
    }

    /** Waits for {@code n} ticks of 100 ms on the UI thread. */
    private static void awaitTicks(FxRobot robot, int n) throws InterruptedException {
        CountDownLatch ticks = new CountDownLatch(n);
        FxTicker clock = new FxTicker(Duration.ofMillis(100), ticks::countDown);
        clock.start();
        try {
            assertTrue(ticks.await(10, TimeUnit.SECONDS));
        } finally {
            robot.interact(clock::stop);
        }
    }

    @Test
    void theDashboardsTilesHoldTheirWidestFigures(FxRobot robot) {
        robot.clickOn("#nav-dashboard");
        robot.interact(() -> { // the widest figures each tile shows: 999 Mops/s, a p99 of 999 µs
            window.live().workloadProperty().set("xor");
            window.live().samples().add(new Sample(1_000_000_000, 1_000_000_000, 999_400_000, 999.4e6,
                    new LatencySummary(999_400_000, 500, 400, 450, 999_400, 999_400, 999_400, 999_400), 0, 0, 0, 0.999, 0, 0, Map.of()));
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#throughput", "#p99", "#errors", "#queue", "#heap")) {
            Region tile = robot.lookup(id).queryAs(Region.class);
            Bounds box = tile.localToScene(tile.getLayoutBounds());
            texts(tile).forEach(text -> assertTrue(box.contains(text.localToScene(text.getLayoutBounds())),
                    id + ": '" + text.getText() + "' drawn beyond its tile"));
        }
    }

    /** @return the visible, non-empty texts under {@code node} */
    private static List<Text> texts(Node node) {
        List<Text> texts = new ArrayList<>();
        if (node instanceof Text text && text.isVisible() && !text.getText().isEmpty()) {
            texts.add(text);
        } else if (node instanceof Parent parent && node.isVisible()) {
            parent.getChildrenUnmodifiable().forEach(child -> texts.addAll(texts(child)));
        }
        return texts;
    }

    @Test
    void stoppingMidwayKeepsThePartialResult(FxRobot robot) throws Exception {
        robot.clickOn("#nav-run");
        replace(robot, "#warmup", "0");
        replace(robot, "#duration", "60");
        robot.clickOn("#start");
        LineChart<?, ?> throughput = robot.lookup("#throughputChart").queryAs(LineChart.class);
        waitFor(10, () -> points(throughput) >= 3);
        robot.clickOn("#stop");
        waitFor(10, () -> window.live().resultProperty().get() != null);
        var result = window.live().resultProperty().get();
        assertEquals(RunStatus.CANCELLED, result.status());
        assertTrue(result.ops() > 0 && result.measuredSeconds() < 30);
        assertTrue(robot.lookup("#summary").query().isVisible());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("CANCELLED"));
    }

    @Test
    void editsAreNotThrownAwayOnSwitchingProfiles(FxRobot robot) throws Exception {
        robot.clickOn("#nav-profiles");
        waitFor(5, () -> "default".equals(robot.lookup("#profileList").queryListView().getSelectionModel().getSelectedItem()));
        String before = Files.readString(profiles.resolve("default.toml"));
        Node batch = robot.lookup("#field-queue-batch").query();
        robot.doubleClickOn(batch).eraseText(10).write("32").type(KeyCode.TAB);
        robot.clickOn("latency");
        robot.clickOn("Cancel");
        waitFor(5, () -> "default".equals(robot.lookup("#profileList").queryListView().getSelectionModel().getSelectedItem()));
        assertEquals("32", ((javafx.scene.control.TextField) batch).getText(), "Cancel stays on the edited profile, edits kept");
        robot.clickOn("latency");
        robot.clickOn("Discard");
        waitFor(5, () -> "latency".equals(robot.lookup("#profileList").queryListView().getSelectionModel().getSelectedItem()));
        assertEquals(before, Files.readString(profiles.resolve("default.toml")), "discarded, not written");
        Files.copy(profiles.resolve("latency.toml"), profiles.resolve("copied-outside.toml"));
        waitFor(10, () -> robot.lookup("#profileList").queryListView().getItems().contains("copied-outside"));
        Files.delete(profiles.resolve("copied-outside.toml"));
    }

    @Test
    void anInvalidProfileValueIsFlaggedAndSavingIsRefused(FxRobot robot) throws Exception {
        robot.clickOn("#nav-profiles");
        waitFor(5, () -> !robot.lookup("#profileList").queryListView().getItems().isEmpty());
        robot.clickOn("default");
        waitFor(5, () -> "default".equals(robot.lookup("#profileList").queryListView().getSelectionModel().getSelectedItem()));
        String before = Files.readString(profiles.resolve("default.toml"));
        Node capacity = robot.lookup("#field-queue-capacity").query();
        robot.doubleClickOn(capacity).eraseText(10).write("1000").type(KeyCode.TAB);
        waitFor(5, () -> capacity.getPseudoClassStates().contains(PseudoClass.getPseudoClass("invalid")));
        assertTrue(robot.lookup("#profileErrors").queryAs(Label.class).getText().contains("queue.capacity: must be a power of two"));
        robot.clickOn("#saveProfile");
        waitFor(5, () -> robot.lookup("#profileStatus").queryAs(Label.class).getText().startsWith("not saved"));
        assertEquals(before, Files.readString(profiles.resolve("default.toml")), "the file is untouched");
        robot.doubleClickOn(capacity).eraseText(10).write("1024").type(KeyCode.TAB);
        waitFor(5, () -> !capacity.getPseudoClassStates().contains(PseudoClass.getPseudoClass("invalid")));
        robot.clickOn("#saveProfile");
        waitFor(5, () -> robot.lookup("#profileStatus").queryAs(Label.class).getText().startsWith("saved"));
        assertTrue(Files.readString(profiles.resolve("default.toml")).contains("capacity = 1024"));
        robot.clickOn("latency");
        robot.clickOn("#nav-run");
        assertEquals("latency", robot.lookup("#profile").queryAs(javafx.scene.control.ChoiceBox.class).getValue(),
                "the run form takes the profile chosen in the editor");
    }

    @Test
    void aFourPointSweepDrawsItsPointsAndTheFittedModelPastThem(FxRobot robot) throws Exception {
        robot.clickOn("#nav-scaling");
        TextField threads = robot.lookup("#sweepThreads").queryAs(TextField.class);
        robot.doubleClickOn(threads).eraseText(20).write("1,2,3,4");
        replace(robot, "#sweepWarmup", "0.2");
        replace(robot, "#sweepDuration", "0.3");
        TableView<?> table = robot.lookup("#sweepTable").queryAs(TableView.class);
        Label message = robot.lookup("#sweepMessage").queryAs(Label.class); // looked up before the scene changes under the sweep
        robot.clickOn("#runSweep");
        waitFor(30, () -> table.getItems().size() == 4 && message.getText().startsWith("done"));
        LineChart<?, ?> chart = robot.lookup("#scalingChart").queryAs(LineChart.class);
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(4, cpus), chart.getData().getFirst().getData().size(), "the measured points within the CPUs");
        assertEquals(4 - Math.min(4, cpus), chart.getData().get(1).getData().size(), "and those with more threads than CPUs, apart");
        assertEquals(32, ((Number) chart.getData().get(2).getData().getLast().getXValue()).intValue(), "the ideal line on to the guide's 32");
        assertFalse(chart.getData().get(3).getData().isEmpty(), "the guide's profile drawn");
        assertEquals(32, ((Number) chart.getData().get(4).getData().getLast().getXValue()).intValue(), "the USL model drawn past the measured range");
        String model = robot.lookup("#scalingModel").queryAs(Label.class).getText();
        assertTrue(model.startsWith("USL: lambda"), model);
    }

    @Test
    void aProfiledRunShowsItsFindingsAndFlameGraphAndAFindingsChangeOpensInProfiles(FxRobot robot) throws Exception {
        int crowd = 2 * Runtime.getRuntime().availableProcessors();
        robot.clickOn("#nav-run");
        replace(robot, "#warmup", "0.2");
        replace(robot, "#duration", "1");
        replace(robot, "#threads", String.valueOf(crowd));
        robot.clickOn("#profileRun");
        robot.clickOn("#start");
        waitFor(30, () -> window.live().resultProperty().get() != null && robot.lookup("#runTabs")
                .queryAs(javafx.scene.control.TabPane.class).getTabs().get(1).getText().startsWith("Advisor ("));
        robot.clickOn(robot.lookup(".tab").match(n -> n.lookup(".tab-label") instanceof Label l && l.getText().startsWith("Flame graph"))
                .queryAs(Node.class));
        javafx.scene.canvas.Canvas canvas = robot.lookup("#flameCanvas").queryAs(javafx.scene.canvas.Canvas.class);
        waitFor(5, () -> canvas.getHeight() > 3 * io.nexus.ui.flame.FlameGraphView.ROW);
        robot.clickOn(robot.point(canvas).atPosition(javafx.geometry.Pos.TOP_LEFT).atOffset(new javafx.geometry.Point2D(10, 1.5 * 18)));
        waitFor(5, () -> !robot.lookup("#flameReset").query().isDisabled());
        assertTrue(robot.lookup("#flameHover").queryAs(Label.class).getText().contains("samples"), "hovering names the frame");
        robot.clickOn("#flameSearch").write("Worker");
        waitFor(5, () -> robot.lookup("#flameMatched").queryAs(Label.class).getText().startsWith("matched"));

        robot.clickOn(robot.lookup(".tab").match(n -> n.lookup(".tab-label") instanceof Label l && l.getText().startsWith("Advisor"))
                .queryAs(Node.class));
        waitFor(5, () -> robot.lookup("#finding-threads-over-cores").tryQuery().isPresent());
        String before = Files.readString(profiles.resolve("default.toml"));
        robot.clickOn("#apply-threads-over-cores");
        waitFor(10, () -> robot.lookup("#profileStatus").queryAs(Label.class).getText().contains("proposed by the advisor (threads-over-cores)"));
        assertEquals(String.valueOf(crowd / 2), robot.lookup("#field-threads-count").queryAs(TextField.class).getText(),
                "the editor holds the change, one worker per processor");
        assertTrue(robot.lookup("#profileStatus").queryAs(Label.class).getText().contains("+ count = " + crowd / 2), "with its diff");
        robot.clickOn("#saveProfile");
        waitFor(10, () -> Files.readString(profiles.resolve("default.toml")).contains("count = " + crowd / 2));
        assertTrue(Files.readString(profiles.resolve("default.toml")).startsWith(before.lines().findFirst().orElseThrow()),
                "the operator's file, comments kept");
        Files.writeString(profiles.resolve("default.toml"), before);
    }
}
