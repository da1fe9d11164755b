package io.nexus.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.nexus.bench.GuideTargets;
import io.nexus.ui.FxThread;
import io.nexus.ui.FxTicker;
import io.nexus.ui.Styles;
import java.time.Duration;
import java.util.function.DoubleFunction;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.layout.FlowPane;

/**
 * The Dashboard: TilesFX tiles for the guide's key metrics, live during a run, the machine's facts, and a
 * panel that calibrates what this machine can measure.
 */
public final class DashboardView {
    private static final double TILE = 220;
    /** What a tile shows while there is no figure. */
    static final String NO_VALUE = "—";
    private final FlowPane root = new FlowPane(12, 12);

    public DashboardView(DashboardViewModel model, CalibrationViewModel calibration) {
        FxThread.require();
        root.getStyleClass().add(Styles.SCREEN);
        root.setId("dashboard");
        root.getChildren().addAll(
                scaled("throughput", "Throughput", model.throughputProperty(), DashboardViewModel.Scaled::rate, model,
                        model.throughputTargetProperty(), model.throughputMetProperty()),
                scaled("p99", "p99 latency", model.p99NanosProperty(), DashboardViewModel.Scaled::nanos, model,
                        model.p99TargetProperty(), model.p99MetProperty()),
                number("errors", "Error rate", "%", model.errorRatePercentProperty(), model, "guide: < 0.01 %", 4),
                number("queue", "Queue depth", "ops", model.queueDepthProperty(), model, "at most window x threads", 0),
                gauge("cpu", "CPU", model.cpuPercentProperty()),
                number("heap", "Heap in use", "MiB", model.heapMibProperty(), model, "", 0),
                machine(model),
                activity(model),
                calibration(calibration));
    }

    /** What the process is measuring, read twice a second. */
    private static Node activity(DashboardViewModel model) {
        Label label = new Label();
        label.setId("activity");
        label.setPrefWidth(4 * TILE + 36);
        label.textProperty().bind(model.activityProperty());
        FxTicker.whileShowing(label, Duration.ofMillis(500), model::refreshActivity);
        return label;
    }

    public Node node() {
        return root;
    }

    /** A tile of a figure in a fixed unit; "—" until a run is shown. */
    private static Tile number(String id, String title, String unit, DoubleProperty value, DashboardViewModel model, String description,
                               int decimals) {
        Tile tile = tile(title).decimals(decimals).build();
        tile.setId(id);
        tile.setUnit(unit);
        tile.setDescription(description);
        whileShown(tile, value, () -> tile.setValue(value.get()));
        idle(tile, model);
        return tile;
    }

    /**
     * A tile of a figure scaled to its size (178 Mops/s, 4.00 ns), coloured green where it meets the guide's target for the
     * workload and red where it misses it; "—" until a run is shown.
     */
    private static Tile scaled(String id, String title, DoubleProperty value, DoubleFunction<DashboardViewModel.Scaled> scale,
                               DashboardViewModel model, StringProperty target, ObjectProperty<Boolean> met) {
        Tile tile = tile(title).decimals(2).build();
        tile.setId(id);
        whileShown(tile, value, () -> {
            DashboardViewModel.Scaled shown = scale.apply(value.get());
            tile.setUnit(shown.unit());
            tile.setDecimals(shown.decimals());
            tile.setValue(shown.value());
        });
        tile.descriptionProperty().bind(target);
        met.subscribe(ok -> tile.setValueColor(ok == null ? Tile.FOREGROUND : ok ? Tile.GREEN : Tile.RED));
        idle(tile, model);
        return tile;
    }

    /**
     * Applies {@code value} to {@code tile} when it changes while the tile is in a window, and when the tile comes back
     * into one: a screen that is not shown redraws nothing while a run is drawn elsewhere.
     */
    private static void whileShown(Tile tile, DoubleProperty value, Runnable apply) {
        value.subscribe(v -> {
            if (tile.getScene() != null) {
                apply.run();
            }
        });
        tile.sceneProperty().subscribe(scene -> {
            if (scene != null) {
                apply.run();
            }
        });
    }

    private static TileBuilder<?> tile(String title) {
        return TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(TILE, TILE).title(title);
    }

    /** Shows "—" in place of the value until the first figures arrive. */
    private static void idle(Tile tile, DashboardViewModel model) {
        tile.setText(NO_VALUE);
        model.shownProperty().subscribe(shown -> {
            tile.setValueVisible(shown);
            tile.setTextVisible(!shown);
        });
    }

    private static Tile gauge(String id, String title, DoubleProperty value) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.GAUGE).prefSize(TILE, TILE).title(title).unit("%")
                .minValue(0).maxValue(100).threshold(GuideTargets.CPU_PERCENT).thresholdVisible(true)
                .description("guide: ~75 % balances latency").build();
        tile.setId(id);
        whileShown(tile, value, () -> tile.setValue(value.get()));
        return tile;
    }

    private static Node calibration(CalibrationViewModel model) {
        Button start = new Button("Calibrate this machine");
        start.setId("calibrate");
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.calibrate());
        Label status = new Label();
        status.getStyleClass().add(Styles.NOTE);
        status.textProperty().bind(model.statusProperty());
        TextArea report = new TextArea();
        report.setId("calibration");
        report.setEditable(false);
        report.setWrapText(true);
        report.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        report.setPrefSize(4 * TILE + 36, 1.3 * TILE);
        report.textProperty().bind(model.reportProperty());
        VBox panel = new VBox(6, new HBox(12, start, status), report);
        panel.setPrefWidth(4 * TILE + 36);
        return panel;
    }

    private static Tile machine(DashboardViewModel model) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.TEXT).prefSize(2 * TILE + 12, TILE).title("Machine")
                .textVisible(true).build();
        tile.setId("machine");
        tile.descriptionProperty().bind(model.machineProperty());
        return tile;
    }
}
