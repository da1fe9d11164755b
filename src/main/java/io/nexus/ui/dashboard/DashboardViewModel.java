package io.nexus.ui.dashboard;

import io.nexus.bench.Environment;
import io.nexus.bench.GuideTargets;
import io.nexus.bench.MeasurementSlot;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.topology.Topology;
import io.nexus.ui.LiveRun;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;

/**
 * The Dashboard's figures: the guide's key metrics from the latest sample of the run being shown (and
 * the whole run's throughput, p99 and error rate once it ends), each with the guide's target for the workload
 * being run where one applies and whether it is met, and the machine's facts. Before any run nothing is shown
 * ({@link #shownProperty()} false). Updated once per batch of samples, on the UI thread.
 */
public final class DashboardViewModel {
    /** What {@link #activityProperty()} says while nothing is measured and nothing was. */
    static final String IDLE = "Idle: no measurement running in this process";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * A figure scaled for a tile: {@code 178.11} with unit {@code Mops/s} (shown as 178: {@link #decimals}), {@code 4}
     * with {@code ns} (shown as 4.00).
     *
     * @param value the number shown, before rounding to {@link #decimals}
     * @param unit  its unit
     */
    public record Scaled(double value, String unit) {
        /** @return a rate in ops/s as ops/s, kops/s, Mops/s or Gops/s (no space: the tile sets a unit with '/' as a fraction) */
        public static Scaled rate(double perSecond) {
            return scaled(perSecond, new String[] {"Gops/s", "Mops/s", "kops/s"}, "ops/s");
        }

        /** @return a time in ns as ns, µs, ms or s */
        public static Scaled nanos(double nanos) {
            return scaled(nanos, new String[] {"s", "ms", "µs"}, "ns");
        }

        /**
         * @return the decimals that show {@code value} to three significant figures (386, 22.9, 1.88), so the widest
         *     figure a tile shows is 999 with its unit, which fits it ({@link #rate} and {@link #nanos} move a value
         *     that would round to 1000 to the next unit)
         */
        public int decimals() {
            return value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
        }

        /**
         * @return {@code value} divided by the largest of 10^9, 10^6, 10^3 it reaches, with that step's unit; a value that
         *     would show as 1000 of a unit (999.5 or more) counts as reaching the next
         */
        private static Scaled scaled(double value, String[] units, String base) {
            for (int i = 0; i < units.length; i++) {
                double step = Math.pow(10, 9 - 3 * i);
                if (value >= step * 0.9995) {
                    return new Scaled(value / step, units[i]);
                }
            }
            return new Scaled(value, base);
        }
    }

    private final DoubleProperty throughput = new SimpleDoubleProperty();
    private final DoubleProperty p99Nanos = new SimpleDoubleProperty();
    private final DoubleProperty errorRatePercent = new SimpleDoubleProperty();
    private final DoubleProperty queueDepth = new SimpleDoubleProperty();
    private final DoubleProperty cpuPercent = new SimpleDoubleProperty();
    private final DoubleProperty heapMib = new SimpleDoubleProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final StringProperty throughputTarget = new SimpleStringProperty("");
    private final StringProperty p99Target = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> throughputMet = new SimpleObjectProperty<>();
    private final ObjectProperty<Boolean> p99Met = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper machine = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(IDLE);
    private final LiveRun live;

    public DashboardViewModel(LiveRun live, Topology topology) {
        this.live = live;
        Environment e = Environment.capture(topology);
        machine.set(String.format(Locale.ROOT, "%s%n%d cores, CPUs %s, %d NUMA node%s%n%s%n%s%nVector API: %s", e.cpuModel(), e.cores(),
                e.onlineCpus(), e.numaNodes(), e.numaNodes() == 1 ? "" : "s", String.join(", ", e.caches()), e.jvm(),
                e.vectorApi() ? "on" : "off"));
        live.workloadProperty().subscribe(this::targetsOf);
        live.samples().addListener((ListChangeListener<Sample>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    List<? extends Sample> added = change.getAddedSubList();
                    show(added.get(added.size() - 1));
                }
            }
        });
        live.resultProperty().addListener((obs, old, result) -> {
            if (result != null) {
                targetsOf(result.spec().workload());
                throughput.set(result.opsPerSecond());
                p99Nanos.set(result.response().p99());
                errorRatePercent.set(result.errorRate() * 100);
                judge();
                shown.set(true);
            }
        });
    }

    /** Sets the guide's targets of {@code workload} (none for {@code null}). */
    private void targetsOf(String workload) {
        if (workload == null) {
            return;
        }
        throughputTarget.set(GuideTargets.throughput(workload).map(t -> String.format(Locale.ROOT, "guide: %,.0f ops/s", t))
                .orElse(workload.equals("matrix") ? "guide's 100k/s at n=512 is impossible (26.8 TFLOP/s)" : ""));
        p99Target.set(GuideTargets.p99Micros(workload).map(t -> String.format(Locale.ROOT, "guide: < %.0f µs", t)).orElse(""));
        judge();
    }

    /** Says whether the figures shown meet the targets of the workload being shown. */
    private void judge() {
        String workload = live.workloadProperty().get() != null ? live.workloadProperty().get()
                : live.resultProperty().get() == null ? null : live.resultProperty().get().spec().workload();
        if (workload == null) {
            return;
        }
        throughputMet.set(GuideTargets.throughput(workload).map(t -> throughput.get() >= t).orElse(null));
        p99Met.set(GuideTargets.p99Micros(workload).map(t -> p99Nanos.get() < t * 1000).orElse(null));
    }

    /**
     * Reads what this process is measuring now (a run, sweep or calibration from any screen or the command
     * line), for a timer on the UI thread: one volatile read, never blocks. Idle with a finished run shown, says
     * which run and when it ended.
     */
    public void refreshActivity() {
        activity.set(MeasurementSlot.current().map(what -> "Measuring: " + what).orElseGet(() -> {
            var last = live.resultProperty().get();
            if (last == null) {
                return IDLE;
            }
            return String.format(Locale.ROOT, "Idle. Showing the last run, ended at %s: %s %s, %d thread%s", CLOCK.format(
                    last.startedAt().plusNanos(last.measuredNanos())), last.spec().workload(), last.spec().mode().name().toLowerCase(Locale.ROOT),
                    last.spec().threads(), last.spec().threads() == 1 ? "" : "s");
        }));
    }

    /** Shows the figures of one sample. */
    void show(Sample s) {
        throughput.set(s.opsPerSecond());
        p99Nanos.set(s.latency().p99());
        errorRatePercent.set(s.ops() == 0 ? 0 : 100.0 * s.errors() / s.ops());
        queueDepth.set(s.queueDepth());
        cpuPercent.set(Math.max(0, s.processCpu()) * 100);
        heapMib.set(s.heapUsedBytes() / (1024.0 * 1024.0));
        judge();
        shown.set(true);
    }

    /** @return ops/s of the latest sample, or of the whole run once it ends */
    public DoubleProperty throughputProperty() { return throughput; }
    /** @return the response-time p99 in ns, of the latest sample or of the whole run */
    public DoubleProperty p99NanosProperty() { return p99Nanos; }
    public DoubleProperty errorRatePercentProperty() { return errorRatePercent; }
    public DoubleProperty queueDepthProperty() { return queueDepth; }
    public DoubleProperty cpuPercentProperty() { return cpuPercent; }
    public DoubleProperty heapMibProperty() { return heapMib; }
    /** @return whether any run's figures are shown (the tiles say "—" before) */
    public BooleanProperty shownProperty() { return shown; }
    public StringProperty throughputTargetProperty() { return throughputTarget; }
    public StringProperty p99TargetProperty() { return p99Target; }
    /** @return whether the throughput meets the guide's target for the workload, {@code null} where it has none */
    public ObjectProperty<Boolean> throughputMetProperty() { return throughputMet; }
    /** @return whether the p99 meets the guide's target for the workload, {@code null} where it has none */
    public ObjectProperty<Boolean> p99MetProperty() { return p99Met; }
    public ReadOnlyStringProperty machineProperty() { return machine.getReadOnlyProperty(); }
    public ReadOnlyStringProperty activityProperty() { return activity.getReadOnlyProperty(); }
    public LiveRun live() { return live; }
}
