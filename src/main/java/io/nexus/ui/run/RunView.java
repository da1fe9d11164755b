package io.nexus.ui.run;

import io.nexus.bench.Units;
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
import io.nexus.ui.advice.AdviceView;
import io.nexus.ui.flame.FlameGraphView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.IntegerStringConverter;
import javafx.util.converter.LongStringConverter;

/**
 * The Run screen: the run form with Start and Stop (fields that do not apply to the mode disabled, refused
 * values marked), a progress bar with the warm-up said, live throughput and latency charts fed once a
 * second, and at the end the summary at the top (per-worker detail folded away) and the percentile
 * distribution. Enter does not start a run. Built in code; all state lives in the {@link RunViewModel}.
 */
public final class RunView {
    /** Most points per live series: a 5-minute run at four samples a second is drawn from 300 of its 1,200. */
    static final int MAX_POINTS = 300;
    /** The start of the engine's per-worker placement notes, folded away under one summary line. */
    private static final String WORKER_NOTE = "worker ";
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass(Styles.INVALID);
    private static final Map<RunMode, String> MODE_NAMES = Map.of(RunMode.BENCHMARK, "Benchmark (closed loop)",
            RunMode.STRESS, "Stress (threads x duration x ops)", RunMode.BURST, "Bursts", RunMode.RATE, "Constant rate (open loop)");

