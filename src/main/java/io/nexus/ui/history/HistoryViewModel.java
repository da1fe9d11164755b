package io.nexus.ui.history;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.FlameGraph;
import io.nexus.app.RunComparison;
import io.nexus.app.Workbench;
import io.nexus.app.report.ReportFiles;
import io.nexus.bench.Finding;
import io.nexus.bench.RunProfile;
import io.nexus.profile.TuningProfile;
import io.nexus.store.ResultJson;
import io.nexus.store.ResultStore;
import io.nexus.store.RunSummary;
import io.nexus.store.StoreException;
import io.nexus.store.StoreLocation;
import io.nexus.store.StoredRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import io.nexus.ui.advice.AdviceViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The History screen: the stored runs (filterable), one run opened with its samples, two or more
 * compared. Store calls go to the background executor; results come back through the UI executor.
 * UI thread only.
 */
public final class HistoryViewModel {
    /** Most runs listed. */
    static final int LIMIT = 1000;

    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final FilteredList<RunSummary> filtered = new FilteredList<>(runs);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<List<StoredRun>> shown = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<RunComparison> comparison = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty storeUrl = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final AdviceViewModel advice;
    private final ObjectProperty<FlameGraph> flameGraph = new SimpleObjectProperty<>();
    private final StringProperty flameNote = new SimpleStringProperty("");
    private int inFlight;

