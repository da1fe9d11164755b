package io.nexus.ui.dashboard;

import io.nexus.bench.Environment;
import io.nexus.bench.MeasurementSlot;
import io.nexus.engine.measure.Sample;
import io.nexus.engine.topology.Topology;
import io.nexus.ui.LiveRun;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;

/**
 * The Dashboard's figures: the guide's key metrics from the latest sample of the run being shown (and
 * the whole run's throughput, p99 and error rate once it ends), each with the guide's target where one
 * applies, and the machine's facts. Updated once per batch of samples, on the UI thread.
 */
public final class DashboardViewModel {
    /** What {@link #activityProperty()} says while nothing is measured. */
    static final String IDLE = "Idle: no measurement running in this process";

    private final DoubleProperty throughput = new SimpleDoubleProperty();
    private final DoubleProperty p99Micros = new SimpleDoubleProperty();
    private final DoubleProperty errorRatePercent = new SimpleDoubleProperty();
    private final DoubleProperty queueDepth = new SimpleDoubleProperty();
    private final DoubleProperty cpuPercent = new SimpleDoubleProperty();
    private final DoubleProperty heapMib = new SimpleDoubleProperty();
    private final StringProperty throughputTarget = new SimpleStringProperty("");
    private final StringProperty p99Target = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper machine = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(IDLE);
    private final LiveRun live;

    public DashboardViewModel(LiveRun live, Topology topology) {
        this.live = live;
        Environment e = Environment.capture(topology);
        machine.set(String.format(Locale.ROOT, "%s%n%d cores, CPUs %s, %d NUMA node%s%n%s%n%s%nVector API: %s", e.cpuModel(), e.cores(),
                e.onlineCpus(), e.numaNodes(), e.numaNodes() == 1 ? "" : "s", String.join(", ", e.caches()), e.jvm(),
                e.vectorApi() ? "on" : "off"));
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
                throughput.set(result.opsPerSecond());
                p99Micros.set(result.response().p99() / 1000.0);
                errorRatePercent.set(result.errorRate() * 100);
                String w = result.spec().workload();
                throughputTarget.set(GuideTargets.throughput(w).map(t -> String.format(Locale.ROOT, "guide: %,.0f ops/s", t))
                        .orElse(w.equals("matrix") ? "guide's 100k/s at n=512 is impossible (26.8 TFLOP/s)" : ""));
                p99Target.set(GuideTargets.p99Micros(w).map(t -> String.format(Locale.ROOT, "guide: < %.0f µs", t)).orElse(""));
            }
        });
    }

    /**
     * Reads what this process is measuring now (a run, sweep or calibration from any screen or the command
     * line), for a timer on the UI thread: one volatile read, never blocks.
     */
    public void refreshActivity() {
        activity.set(MeasurementSlot.current().map(what -> "Measuring: " + what).orElse(IDLE));
    }

    /** Shows the figures of one sample. */
    void show(Sample s) {
        throughput.set(s.opsPerSecond());
        p99Micros.set(s.latency().p99() / 1000.0);
        errorRatePercent.set(s.ops() == 0 ? 0 : 100.0 * s.errors() / s.ops());
        queueDepth.set(s.queueDepth());
        cpuPercent.set(Math.max(0, s.processCpu()) * 100);
        heapMib.set(s.heapUsedBytes() / (1024.0 * 1024.0));
    }

    public DoubleProperty throughputProperty() { return throughput; }
    public DoubleProperty p99MicrosProperty() { return p99Micros; }
    public DoubleProperty errorRatePercentProperty() { return errorRatePercent; }
    public DoubleProperty queueDepthProperty() { return queueDepth; }
    public DoubleProperty cpuPercentProperty() { return cpuPercent; }
    public DoubleProperty heapMibProperty() { return heapMib; }
    public StringProperty throughputTargetProperty() { return throughputTarget; }
    public StringProperty p99TargetProperty() { return p99Target; }
    public ReadOnlyStringProperty machineProperty() { return machine.getReadOnlyProperty(); }
    public ReadOnlyStringProperty activityProperty() { return activity.getReadOnlyProperty(); }
    public LiveRun live() { return live; }
}
