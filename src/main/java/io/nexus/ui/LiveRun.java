package io.nexus.ui;

import io.nexus.bench.RunResult;
import io.nexus.engine.measure.Sample;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run the window is showing, shared by the Run and Dashboard screens: its samples as they arrive,
 * whether it is running, and its result once it ends. Changed on the JavaFX application thread only,
 * one batch of samples per UI tick.
 */
public final class LiveRun {
    private final ObservableList<Sample> samples = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>();
    private final StringProperty workload = new SimpleStringProperty();

    /** @return the current run's samples, oldest first; cleared when a run starts */
    public ObservableList<Sample> samples() {
        return samples;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** @return the workload of the run being shown (set when it starts), or {@code null} before the first */
    public StringProperty workloadProperty() {
        return workload;
    }

    /** @return the last finished run's result, or {@code null} while none has finished */
    public ObjectProperty<RunResult> resultProperty() {
        return result;
    }
}