    public HistoryViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.advice = new AdviceViewModel(workbench, background, ui);
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        storeUrl.set(workbench.defaultStore().url());
        filter.addListener((obs, old, text) -> {
            String f = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(r -> f.isEmpty() || (r.workload() + " " + r.mode() + " " + r.host() + " " + r.status() + " " + r.id())
                    .toLowerCase(Locale.ROOT).contains(f));
        });
    }

    /** Re-reads the list of runs from the store, after writing any runs that waited for it in the spool. */
    public void refresh() {
        inBackground(store -> {
            int flushed = workbench.archive(null).flush();
            List<RunSummary> rows = store.list(null, LIMIT);
            ui.execute(() -> {
                runs.setAll(rows);
                message.set(rows.size() + " runs in " + store.location()
                        + (flushed > 0 ? "; " + flushed + " run(s) that waited while the store was down were written" : ""));
            });
        });
    }

    /** Switches the window to the store at {@link #storeUrlProperty()}: runs are saved there and listed from there. */
    public void useStore() {
        try {
            workbench.useStore(new StoreLocation(storeUrl.get().strip(), System.getenv(StoreLocation.ENV_USER),
                    System.getenv(StoreLocation.ENV_PASSWORD)));
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        refresh();
    }

    /** Opens the runs with these ids: one is shown, two or more are compared against the first. */
    public void open(List<String> ids) {
        if (ids.isEmpty()) {
            message.set("select a run, or two or more to compare");
            return;
        }
        List<String> wanted = List.copyOf(ids);
        inBackground(store -> {
            List<StoredRun> loaded = new ArrayList<>();
            for (String id : wanted) {
                store.load(id).ifPresent(loaded::add);
            }
            RunComparison c;
            String refused;
            try {
                c = loaded.size() >= 2 ? RunComparison.of(loaded, false) : null;
                refused = null;
            } catch (IllegalArgumentException differentWork) {
                c = null;
                refused = "not compared: " + differentWork.getMessage().replace(" (--force compares them anyway)", "");
            }
            RunComparison compared = c;
            String said = refused != null ? refused
                    : loaded.size() == 1 ? "run " + loaded.getFirst().id() : "comparing " + loaded.size() + " runs against the first";
            Analysis analysis = analyse(loaded);
            ui.execute(() -> {
                shown.set(List.copyOf(loaded));
                comparison.set(compared);
                message.set(said);
                advice.show(analysis.findings(), analysis.profile());
                flameGraph.set(analysis.flame());
                flameNote.set(analysis.flameNote());
            });
        });
    }

    /**
     * What the window shows of opened runs beyond their charts: the first run's findings (as stored, or evaluated now for a
     * run stored before the advisor) with the profile it used, and the flame graph of one profiled run or the diff of the
     * second against the first.
     */
    private record Analysis(List<Finding> findings, TuningProfile profile, FlameGraph flame, String flameNote) {
    }

    private Analysis analyse(List<StoredRun> loaded) {
        if (loaded.isEmpty()) {
            return new Analysis(List.of(), null, null, "");
        }
        StoredRun first = loaded.getFirst();
        try {
            TuningProfile used = ResultJson.profile(first);
            java.util.Optional<RunProfile> base = workbench.profileOf(first);
            List<Finding> findings = first.findings().isEmpty() ? workbench.advise(first, base) : first.findings();
            if (loaded.size() == 1) {
                return new Analysis(findings, used, base.map(p -> FlameGraph.of(p.stacks())).orElse(null),
                        base.isPresent() ? "" : "run " + first.id().substring(0, 8) + " was not profiled: start a run with \"Profile this run\"");
            }
            StoredRun second = loaded.get(1);
            java.util.Optional<RunProfile> other = workbench.profileOf(second);
            if (base.isEmpty() || other.isEmpty()) {
                return new Analysis(findings, used, null, "a flame graph diff needs the first two runs profiled");
            }
            return new Analysis(findings, used, FlameGraph.diff(base.get().stacks(), other.get().stacks()), "run " + second.id().substring(0, 8)
                    + " against " + first.id().substring(0, 8) + ": red grew, blue shrank (share of samples)");
        } catch (java.io.IOException | IllegalStateException e) {
            return new Analysis(List.of(), null, null, "cannot read what run " + first.id().substring(0, 8) + " kept: " + e.getMessage());
        }
    }

    /**
     * Writes the opened runs as one HTML report (the comparison with the first when there are several); the
     * outcome, or why it failed, goes to {@link #messageProperty()}.
     *
     * @param file where it goes; replaced if it exists (the save dialog has asked)
     */
    public void exportReport(Path file) {
        List<StoredRun> runs = shown.get();
        if (runs.isEmpty()) {
            message.set("open a run, or select several and compare them, to export a report");
            return;
        }
        background.execute(() -> {
            String said = ReportFiles.tryWriteRuns(file, runs);
            ui.execute(() -> message.set(said));
        });
    }

    /** Deletes the run; the caller has asked the operator first. */
    public void delete(String id) {
        inBackground(store -> {
            boolean deleted = store.delete(id);
            ui.execute(() -> {
                message.set(deleted ? "deleted run " + id : "run " + id + " was already gone");
                refresh();
            });
        });
    }

    /** Store work that may fail. */
    private interface StoreWork {
        void run(ResultStore store) throws StoreException;
    }

    private void inBackground(StoreWork work) {
        busy.set(++inFlight > 0);
        background.execute(() -> {
            try {
                work.run(workbench.archive(null).store());
            } catch (StoreException e) {
                ui.execute(() -> message.set(e.getMessage()));
            } finally {
                ui.execute(() -> busy.set(--inFlight > 0));
            }
        });
    }

    /** @return the runs that pass the filter, newest first */
    public ObservableList<RunSummary> runs() { return filtered; }
    /** @return free text matched against workload, mode, host, status and id */
    public StringProperty filterProperty() { return filter; }
    /** @return the opened runs: one, or the compared ones with the baseline first */
    public ObjectProperty<List<StoredRun>> shownProperty() { return shown; }
    /** @return the comparison of the opened runs, or {@code null} when one is opened */
    public ObjectProperty<RunComparison> comparisonProperty() { return comparison; }
    public StringProperty messageProperty() { return message; }
    /** @return the advisor's findings of the first opened run */
    public AdviceViewModel advice() { return advice; }
    /** @return the opened run's flame graph, the diff of the second opened run against the first, or {@code null} */
    public ObjectProperty<FlameGraph> flameGraphProperty() { return flameGraph; }
    /** @return what the flame graph shows, or why there is none */
    public StringProperty flameNoteProperty() { return flameNote; }
    /** @return the JDBC URL of the store the window uses (a setting: {@link #useStore()} applies it) */
    public StringProperty storeUrlProperty() { return storeUrl; }
    /** @return whether the store is being read or written (a store that is slow to answer shows a spinner) */
    public BooleanProperty busyProperty() { return busy; }
}
