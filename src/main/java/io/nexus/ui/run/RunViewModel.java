package io.nexus.ui.run;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.FlameGraph;
import io.nexus.app.RunProfiler;
import io.nexus.app.SampleFeed;
import io.nexus.app.Workbench;
import io.nexus.app.report.ReportFiles;
import io.nexus.bench.Finding;
import io.nexus.bench.InvalidSpecException;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.FieldError;
import io.nexus.profile.ProfileException;
import io.nexus.profile.TuningProfile;
import io.nexus.store.StoredRun;
import io.nexus.ui.LiveRun;
import io.nexus.ui.advice.AdviceViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The Run screen's state and actions: the form (everything {@code nexus benchmark/stress} takes), Start
 * and Stop, progress, and the live samples. The run itself goes to the background executor; results and
 * errors come back through the UI executor. Samples are pulled by {@link #pollSamples()} on the view's
 * timer and applied in one batch.
 *
 * <p><b>Thread-safety:</b> every method and property belongs to the UI thread (the JavaFX application
 * thread in the app, the test thread in tests with same-thread executors).
 */
public final class RunViewModel {
    /** Sample interval of runs started from the window: four updates a second. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
    /**
     * How often the window should call {@link #pollSamples} (and so redraw): once a second, four samples a time. The UI
     * thread took a median 1.6 % of a CPU during a 5 s run at this rate against 2.7 % at twice a second
     * ({@code assets/measure-gui-cost.sh}).
     */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final LiveRun live;
    private final AdviceViewModel advice;
    private final BooleanProperty profileRun = new SimpleBooleanProperty(false);
    private final ObjectProperty<FlameGraph> flameGraph = new SimpleObjectProperty<>();

    private final ObjectProperty<String> workload = new SimpleObjectProperty<>("xor");
    private final ObjectProperty<RunMode> mode = new SimpleObjectProperty<>(RunMode.BENCHMARK);
    private final IntegerProperty threads = new SimpleIntegerProperty(1);
    private final DoubleProperty warmupSeconds = new SimpleDoubleProperty(1);
    private final DoubleProperty durationSeconds = new SimpleDoubleProperty(5);
    private final LongProperty opsPerThread = new SimpleLongProperty(0);
    private final IntegerProperty bursts = new SimpleIntegerProperty(3);
    private final DoubleProperty rate = new SimpleDoubleProperty(100_000);
    private final DoubleProperty burstPauseSeconds = new SimpleDoubleProperty(1);
    private final IntegerProperty size = new SimpleIntegerProperty(64);
    /** The http workload's target; blank: the engine's own API, started for the run. */
    private final javafx.beans.property.StringProperty url = new javafx.beans.property.SimpleStringProperty("");
    private final IntegerProperty batch = new SimpleIntegerProperty(0);
    private final IntegerProperty window = new SimpleIntegerProperty(0);
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>("default");

    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    /**
     * The seconds of measurement the started run plans, its bursts end to end as its samples are timed (pauses left
     * out); 0 where only an op count ends it. Set as the run starts, before its first sample.
     */
    private final DoubleProperty measuredSecondsOfRun = new SimpleDoubleProperty(0);
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableSet<String> invalidOptions = FXCollections.observableSet();

    private SampleFeed feed = new SampleFeed();
    private RunControl control;
    /** The started run's plan, as the form was when Start was pressed. */
    private RunPlan plan = RunPlan.NONE;
    /** How the last run ended, for the message once its result is saved. */
    private String ended = "";

    /**
     * @param background where runs go
     * @param ui         runs a task on the UI thread ({@code Platform::runLater} in the app)
     * @param live       the shared run being shown
     */
    public RunViewModel(Workbench workbench, BackgroundExecutor background, Executor ui, LiveRun live) {
        this.advice = new AdviceViewModel(workbench, background, ui);
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        this.live = live;
        workload.addListener((obs, old, name) -> Workloads.byName(name).map(Workload::defaultSize).ifPresent(size::set));
    }

    /**
     * Starts a run with the form's values. A bad value is reported in {@link #messageProperty()} and its option in
     * {@link #invalidOptions()}, and the last result stays shown; a good run replaces it when it starts.
     */
    public void start() {
        if (running.get()) {
            return;
        }
        RunControl runControl = new RunControl();
        SampleFeed runFeed = new SampleFeed();
        control = runControl;
        running.set(true);
        message.set("checking the settings…");
        String profileName = profile.get();
        RunPlan formPlan = formPlan();
        boolean profiled = profileRun.get();
        background.execute(() -> {
            try {
                RunSpec spec = spec(loadProfile(profileName));
                List<FieldError> errors = spec.validate();
                if (!errors.isEmpty()) {
                    throw new InvalidSpecException(errors);
                }
                ui.execute(() -> started(runFeed, formPlan, spec.workload()));
                RunProfiler.Profiled run = profiled ? workbench.profiler().run(workbench.runner(), spec, runFeed, runControl)
                        : new RunProfiler.Profiled(workbench.runner().run(spec, runFeed, runControl), Optional.empty());
                RunResult result = run.result();
                List<Finding> findings = workbench.advise(result, run.profile());
                FlameGraph flame = run.profile().map(p -> FlameGraph.of(p.stacks())).orElse(null);
                ui.execute(() -> {
                    finished(result, null);
                    advice.show(findings, spec.profile());
                    flameGraph.set(flame);
                });
                String saved = "the result could not be kept";
                try {
                    saved = save(StoredRun.of(result, run.profile(), findings));
                } finally {
                    String outcome = saved;
                    ui.execute(() -> kept(outcome)); // whatever happened, the form takes the next run
                }
            } catch (InvalidSpecException e) {
                ui.execute(() -> refused(e.getMessage(), e.errors().stream().map(FieldError::field).toList()));
            } catch (ProfileException e) {
                ui.execute(() -> refused(e.getMessage(), List.of()));
            } catch (java.io.IOException e) {
                ui.execute(() -> finished(null, "not started: the run could not be recorded: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.execute(() -> finished(null, "interrupted"));
            } catch (RuntimeException e) {
                ui.execute(() -> finished(null, "the run failed: " + e));
            }
        });
    }

    /** The run begins: its feed replaces the last one (so no sample of it is drawn over the last run's), the last result goes. */
    private void started(SampleFeed runFeed, RunPlan runPlan, String runWorkload) {
        feed = runFeed;
        live.workloadProperty().set(runWorkload);
        plan = runPlan;
        measuredSecondsOfRun.set(runPlan.measuredSeconds());
        invalidOptions.clear();
        live.samples().clear();
        live.resultProperty().set(null);
        live.runningProperty().set(true);
        advice.show(List.of(), null);
        flameGraph.set(null);
        progress.set(0);
        message.set(plan.warmupSeconds() > 0
                ? String.format(Locale.ROOT, "warming up (%.1f s): nothing is measured yet", plan.warmupSeconds()) : "measuring");
    }

    /** Nothing ran: the settings were bad; the last result stays. */
    private void refused(String why, List<String> options) {
        running.set(false);
        invalidOptions.clear();
        invalidOptions.addAll(options);
        message.set("not started: " + why);
    }

    /** Keeps the result in the store (or the spool while the store is down); @return what happened, for the operator */
    private String save(StoredRun run) {
        try {
            return workbench.archive(null).save(run).message();
        } catch (java.io.IOException | RuntimeException e) {
            return "the result could not be kept: " + e.getMessage();
        }
    }

    private TuningProfile loadProfile(String name) throws ProfileException {
        return workbench.loadProfile(name == null || name.isBlank() ? null : workbench.profilesDir().resolve(name + ".toml"));
    }

    /**
     * @return the spec the form describes, with {@code profile} for what the form leaves open
     * @throws InvalidSpecException when the URL is not one ({@code --url})
     */
    RunSpec spec(TuningProfile p) throws InvalidSpecException {
        RunSpec spec = new RunSpec(workload.get(), size.get(), mode.get(), threads.get(), batch.get() > 0 ? batch.get() : p.batch(),
                window.get() > 0 ? window.get() : p.window(), seconds(warmupSeconds.get()), seconds(durationSeconds.get()),
                opsPerThread.get(), bursts.get(), seconds(burstPauseSeconds.get()), rate.get(), SAMPLE_INTERVAL, p);
        String target = url.get() == null ? "" : url.get().strip();
        if (!spec.workload().equals("http") || target.isEmpty()) {
            return spec;
        }
        try {
            return spec.withUrl(new java.net.URI(target));
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSpecException(List.of(new FieldError("--url", "not a URL: " + e.getMessage())));
        }
    }

    private static Duration seconds(double s) {
        return Double.isFinite(s) && s >= 0 ? Duration.ofNanos(Math.round(s * 1e9)) : Duration.ofSeconds(-1);
    }

    /** @return the form's run as planned now */
    private RunPlan formPlan() {
        if (durationSeconds.get() <= 0) {
            return new RunPlan(warmupSeconds.get(), 0, 0);
        }
        int n = mode.get() == RunMode.BURST ? Math.max(1, bursts.get()) : 1;
        return new RunPlan(warmupSeconds.get(), n * durationSeconds.get(), (n - 1) * burstPauseSeconds.get());
    }

    /**
     * A run's timed plan, in seconds.
     *
     * @param warmupSeconds   its warm-up
     * @param measuredSeconds what it measures, its bursts end to end as its samples are timed; 0 where only an op count
     *                        ends it
     * @param pausesSeconds   the pauses between its bursts
     */
    private record RunPlan(double warmupSeconds, double measuredSeconds, double pausesSeconds) {
        static final RunPlan NONE = new RunPlan(0, 0, 0);

        /** @return how long it takes, warm-up and pauses included; 0 where only an op count ends it */
        double totalSeconds() {
            return measuredSeconds > 0 ? warmupSeconds + measuredSeconds + pausesSeconds : 0;
        }
    }

    /**
     * The run has ended: its result is shown at once, but it is saved before the form takes the next run
     * ({@link #kept}), so that saving never runs beside the next run's measurement (a window's first save opens the
     * database: 2.5 s, during which a run started at once had its warm-up and first measured second).
     */
    private void finished(RunResult result, String error) {
        pollSamples();
        live.runningProperty().set(false);
        if (result != null) {
            live.resultProperty().set(result);
            progress.set(1);
            timeLeft.set("");
            ended = result.status() + result.failure().map(f -> ": " + f).orElse("");
            message.set(ended + " - saving the result…");
        } else {
            running.set(false);
            progress.set(0);
            message.set(error);
        }
    }

    /** The result is saved (or could not be): the form takes the next run. */
    private void kept(String saved) {
        running.set(false);
        message.set(ended + " - " + saved);
    }

    /**
     * Writes the last run's result as an HTML report; the outcome, or why it failed, goes to
     * {@link #messageProperty()}.
     *
     * @param file where it goes; replaced if it exists (the save dialog has asked)
     */
    public void exportReport(Path file) {
        RunResult result = live.resultProperty().get();
        if (result == null) {
            message.set("run something first: the report is of the last run's result");
            return;
        }
        background.execute(() -> {
            String said = ReportFiles.tryWriteRuns(file, List.of(StoredRun.of(result)));
            ui.execute(() -> message.set(said));
        });
    }

    /** Stops the run in progress; the partial result arrives as usual, marked cancelled. */
    public void stop() {
        if (control != null) {
            control.cancel();
        }
    }

    /** Moves the samples that arrived since the last call into the shared run, in one update. */
    public void pollSamples() {
        List<Sample> fresh = new ArrayList<>();
        if (feed.drainTo(fresh) == 0) {
            return;
        }
        if (live.samples().isEmpty() && running.get()) {
            message.set("measuring");
        }
        live.samples().addAll(fresh);
        double total = plan.totalSeconds();
        if (total > 0 && running.get()) {
            double elapsed = fresh.getLast().elapsedNanos() / 1e9 + plan.warmupSeconds();
            progress.set(Math.min(1, elapsed / total));
            timeLeft.set(String.format(Locale.ROOT, "%.0f s left", Math.max(0, total - elapsed)));
        } else if (running.get()) {
            progress.set(-1);
        }
    }

    /** @return the profile names under the profiles directory */
    public List<String> profileNames() {
        return workbench.profileNames(message::set);
    }

    public ObjectProperty<String> workloadProperty() { return workload; }
    public ObjectProperty<RunMode> modeProperty() { return mode; }
    public IntegerProperty threadsProperty() { return threads; }
    public DoubleProperty warmupSecondsProperty() { return warmupSeconds; }
    public DoubleProperty durationSecondsProperty() { return durationSeconds; }
    public LongProperty opsPerThreadProperty() { return opsPerThread; }
    public IntegerProperty burstsProperty() { return bursts; }
    public DoubleProperty rateProperty() { return rate; }
    /** @return seconds between bursts */
    public DoubleProperty burstPauseSecondsProperty() { return burstPauseSeconds; }
    /** @return the options ({@code --threads}, ...) of the form's values the last Start refused */
    public ObservableSet<String> invalidOptions() { return invalidOptions; }
    public IntegerProperty sizeProperty() { return size; }

    /** @return the http workload's target URL; blank for the engine's own API */
    public javafx.beans.property.StringProperty urlProperty() { return url; }
    /** @return ops per queue entry; 0 takes the profile's */
    public IntegerProperty batchProperty() { return batch; }
    /** @return ops in flight per worker; 0 takes the profile's */
    public IntegerProperty windowProperty() { return window; }
    public ObjectProperty<String> profileProperty() { return profile; }
    /** @return whether the form is busy with a run: from Start until its result is saved (Start is refused meanwhile) */
    public BooleanProperty runningProperty() { return running; }
    /** @return 0..1, or -1 when the run's length is not known in advance */
    public DoubleProperty progressProperty() { return progress; }
    /** @return the seconds of measurement the started run plans (see the field) */
    public DoubleProperty measuredSecondsOfRunProperty() { return measuredSecondsOfRun; }
    public StringProperty timeLeftProperty() { return timeLeft; }
    /** @return how the last run ended, or what is wrong with the form */
    public StringProperty messageProperty() { return message; }
    public LiveRun live() { return live; }
    /** @return whether the next run is recorded with JDK Flight Recorder (its profile: flame graph, GC, locks) */
    public BooleanProperty profileRunProperty() { return profileRun; }
    /** @return the advisor's findings of the last run */
    public AdviceViewModel advice() { return advice; }
    /** @return the last run's flame graph, or {@code null} when it was not profiled */
    public ObjectProperty<FlameGraph> flameGraphProperty() { return flameGraph; }
}
