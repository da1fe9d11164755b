package io.nexus.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.nexus.ui.FxThread;
import io.nexus.ui.Styles;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.scene.layout.FlowPane;

/**
 * The Dashboard: TilesFX tiles for the guide's key metrics, live during a run, the machine's facts, and a
 * panel that calibrates what this machine can measure.
 */
public final class DashboardView {
    private static final double TILE = 220;
    private final FlowPane root = new FlowPane(12, 12);

    public DashboardView(DashboardViewModel model, CalibrationViewModel calibration) {
        FxThread.require();
        root.getStyleClass().add(Styles.SCREEN);
        root.setId("dashboard");
        root.getChildren().addAll(
                number("throughput", "Throughput", "ops/s", model.throughputProperty(), model.throughputTargetProperty(), 0),
                number("p99", "p99 latency", "µs", model.p99MicrosProperty(), model.p99TargetProperty(), 2),
                number("errors", "Error rate", "%", model.errorRatePercentProperty(), null, 4),
                number("queue", "Queue depth", "ops", model.queueDepthProperty(), null, 0),
                gauge("cpu", "CPU", model.cpuPercentProperty()),
                number("heap", "Heap in use", "MiB", model.heapMibProperty(), null, 0),
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
        Timeline refresh = new Timeline(new KeyFrame(Duration.millis(500), e -> model.refreshActivity()));
        refresh.setCycleCount(Animation.INDEFINITE);
        refresh.play();
        model.refreshActivity();
        return label;
    }

    public Node node() {
        return root;
    }

    private static Tile number(String id, String title, String unit, DoubleProperty value, StringProperty target, int decimals) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(TILE, TILE).title(title).unit(unit)
                .decimals(decimals).build();
        tile.setId(id);
        value.addListener((obs, old, v) -> tile.setValue(v.doubleValue()));
        if (target != null) {
            tile.descriptionProperty().bind(target);
        } else if (id.equals("errors")) {
            tile.setDescription("guide: < 0.01 %");
        } else if (id.equals("queue")) {
            tile.setDescription("at most window x threads");
        }
        return tile;
    }

    private static Tile gauge(String id, String title, DoubleProperty value) {
        Tile tile = TileBuilder.create().skinType(Tile.SkinType.GAUGE).prefSize(TILE, TILE).title(title).unit("%")
                .minValue(0).maxValue(100).threshold(GuideTargets.CPU_PERCENT).thresholdVisible(true)
                .description("guide: ~75 % balances latency").build();
        tile.setId(id);
        value.addListener((obs, old, v) -> tile.setValue(v.doubleValue()));
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
