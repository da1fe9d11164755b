package io.nexus.ui.run;

import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.workload.Workloads;
import io.nexus.ui.Charts;
import io.nexus.ui.FileChoosers;
import io.nexus.ui.Forms;
import io.nexus.ui.FxThread;
import io.nexus.ui.Icons;
import io.nexus.ui.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.IntegerStringConverter;
import javafx.util.converter.LongStringConverter;
import javafx.util.converter.NumberStringConverter;

/**
 * The Run screen: the run form with Start and Stop, a progress bar, live throughput and latency charts
 * fed four times a second, and at the end a summary and the percentile distribution. Built in code; all
 * state lives in the {@link RunViewModel}.
 */
public final class RunView {
    /** How often the view pulls new samples and redraws. */
    static final Duration TICK = Duration.millis(250);

    private final RunViewModel model;
    private final XYChart.Series<Number, Number> throughput = Charts.series("ops/s");
    private final XYChart.Series<Number, Number> p50 = Charts.series("p50");
    private final XYChart.Series<Number, Number> p99 = Charts.series("p99");
    private final XYChart.Series<Number, Number> p999 = Charts.series("p99.9");
    private final LineChart<Number, Number> percentiles = Charts.percentileChart("Latency by percentile (response time)");
    private final GridPane summary = new GridPane();
    private final Node root;

    public RunView(RunViewModel model) {
        FxThread.require();
        this.model = model;
        this.root = build();
        model.live().samples().addListener((ListChangeListener<Sample>) change -> {
            List<Sample> added = new ArrayList<>();
            while (change.next()) {
                if (change.wasRemoved() && model.live().samples().isEmpty()) {
                    clearCharts();
                }
                added.addAll(change.getAddedSubList());
            }
            plot(added);
        });
        model.live().resultProperty().addListener((obs, old, result) -> showResult(result));
        Timeline timer = new Timeline(new KeyFrame(TICK, e -> model.pollSamples()));
        timer.setCycleCount(Animation.INDEFINITE);
        timer.play();
    }

    /** @return the screen's root node */
    public Node node() {
        return root;
    }

