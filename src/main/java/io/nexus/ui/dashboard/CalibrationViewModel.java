package io.nexus.ui.dashboard;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.CalibrationText;
import io.nexus.app.Workbench;
import io.nexus.bench.Calibration;
import java.time.Duration;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Dashboard's "what can this machine measure" panel: runs {@link Calibration} on the background
 * executor (about 30 s) and shows its report. Properties change on the UI executor only.
 */
public final class CalibrationViewModel {
    /** Measured time of each comparison when started from the window. */
    public static final Duration STEP = Duration.ofMillis(500);

    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(
            "Not calibrated yet: measures the clock, scheduling gaps, the engine's cost per op and its latency"
                    + " against a bare loop (about 30 s; run nothing else meanwhile).");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /**
     * @param background where the calibration runs
     * @param ui         the UI thread's executor (tests pass a same-thread one)
     */
    public CalibrationViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
    }

    /** Starts a calibration with {@link #STEP} per comparison; ignored while one runs. UI thread. */
    public void calibrate() {
        calibrate(STEP);
    }

    /** Starts a calibration with {@code step} per comparison; ignored while one runs. UI thread. */
    void calibrate(Duration step) {
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set("calibrating...");
        background.execute(() -> {
            try {
                Calibration.Report r = new Calibration(workbench.runner()).run("xor", workbench.loadProfile(null), step,
                        what -> ui.execute(() -> status.set("calibrating: " + what)));
                String text = String.join("\n", CalibrationText.lines(r));
                ui.execute(() -> {
                    report.set(text);
                    status.set("");
                    running.set(false);
                });
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.execute(() -> {
                    status.set("calibration failed: " + message);
                    running.set(false);
                });
            }
        });
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
