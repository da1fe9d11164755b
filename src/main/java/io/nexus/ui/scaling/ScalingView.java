package io.nexus.ui.scaling;

import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.SweepPoint;
import io.nexus.engine.workload.Workloads;
import io.nexus.ui.Charts;
import io.nexus.ui.Forms;
import io.nexus.ui.FxThread;
import io.nexus.ui.Icons;
import io.nexus.ui.Styles;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.converter.DoubleStringConverter;

/** The Scaling screen: throughput against threads with the ideal line and the guide's profile, and a point table. */
public final class ScalingView {
    private final ScalingViewModel model;
    private final XYChart.Series<Number, Number> measured = Charts.series("measured");
    private final XYChart.Series<Number, Number> ideal = Charts.series("ideal (linear)");
    private final XYChart.Series<Number, Number> guide = Charts.series("guide's profile");
    private final XYChart.Series<Number, Number> fitted = Charts.series("USL model");
    private final Label modelText = new Label();
    private final Node root;

    public ScalingView(ScalingViewModel model) {
        FxThread.require();
        this.model = model;
        this.root = build();
        model.points().addListener((ListChangeListener<SweepPoint>) c -> redraw());
    }

    public Node node() {
        return root;
    }

    private Node build() {
        GridPane form = Forms.grid();
        ChoiceBox<String> workload = new ChoiceBox<>(FXCollections.observableArrayList(Workloads.names()));
        workload.setId("sweepWorkload");
        workload.valueProperty().bindBidirectional(model.workloadProperty());
        Forms.row(form, "Workload", workload);
        TextField threads = new TextField();
        threads.setId("sweepThreads");
        threads.textProperty().bindBidirectional(model.threadsProperty());
        Forms.row(form, "Threads", threads);
        Forms.row(form, "Warm-up (s)", Forms.numberField(model.warmupSecondsProperty().asObject(), new DoubleStringConverter(), "sweepWarmup"));
        Forms.row(form, "Per point (s)", Forms.numberField(model.durationSecondsProperty().asObject(), new DoubleStringConverter(), "sweepDuration"));
        Button run = new Button("Run sweep", Icons.START.node(16));
        run.setId("runSweep");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button stop = new Button("Stop", Icons.STOP.node(16));
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Label message = new Label();
        message.setId("sweepMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox controls = new VBox(8, form, new HBox(8, run, stop), message);
        controls.setPrefWidth(300);
        controls.setMinWidth(280);

        LineChart<Number, Number> chart = Charts.lines("Throughput by threads", "threads", "ops/s");
        chart.setId("scalingChart");
        chart.setCreateSymbols(true);
        chart.getData().addAll(List.of(measured, ideal, guide, fitted));
        TableView<SweepPoint> table = new TableView<>(model.points());
        table.setId("sweepTable");
        table.getColumns().add(column("threads", p -> Integer.toString(p.threads())));
        table.getColumns().add(column("ops/s", p -> String.format(Locale.ROOT, "%,.0f", p.result().opsPerSecond())));
        table.getColumns().add(column("speedup", p -> String.format(Locale.ROOT, "%.2fx", p.speedup())));
        table.getColumns().add(column("efficiency", p -> String.format(Locale.ROOT, "%.1f %%", p.efficiency() * 100)));
        table.getColumns().add(column("guide", p -> ScalingViewModel.guideSpeedup(p.threads()).stream()
                .mapToObj(s -> String.format(Locale.ROOT, "%.2fx", s)).findFirst().orElse("-")));
        table.getColumns().add(column("p99", p -> String.format(Locale.ROOT, "%.2f µs", p.result().response().p99() / 1000.0)));
        table.setPrefHeight(180);
        Label note = new Label("Speedup is against the sweep's smallest thread count. The guide's profile (3.8x at 4 threads, "
                + "25x at 32) is drawn from the same 1-thread throughput; on a machine with fewer cores than threads no curve can follow it.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.NOTE);
        modelText.setId("scalingModel");
        modelText.setWrapText(true);
        VBox right = new VBox(8, chart, table, modelText, note);
        VBox.setVgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox screen = new HBox(16, controls, right);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    private static TableColumn<SweepPoint, String> column(String name, java.util.function.Function<SweepPoint, String> text) {
        TableColumn<SweepPoint, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private void redraw() {
        List<SweepPoint> points = model.points();
        if (points.isEmpty()) {
            measured.getData().clear();
            ideal.getData().clear();
            guide.getData().clear();
            fitted.getData().clear();
            modelText.setText("");
            return;
        }
        SweepPoint base = points.getFirst();
        double perThread = base.result().opsPerSecond() / base.threads();
        List<Integer> range = ScalingViewModel.modelRange(points);
        measured.getData().setAll(points.stream().map(p -> new XYChart.Data<Number, Number>(p.threads(), p.result().opsPerSecond())).toList());
        ideal.getData().setAll(range.stream().map(n -> new XYChart.Data<Number, Number>(n, perThread * n)).toList());
        guide.getData().setAll(range.stream().filter(n -> ScalingViewModel.guideSpeedup(n).isPresent())
                .map(n -> new XYChart.Data<Number, Number>(n, perThread * ScalingViewModel.guideSpeedup(n).getAsDouble())).toList());
        java.util.Optional<ScalabilityModel> model = ScalabilityModel.fit(points);
        fitted.getData().setAll(model.map(m -> range.stream().map(n -> new XYChart.Data<Number, Number>(n, m.throughput(n))).toList()).orElse(List.of()));
        modelText.setText(ScalabilityModel.summary(points));
    }
}
