package io.nexus.ui.history;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.RunComparison;
import io.nexus.app.Workbench;
import io.nexus.app.report.ReportFiles;
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
    private int inFlight;

    public HistoryViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
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
            ui.execute(() -> {
                shown.set(List.copyOf(loaded));
                comparison.set(compared);
                message.set(said);
            });
        });
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
    /** @return the JDBC URL of the store the window uses (a setting: {@link #useStore()} applies it) */
    public StringProperty storeUrlProperty() { return storeUrl; }
    /** @return whether the store is being read or written (a store that is slow to answer shows a spinner) */
    public BooleanProperty busyProperty() { return busy; }
}
