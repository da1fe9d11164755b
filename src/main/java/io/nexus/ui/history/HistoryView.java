package io.nexus.ui.history;

import io.nexus.app.RegressionGate;
import io.nexus.app.RunComparison;
import io.nexus.bench.Units;
import io.nexus.engine.measure.Sample;
import io.nexus.store.RunSummary;
import io.nexus.store.StoredRun;
import io.nexus.ui.Charts;
import io.nexus.ui.FileChoosers;
import io.nexus.ui.FxThread;
import io.nexus.ui.Styles;
import io.nexus.ui.advice.AdviceView;
import io.nexus.ui.flame.FlameGraphView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The History screen: a sortable, filterable table of stored runs; Open redraws a run's charts from its
 * stored samples; Compare overlays the percentile curves of the selected runs and lists throughput and
 * p99 deltas against the first, marked when within the run-to-run noise; Export report writes the opened runs
 * as one HTML file; Delete asks first. Beside the charts, the advisor's findings of the first opened run and the flame
 * graph of a profiled run (of two, the second against the first).
 */
public final class HistoryView {
    /** The most the comparison text takes (it scrolls past that), so the charts keep their room at 1280x800. */
    private static final double DELTAS_HEIGHT = 96;
    private final HistoryViewModel model;
    private final TableView<RunSummary> table = new TableView<>();
    private final LineChart<Number, Number> throughput = Charts.lines("Throughput of the opened runs", "seconds", "ops/s");
    private final LineChart<Number, Number> percentiles = Charts.percentileChart("Response time by percentile");
    private final Label deltas = new Label();
    private final Node root;

    public HistoryView(HistoryViewModel model) {
        FxThread.require();
        this.model = model;
        this.root = build();
        model.shownProperty().addListener((obs, old, runs) -> draw(runs));
        model.comparisonProperty().addListener((obs, old, c) -> deltas.setText(c == null ? "" : describe(c)));
    }

    public Node node() {
        return root;
    }