    private Node build() {
        GridPane form = Forms.grid();
        ChoiceBox<String> workload = new ChoiceBox<>(FXCollections.observableArrayList(Workloads.names()));
        workload.setId("workload");
        workload.valueProperty().bindBidirectional(model.workloadProperty());
        Forms.row(form, "Workload", workload);
        ChoiceBox<RunMode> mode = new ChoiceBox<>(FXCollections.observableArrayList(RunMode.values()));
        mode.setId("mode");
        mode.valueProperty().bindBidirectional(model.modeProperty());
        Forms.row(form, "Mode", mode);
        Forms.row(form, "Threads", Forms.numberField(model.threadsProperty().asObject(), new IntegerStringConverter(), "threads"));
        Forms.row(form, "Warm-up (s)", Forms.numberField(model.warmupSecondsProperty().asObject(), new DoubleStringConverter(), "warmup"));
        Forms.row(form, "Duration (s)", Forms.numberField(model.durationSecondsProperty().asObject(), new DoubleStringConverter(), "duration"));
        Forms.row(form, "Ops per thread", Forms.numberField(model.opsPerThreadProperty().asObject(), new LongStringConverter(), "opsPerThread"));
        Forms.row(form, "Bursts", Forms.numberField(model.burstsProperty().asObject(), new IntegerStringConverter(), "bursts"));
        Forms.row(form, "Rate (ops/s)", Forms.numberField(model.rateProperty().asObject(), new DoubleStringConverter(), "rate"));
        Forms.row(form, "Size", Forms.numberField(model.sizeProperty().asObject(), new IntegerStringConverter(), "size"));
        Forms.row(form, "Batch (0: profile's)", Forms.numberField(model.batchProperty().asObject(), new IntegerStringConverter(), "batch"));
        Forms.row(form, "Window (0: profile's)", Forms.numberField(model.windowProperty().asObject(), new IntegerStringConverter(), "window"));
        ChoiceBox<String> profile = new ChoiceBox<>(FXCollections.observableArrayList(model.profileNames()));
        profile.setId("profile");
        profile.setOnShowing(e -> profile.getItems().setAll(model.profileNames()));
        profile.valueProperty().bindBidirectional(model.profileProperty());
        Forms.row(form, "Profile", profile);

        Button start = new Button("Start", Icons.START.node(16));
        start.setId("start");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop", Icons.STOP.node(16));
        stop.setId("stop");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Button report = new Button("Export report…");
        report.setId("runReport");
        report.disableProperty().bind(model.live().resultProperty().isNull().or(model.runningProperty()));
        report.setOnAction(e -> FileChoosers.saveAs(report, "Export an HTML report of this run",
                "nexus-report-" + model.live().resultProperty().get().id().substring(0, 8) + ".html", "HTML report", "html")
                .ifPresent(model::exportReport));
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label timeLeft = new Label();
        timeLeft.textProperty().bind(model.timeLeftProperty());
        Label status = new Label();
        status.setId("status");
        status.setWrapText(true);
        status.textProperty().bind(model.messageProperty());
        status.getStyleClass().add(Styles.NOTE);
        VBox controls = new VBox(8, form, new HBox(8, start, stop, report), progress, timeLeft, status);
        controls.setPrefWidth(320);
        controls.setMinWidth(320);

        LineChart<Number, Number> throughputChart = Charts.lines("Throughput", "seconds", "ops/s");
        throughputChart.setId("throughputChart");
        throughputChart.getData().add(throughput);
        throughputChart.setLegendVisible(false);
        LineChart<Number, Number> latencyChart = Charts.lines("Response time", "seconds", "µs");
        latencyChart.setId("latencyChart");
        latencyChart.getData().addAll(List.of(p50, p99, p999));
        percentiles.setId("percentileChart");
        summary.setId("summary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.setHgap(16);
        summary.setVgap(4);
        summary.setVisible(false);
        VBox charts = new VBox(8, throughputChart, latencyChart, summary, percentiles);
        VBox.setVgrow(throughputChart, Priority.ALWAYS);
        VBox.setVgrow(latencyChart, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setId("runScroll");
        scroll.setFitToWidth(true);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        HBox screen = new HBox(16, controls, scroll);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    private void clearCharts() {
        for (XYChart.Series<Number, Number> s : List.of(throughput, p50, p99, p999)) {
            s.getData().clear();
        }
        percentiles.getData().clear();
        summary.setVisible(false);
    }

    /** Adds a batch of samples to the charts: one layout pass per tick, not one per point. */
    private void plot(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<XYChart.Data<Number, Number>> t = new ArrayList<>();
        List<XYChart.Data<Number, Number>> a = new ArrayList<>();
        List<XYChart.Data<Number, Number>> b = new ArrayList<>();
        List<XYChart.Data<Number, Number>> c = new ArrayList<>();
        for (Sample s : samples) {
            double x = s.elapsedNanos() / 1e9;
            t.add(new XYChart.Data<>(x, s.opsPerSecond()));
            a.add(new XYChart.Data<>(x, s.latency().p50() / 1000.0));
            b.add(new XYChart.Data<>(x, s.latency().p99() / 1000.0));
            c.add(new XYChart.Data<>(x, s.latency().p999() / 1000.0));
        }
        throughput.getData().addAll(t);
        p50.getData().addAll(a);
        p99.getData().addAll(b);
        p999.getData().addAll(c);
    }

    private void showResult(RunResult r) {
        summary.getChildren().clear();
        if (r == null) {
            summary.setVisible(false);
            return;
        }
        NumberStringConverter ops = new NumberStringConverter(Locale.ROOT, "#,##0");
        int row = 0;
        row = line(row, "Status", r.status().name() + r.failure().map(f -> " (" + f + ")").orElse(""));
        row = line(row, "Throughput", ops.toString(r.opsPerSecond()) + " ops/s"
                + (r.gflops() > 0 ? String.format(Locale.ROOT, "  (%.2f GFLOP/s)", r.gflops()) : ""));
        row = line(row, "Ops measured", ops.toString(r.ops()) + " in " + String.format(Locale.ROOT, "%.2f s", r.measuredSeconds())
                + ", " + r.errors() + " errors");
        row = line(row, "Response p50 / p99 / p99.9 / max", micros(r.response().p50()) + " / " + micros(r.response().p99()) + " / "
                + micros(r.response().p999()) + " / " + micros(r.response().max()));
        row = line(row, "Service p50 / p99", micros(r.service().p50()) + " / " + micros(r.service().p99()));
        r.rate().ifPresent(rate -> line(summary.getRowCount(), "Rate", String.format(Locale.ROOT, "target %,.0f, achieved %,.0f ops/s%s",
                rate.targetRate(), rate.achievedRate(), rate.saturated() ? " - SATURATED" : "")));
        for (String note : r.notes()) {
            line(summary.getRowCount(), "", note);
        }
        summary.setVisible(true);
        percentiles.getData().setAll(List.of(Charts.percentileSeries("response", r.responseHistogram()),
                Charts.percentileSeries("service", r.serviceHistogram())));
    }

    private int line(int row, String name, String value) {
        Label v = new Label(value);
        v.getStyleClass().add(Styles.SUMMARY_VALUE);
        v.setWrapText(true);
        Label n = new Label(name);
        n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        summary.addRow(row, n, v);
        return row + 1;
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1000.0);
    }
}