    private final RunViewModel model;
    private final XYChart.Series<Number, Number> throughput = Charts.series("ops/s");
    private final XYChart.Series<Number, Number> p50 = Charts.series("p50");
    private final XYChart.Series<Number, Number> p99 = Charts.series("p99");
    private final XYChart.Series<Number, Number> p999 = Charts.series("p99.9");
    private final LineChart<Number, Number> throughputChart = Charts.live("Throughput", "seconds", "ops/s");
    private final LineChart<Number, Number> latencyChart = Charts.live("Response time", "seconds", "µs");
    private final LineChart<Number, Number> percentiles = Charts.percentileChart("Latency by percentile (response time)");
    private final GridPane summary = new GridPane();
    private final VBox placement = new VBox(2);
    private final TitledPane workers = new TitledPane("", placement);
    /** The form's number fields by the option they set, as the run's validation names them. */
    private final Map<String, TextField> fields = new LinkedHashMap<>();
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
        model.measuredSecondsOfRunProperty().subscribe(seconds -> fitAxes()); // a run's own time axis, even after a run that drew nothing
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
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunMode m) {
                return m == null ? "" : MODE_NAMES.get(m);
            }

            @Override
            public RunMode fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        mode.valueProperty().bindBidirectional(model.modeProperty());
        Forms.row(form, "Mode", mode);
        field(form, "Threads", "--threads", Forms.numberField(model.threadsProperty().asObject(), new IntegerStringConverter(), "threads"));
        field(form, "Warm-up (s)", "--warmup", Forms.numberField(model.warmupSecondsProperty().asObject(), new DoubleStringConverter(), "warmup"));
        field(form, "Duration (s)", "--duration", Forms.numberField(model.durationSecondsProperty().asObject(), new DoubleStringConverter(),
                "duration"));
        TextField ops = field(form, "Ops/thread (0: none)", "--ops-per-thread",
                Forms.numberField(model.opsPerThreadProperty().asObject(), new LongStringConverter(), "opsPerThread"));
        TextField bursts = field(form, "Bursts", "--burst", Forms.numberField(model.burstsProperty().asObject(), new IntegerStringConverter(),
                "bursts"));
        TextField pause = field(form, "Burst pause (s)", "--burst-pause",
                Forms.numberField(model.burstPauseSecondsProperty().asObject(), new DoubleStringConverter(), "burstPause"));
        TextField rate = field(form, "Rate (ops/s)", "--rate", Forms.numberField(model.rateProperty().asObject(), new DoubleStringConverter(), "rate"));
        ops.disableProperty().bind(model.modeProperty().isEqualTo(RunMode.RATE));
        bursts.disableProperty().bind(model.modeProperty().isNotEqualTo(RunMode.BURST));
        pause.disableProperty().bind(model.modeProperty().isNotEqualTo(RunMode.BURST));
        rate.disableProperty().bind(model.modeProperty().isNotEqualTo(RunMode.RATE));
        field(form, "Size", "--size", Forms.numberField(model.sizeProperty().asObject(), new IntegerStringConverter(), "size"));
        TextField url = new TextField();
        url.setId("url");
        url.setPromptText("blank: the engine's own API");
        url.textProperty().bindBidirectional(model.urlProperty());
        url.disableProperty().bind(model.workloadProperty().isNotEqualTo("http"));
        field(form, "URL (http)", "--url", url);
        field(form, "Batch (0: profile)", "--batch", Forms.numberField(model.batchProperty().asObject(), new IntegerStringConverter(), "batch"));
        field(form, "Window (0: profile)", "--window", Forms.numberField(model.windowProperty().asObject(), new IntegerStringConverter(),
                "window"));
        model.invalidOptions().addListener((SetChangeListener<String>) change -> markInvalid());
        ChoiceBox<String> profile = new ChoiceBox<>(FXCollections.observableArrayList(model.profileNames()));
        profile.setId("profile");
        profile.setOnShowing(e -> profile.getItems().setAll(model.profileNames()));
        profile.valueProperty().bindBidirectional(model.profileProperty());
        Forms.row(form, "Profile", profile);

        Button start = new Button("Start", Icons.START.node(16));
        start.setId("start");
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> {
            fields.values().forEach(TextField::commitValue); // what is typed is what runs, focus lost or not
            model.start();
        });
        Button stop = new Button("Stop", Icons.STOP.node(16));
        stop.setId("stop");
        stop.disableProperty().bind(model.live().runningProperty().not()); // not while its result is saved: the run has ended
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
        CheckBox profileRun = new CheckBox("Profile this run (JDK Flight Recorder)");
        profileRun.setId("profileRun");
        profileRun.selectedProperty().bindBidirectional(model.profileRunProperty());
        profileRun.disableProperty().bind(model.runningProperty());
        VBox controls = new VBox(8, form, profileRun, new HBox(8, start, stop, report), progress, timeLeft, status);
        controls.setPrefWidth(340);
        controls.setMinWidth(340);

        throughputChart.setId("throughputChart");
        throughputChart.getData().add(throughput);
        throughputChart.setLegendVisible(false);
        latencyChart.setId("latencyChart");
        latencyChart.getData().addAll(List.of(p50, p99, p999));
        percentiles.setId("percentileChart");
        summary.setId("summary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.setHgap(16);
        summary.setVgap(4);
        summary.setVisible(false);
        workers.setId("workerDetail");
        workers.setExpanded(false);
        workers.setVisible(false);
        workers.managedProperty().bind(workers.visibleProperty());
        summary.managedProperty().bind(summary.visibleProperty());
        VBox charts = new VBox(8, summary, workers, throughputChart, latencyChart, percentiles);
        VBox.setVgrow(throughputChart, Priority.ALWAYS);
        VBox.setVgrow(latencyChart, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setId("runScroll");
        scroll.setFitToWidth(true);
        FlameGraphView flame = new FlameGraphView();
        model.flameGraphProperty().subscribe(flame::show);
        Tab chartsTab = new Tab("Charts", scroll);
        Tab adviceTab = new AdviceView(model.advice()).tab();
        adviceTab.setId("adviceTab");
        Tab flameTab = new Tab("Flame graph", flame.node());
        flameTab.setId("flameTab");
        flameTab.disableProperty().bind(model.flameGraphProperty().isNull());
        TabPane tabs = new TabPane(chartsTab, adviceTab, flameTab);
        tabs.setId("runTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(tabs, Priority.ALWAYS);
        HBox screen = new HBox(16, controls, tabs);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    private void clearCharts() {
        for (XYChart.Series<Number, Number> s : List.of(throughput, p50, p99, p999)) {
            s.getData().clear();
        }
        percentiles.getData().clear();
        summary.setVisible(false);
        fitAxes();
    }

    /** Fits the live charts to their points, their time axes to the run's planned length, so they stay put while it runs. */
    private void fitAxes() {
        double span = model.measuredSecondsOfRunProperty().get();
        Charts.fitAxes(throughputChart, span);
        Charts.fitAxes(latencyChart, span);
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
            double x = Math.round(s.elapsedNanos() / 1e6) / 1e3; // to the ms: the last sample, 2 µs past the planned end, is at it
            t.add(new XYChart.Data<>(x, s.opsPerSecond()));
            a.add(new XYChart.Data<>(x, s.latency().p50() / 1000.0));
            b.add(new XYChart.Data<>(x, s.latency().p99() / 1000.0));
            c.add(new XYChart.Data<>(x, s.latency().p999() / 1000.0));
        }
        Charts.append(throughput, t, MAX_POINTS, false);
        Charts.append(p50, a, MAX_POINTS, true);
        Charts.append(p99, b, MAX_POINTS, true);
        Charts.append(p999, c, MAX_POINTS, true);
        fitAxes();
    }

    private void showResult(RunResult r) {
        summary.getChildren().clear();
        placement.getChildren().clear();
        if (r == null) {
            summary.setVisible(false);
            workers.setVisible(false);
            return;
        }
        int row = 0;
        row = line(row, "Status", r.status().name() + r.failure().map(f -> " (" + f + ")").orElse(""));
        row = line(row, "Throughput", String.format(Locale.ROOT, "%,.0f ops/s (%s)", r.opsPerSecond(), Units.rate(r.opsPerSecond()))
                + (r.gflops() > 0 ? String.format(Locale.ROOT, "  %.2f GFLOP/s", r.gflops()) : ""));
        row = line(row, "Ops measured", String.format(Locale.ROOT, "%,d in %.2f s, %,d errors", r.ops(), r.measuredSeconds(), r.errors()));
        row = line(row, "Response p50 / p99 / p99.9 / max", Units.nanos(r.response().p50()) + " / " + Units.nanos(r.response().p99()) + " / "
                + Units.nanos(r.response().p999()) + " / " + Units.nanos(r.response().max()));
        row = line(row, "Service p50 / p99", Units.nanos(r.service().p50()) + " / " + Units.nanos(r.service().p99()));
        r.rate().ifPresent(rate -> line(summary.getRowCount(), "Rate", String.format(Locale.ROOT, "target %,.0f, achieved %,.0f ops/s%s",
                rate.targetRate(), rate.achievedRate(), rate.saturated() ? " - SATURATED" : "")));
        List<String> perWorker = r.notes().stream().filter(n -> n.startsWith(WORKER_NOTE)).toList();
        r.notes().stream().filter(n -> !n.startsWith(WORKER_NOTE)).forEach(note -> line(summary.getRowCount(), "", note));
        perWorker.forEach(note -> placement.getChildren().add(new Label(note)));
        workers.setText(perWorker.size() + " worker" + (perWorker.size() == 1 ? "" : "s") + ": " + placementSummary(perWorker));
        workers.setVisible(!perWorker.isEmpty());
        summary.setVisible(true);
        percentiles.getData().setAll(List.of(Charts.percentileSeries("response", r.responseHistogram()),
                Charts.percentileSeries("service", r.serviceHistogram())));
    }

    /**
     * @return the workers' placements in one line, each kind with how many workers have it ({@code 3 pinned to their
     *     CPUs, 1 unpinned (no permission)}); the CPUs and nodes of each are in the folded detail
     */
    static String placementSummary(List<String> perWorker) {
        Map<String, Long> counts = perWorker.stream().map(n -> n.substring(n.indexOf(": ") + 2))
                .collect(Collectors.groupingBy(p -> p.replaceAll(", node [0-9]+", "").replaceAll("CPUs [0-9,-]+", "their CPUs"),
                        LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
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

    /** Adds a labelled number field for {@code option}; @return the field */
    private TextField field(GridPane form, String label, String option, TextField field) {
        Forms.row(form, label, field);
        fields.put(option, field);
        return field;
    }

    /** Marks the fields whose values the last Start refused. */
    private void markInvalid() {
        fields.forEach((option, field) -> field.pseudoClassStateChanged(INVALID, model.invalidOptions().contains(option)));
    }
}