    private Node build() {
        SortedList<RunSummary> sorted = new SortedList<>(model.runs());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("historyTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("run", RunSummary::id, id -> id.substring(0, Math.min(8, id.length()))));
        TableColumn<RunSummary, java.time.Instant> started = column("started (UTC)", RunSummary::startedAt, t -> t.toString().replace('T', ' ').substring(0, 19));
        started.setMinWidth(150); // the whole time, never "2026-12-05 2..."
        table.getColumns().add(started);
        table.getColumns().add(column("workload", RunSummary::workload, String::valueOf));
        table.getColumns().add(column("mode", RunSummary::mode, String::valueOf));
        table.getColumns().add(column("threads", RunSummary::threads, String::valueOf));
        table.getColumns().add(column("host", RunSummary::host, String::valueOf));
        table.getColumns().add(column("status", RunSummary::status, String::valueOf));
        table.getColumns().add(column("ops/s", RunSummary::opsPerSecond, v -> Units.rate(v)));
        table.getColumns().add(column("p99", RunSummary::p99Nanos, v -> Units.nanos(v)));
        table.setPrefHeight(260);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TextField filter = new TextField();
        filter.setId("historyFilter");
        filter.setPromptText("filter: workload, mode, host, status");
        filter.textProperty().bindBidirectional(model.filterProperty());
        Button open = new Button("Open / compare");
        open.setId("historyOpen");
        open.setOnAction(e -> model.open(table.getSelectionModel().getSelectedItems().stream().map(RunSummary::id).toList()));
        Button report = new Button("Export report…");
        report.setId("historyReport");
        report.disableProperty().bind(model.shownProperty().map(List::isEmpty));
        report.setOnAction(e -> FileChoosers.saveAs(report, "Export an HTML report of the opened runs",
                "nexus-report-" + model.shownProperty().get().getFirst().id().substring(0, 8) + ".html", "HTML report", "html")
                .ifPresent(model::exportReport));
        Button delete = new Button("Delete…");
        delete.setId("historyDelete");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> confirmDelete(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Label message = new Label();
        message.setId("historyMessage");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add(Styles.NOTE);
        HBox bar = new HBox(8, filter, open, report, delete, refresh);
        HBox.setHgrow(filter, Priority.ALWAYS);
        TextField store = new TextField();
        store.setId("storeUrl");
        store.textProperty().bindBidirectional(model.storeUrlProperty());
        Button useStore = new Button("Use store");
        useStore.setOnAction(e -> model.useStore());
        useStore.disableProperty().bind(model.busyProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("historyBusy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        HBox storeBar = new HBox(8, new Label("Results store (JDBC URL)"), store, useStore, busy);
        storeBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(store, Priority.ALWAYS);

        throughput.setId("historyThroughput");
        percentiles.setId("historyPercentiles");
        deltas.setId("historyDeltas");
        deltas.setWrapText(true);
        ScrollPane deltasBox = new ScrollPane(deltas);
        deltasBox.setFitToWidth(true);
        deltasBox.setMaxHeight(DELTAS_HEIGHT);
        deltasBox.visibleProperty().bind(deltas.textProperty().isNotEmpty());
        deltasBox.managedProperty().bind(deltasBox.visibleProperty());
        HBox charts = new HBox(8, throughput, percentiles);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        HBox.setHgrow(percentiles, Priority.ALWAYS);
        FlameGraphView flame = new FlameGraphView();
        model.flameGraphProperty().subscribe(flame::show);
        Label flameNote = new Label();
        flameNote.setId("historyFlameNote");
        flameNote.getStyleClass().add(Styles.NOTE);
        flameNote.textProperty().bind(model.flameNoteProperty());
        VBox flameBox = new VBox(8, flameNote, flame.node());
        VBox.setVgrow(flame.node(), Priority.ALWAYS);
        Tab adviceTab = new AdviceView(model.advice()).tab();
        adviceTab.setId("historyAdviceTab");
        Tab flameTab = new Tab("Flame graph", flameBox);
        flameTab.setId("historyFlameTab");
        TabPane tabs = new TabPane(new Tab("Charts", charts), adviceTab, flameTab);
        tabs.setId("historyTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox screen = new VBox(8, storeBar, bar, table, message, deltasBox, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    /** @return a column sorted by its values' natural order and shown as {@code text} of them */
    private static <T extends Comparable<? super T>> TableColumn<RunSummary, T> column(String name, Function<RunSummary, T> value,
                                                                                      Function<T, String> text) {
        TableColumn<RunSummary, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return c;
    }

    private void confirmDelete(RunSummary run) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Delete run " + run.id() + " (" + run.workload() + ", " + run.startedAt()
                + ") with all its samples? This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText("Delete this run?");
        ask.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.delete(run.id()));
    }

    private void draw(List<StoredRun> runs) {
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        List<XYChart.Series<Number, Number>> curves = new ArrayList<>();
        for (StoredRun r : runs) {
            String name = r.id().substring(0, 8) + " " + r.workload() + " x" + r.threads();
            XYChart.Series<Number, Number> line = Charts.series(name);
            for (Sample s : r.samples()) {
                line.getData().add(new XYChart.Data<>(s.elapsedNanos() / 1e9, s.opsPerSecond()));
            }
            lines.add(line);
            curves.add(Charts.percentileSeries(name, r.responseHistogramDecoded()));
        }
        throughput.getData().setAll(lines);
        percentiles.getData().setAll(curves);
    }

    private static String describe(RunComparison c) {
        StringBuilder text = new StringBuilder("Against " + c.runs().getFirst().id().substring(0, 8) + " (95 % intervals):");
        for (RunComparison.Row row : c.rows().subList(1, c.rows().size())) {
            text.append("\n  ").append(row.run().id(), 0, 8);
            for (RunComparison.Metric m : List.of(RunComparison.Metric.THROUGHPUT, RunComparison.Metric.P99, RunComparison.Metric.P999)) {
                text.append("  ").append(m.label()).append(' ').append(RegressionGate.describe(row.cell(m)));
            }
        }
        c.warnings().forEach(w -> text.append("\n  warning: ").append(w));
        return text.toString();
    }
}
