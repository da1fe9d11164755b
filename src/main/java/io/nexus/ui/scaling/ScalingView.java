package io.nexus.ui.scaling;

import io.nexus.bench.Units;
import io.nexus.bench.ScalabilityModel;
import io.nexus.ui.advice.AdviceView;
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
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.IntegerStringConverter;

/**
 * The Scaling screen: throughput against threads (whole-number ticks; points with more threads than CPUs drawn
 * apart and marked in the table) with the ideal line, the guide's profile and the USL model, a point table,
 * and the sweep's progress: point k of n and the time left. The profile and size are chosen in the form.
 */
public final class ScalingView {
    private final ScalingViewModel model;
    private final XYChart.Series<Number, Number> measured = Charts.series("measured");
    private final XYChart.Series<Number, Number> oversubscribed = Charts.series("measured, more threads than CPUs ("
            + Runtime.getRuntime().availableProcessors() + ")");
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
        Forms.row(form, "Size (0: default)", Forms.numberField(model.sizeProperty().asObject(), new IntegerStringConverter(), "sweepSize"));
        ChoiceBox<String> profile = new ChoiceBox<>(FXCollections.observableArrayList(model.profileNames()));
        profile.setId("sweepProfile");
        profile.setOnShowing(e -> profile.getItems().setAll(model.profileNames()));
        profile.valueProperty().bindBidirectional(model.profileProperty());
        Forms.row(form, "Profile", profile);
        Button run = new Button("Run sweep", Icons.START.node(16));
        run.setId("runSweep");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button stop = new Button("Stop", Icons.STOP.node(16));
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        ProgressBar progress = new ProgressBar();
        progress.setId("sweepProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        Label progressText = new Label();
        progressText.setId("sweepProgressText");
        progressText.textProperty().bind(model.progressTextProperty());
        Label message = new Label();
        message.setId("sweepMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox controls = new VBox(8, form, new HBox(8, run, stop), progress, progressText, message);
        controls.setPrefWidth(300);
        controls.setMinWidth(280);

        LineChart<Number, Number> chart = Charts.lines("Throughput by threads", "threads", "ops/s");
        chart.setId("scalingChart");
        chart.setCreateSymbols(true);
        chart.getData().addAll(List.of(measured, oversubscribed, ideal, guide, fitted));
        NumberAxis threadsAxis = (NumberAxis) chart.getXAxis();
        threadsAxis.setMinorTickVisible(false);
        threadsAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        TableView<SweepPoint> table = new TableView<>(model.points());
        table.setId("sweepTable");
        table.getColumns().add(column("threads", p -> Integer.toString(p.threads())));
        table.getColumns().add(column("ops/s", p -> Units.rate(p.result().opsPerSecond())));
        table.getColumns().add(column("speedup", p -> String.format(Locale.ROOT, "%.2fx", p.speedup())));
        table.getColumns().add(column("efficiency", p -> String.format(Locale.ROOT, "%.1f %%", p.efficiency() * 100)));
        table.getColumns().add(column("guide", p -> ScalingViewModel.guideSpeedup(p.threads()).stream()
                .mapToObj(s -> String.format(Locale.ROOT, "%.2fx", s)).findFirst().orElse("-")));
        table.getColumns().add(column("p99", p -> Units.nanos(p.result().response().p99())));
        table.getColumns().add(column("", p -> model.oversubscribed(p.threads()) ? "oversubscribed: more threads than CPUs" : ""));
        table.setPrefHeight(180);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label note = new Label("Speedup is against the sweep's smallest thread count. The guide's profile (3.8x at 4 threads, "
                + "25x at 32) is drawn from the same 1-thread throughput; on a machine with fewer cores than threads no curve can follow it.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.NOTE);
        modelText.setId("scalingModel");
        modelText.setWrapText(true);
        TabPane below = new TabPane(new Tab("Points", table), new AdviceView(model.advice()).tab());
        below.setId("scalingTabs");
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        below.setPrefHeight(220);
        VBox right = new VBox(8, chart, below, modelText, note);
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
            oversubscribed.getData().clear();
            ideal.getData().clear();
            guide.getData().clear();
            fitted.getData().clear();
            modelText.setText("");
            return;
        }
        SweepPoint base = points.getFirst();
        double perThread = base.result().opsPerSecond() / base.threads();
        List<Integer> range = ScalingViewModel.modelRange(points);
        measured.getData().setAll(points.stream().filter(p -> !model.oversubscribed(p.threads()))
                .map(p -> new XYChart.Data<Number, Number>(p.threads(), p.result().opsPerSecond())).toList());
        oversubscribed.getData().setAll(points.stream().filter(p -> model.oversubscribed(p.threads()))
                .map(p -> new XYChart.Data<Number, Number>(p.threads(), p.result().opsPerSecond())).toList());
        ideal.getData().setAll(range.stream().map(n -> new XYChart.Data<Number, Number>(n, perThread * n)).toList());
        guide.getData().setAll(range.stream().filter(n -> ScalingViewModel.guideSpeedup(n).isPresent())
                .map(n -> new XYChart.Data<Number, Number>(n, perThread * ScalingViewModel.guideSpeedup(n).getAsDouble())).toList());
        java.util.Optional<ScalabilityModel> model = ScalabilityModel.fit(points);
        fitted.getData().setAll(model.map(m -> range.stream().map(n -> new XYChart.Data<Number, Number>(n, m.throughput(n))).toList()).orElse(List.of()));
        modelText.setText(ScalabilityModel.summary(points));
    }
}
