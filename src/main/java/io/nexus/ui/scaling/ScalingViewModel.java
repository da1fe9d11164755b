package io.nexus.ui.scaling;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import io.nexus.bench.InvalidSpecException;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunSpec;
import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.SweepPoint;
import io.nexus.engine.RunListener;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.ProfileException;
import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Scaling screen: a thread sweep of one workload, its points as they are measured, and the curves
 * to read them against (ideal linear scaling and the guide's expected profile). UI thread only; the
 * sweep runs on the background executor and each point comes back through the UI executor.
 */
public final class ScalingViewModel {
    /** The guide's "Scaling Profile": speedup at 1, 4, 8, 16 and 32 threads. */
    static final double[][] GUIDE_PROFILE = {{1, 1}, {4, 3.8}, {8, 7.5}, {16, 14.8}, {32, 25}};
    /** The profile a sweep uses unless another is chosen. */
    static final String DEFAULT_PROFILE = "default";

    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final io.nexus.ui.advice.AdviceViewModel advice;
    private final ObjectProperty<String> workload = new SimpleObjectProperty<>("sha256");
    private final StringProperty threads;
    private final DoubleProperty durationSeconds = new SimpleDoubleProperty(2);
    private final DoubleProperty warmupSeconds = new SimpleDoubleProperty(0.5);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty profile = new SimpleStringProperty(DEFAULT_PROFILE);
    private final IntegerProperty size = new SimpleIntegerProperty(0);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final ObservableList<SweepPoint> points = FXCollections.observableArrayList();
    private RunControl control;

    public ScalingViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.advice = new io.nexus.ui.advice.AdviceViewModel(workbench, background, ui);
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        this.threads = new SimpleStringProperty(String.join(",", workbench.defaultSweepThreads().stream().map(String::valueOf).toList()));
    }

    /** Starts the sweep the form describes; a bad thread list is reported in {@link #messageProperty()}. */
    public void run() {
        if (running.get()) {
            return;
        }
        List<Integer> counts;
        try {
            counts = parseThreads(threads.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        RunControl runControl = new RunControl();
        control = runControl;
        points.clear();
        advice.show(List.of(), null);
        running.set(true);
        message.set("");
        String name = workload.get();
        String profileName = profile.get();
        int chosenSize = size.get();
        Duration warmup = Duration.ofNanos(Math.round(warmupSeconds.get() * 1e9));
        Duration duration = Duration.ofNanos(Math.round(durationSeconds.get() * 1e9));
        double perPoint = warmupSeconds.get() + durationSeconds.get();
        showProgress(0, counts, perPoint);
        background.execute(() -> {
            String outcome;
            try {
                TuningProfile p = workbench.loadProfile(profileName == null || profileName.isBlank() ? null : Path.of(profileName));
                int pointSize = chosenSize > 0 ? chosenSize : Workloads.byName(name).map(Workload::defaultSize).orElse(0);
                RunSpec base = new RunSpec(name, pointSize, RunMode.BENCHMARK, counts.getFirst(), p.batch(), p.window(), warmup,
                        duration, 0, 1, Duration.ZERO, 0, Duration.ofMillis(250), p);
                List<SweepPoint> done = workbench.sweeper().run(base, counts, t -> RunListener.NONE,
                        point -> ui.execute(() -> {
                            points.add(point);
                            showProgress(points.size(), counts, perPoint);
                        }), runControl);
                java.util.Map<String, List<io.nexus.bench.Finding>> findings = workbench.adviseSweep(done);
                done.stream().max(java.util.Comparator.comparingInt(SweepPoint::threads)).ifPresent(widest ->
                        ui.execute(() -> advice.show(findings.get(widest.result().id()), widest.result().spec().profile())));
                outcome = (runControl.isCancelled() ? "stopped after " + done.size() + " points" : "done: " + done.size() + " points")
                        + "; " + workbench.archive(null).saveSweep(done, findings, ScalabilityModel.summary(done)).message();
            } catch (ProfileException | InvalidSpecException | java.io.IOException e) {
                outcome = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "interrupted";
            } catch (RuntimeException e) {
                outcome = "the sweep failed: " + e;
            }
            String text = outcome;
            ui.execute(() -> {
                running.set(false);
                progress.set(0);
                progressText.set("");
                message.set(text);
            });
        });
    }

    /** Says how far the sweep is: points done of all, the next point's threads, the time left (each point's warm-up and duration). */
    private void showProgress(int done, List<Integer> counts, double perPoint) {
        progress.set((double) done / counts.size());
        long left = Math.round((counts.size() - done) * perPoint);
        progressText.set(done == counts.size() ? "" : String.format(Locale.ROOT, "point %d of %d (%d thread%s), about %d:%02d left",
                done + 1, counts.size(), counts.get(done), counts.get(done) == 1 ? "" : "s", left / 60, left % 60));
    }

    /** @return the profiles to choose from; none (with the reason in the message) if the directory cannot be listed */
    public List<String> profileNames() {
        return workbench.profileNames(message::set);
    }

    /** @return whether {@code threads} workers are more than this machine's CPUs: such a point measures time-sharing */
    public boolean oversubscribed(int threads) {
        return threads > Runtime.getRuntime().availableProcessors();
    }

    /** Stops the sweep after the point in progress (which is kept, marked cancelled). */
    public void stop() {
        if (control != null) {
            control.cancel();
        }
    }

    /**
     * @return thread counts from text such as {@code "1,2,4"}
     * @throws IllegalArgumentException naming the bad entry
     */
    static List<Integer> parseThreads(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int t = Integer.parseInt(p);
                if (t < 1 || t > 4096) {
                    throw new IllegalArgumentException("threads: " + t + " is outside [1, 4096]");
                }
                counts.add(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threads: '" + p + "' is not a whole number (write e.g. 1,2,4)", e);
            }
        }
        return counts;
    }

    /** @return the guide's expected speedup at {@code threads}, interpolated in its profile; empty beyond 32 */
    static java.util.OptionalDouble guideSpeedup(int threads) {
        for (int i = 1; i < GUIDE_PROFILE.length; i++) {
            double[] lo = GUIDE_PROFILE[i - 1];
            double[] hi = GUIDE_PROFILE[i];
            if (threads <= hi[0]) {
                return java.util.OptionalDouble.of(lo[1] + (threads - lo[0]) * (hi[1] - lo[1]) / (hi[0] - lo[0]));
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /**
     * @return the thread counts the curves are drawn at: every measured one, then on to twice the largest and at least to the
     *     guide's 32 (the model's prediction past the measured range)
     */
    public static List<Integer> modelRange(List<SweepPoint> points) {
        int last = Math.max(32, 2 * points.stream().mapToInt(SweepPoint::threads).max().orElse(1));
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>(points.stream().map(SweepPoint::threads).toList());
        for (int n = 1; n <= last; n = n < 8 ? n + 1 : n + Math.max(1, n / 8)) {
            counts.add(n);
        }
        counts.add(last);
        return List.copyOf(counts);
    }

    public ObjectProperty<String> workloadProperty() { return workload; }
    public StringProperty threadsProperty() { return threads; }
    public DoubleProperty durationSecondsProperty() { return durationSeconds; }
    public DoubleProperty warmupSecondsProperty() { return warmupSeconds; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty messageProperty() { return message; }
    /** @return the advisor's findings of the sweep: its widest point, with the sweep's USL model */
    public io.nexus.ui.advice.AdviceViewModel advice() { return advice; }
    /** @return the profile's name (under the profiles directory) the sweep runs with */
    public StringProperty profileProperty() { return profile; }
    /** @return the workload size, 0 for the workload's default */
    public IntegerProperty sizeProperty() { return size; }
    /** @return the share of the sweep's points done, 0..1 */
    public DoubleProperty progressProperty() { return progress; }
    /** @return the point being measured and the time left, in words; empty when idle */
    public StringProperty progressTextProperty() { return progressText; }
    /** @return the sweep's points in thread order, added as each is measured */
    public ObservableList<SweepPoint> points() { return points; }
}
