package io.nexus.bench;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timestamp;

/**
 * Marks in a run's recording when its measured phase began (the end of warm-up), so that the recording says itself
 * which of its events belong to the measurement. Committed once per profiled run, when measurement begins.
 */
@Name(MeasuredPhaseEvent.NAME)
@Label("Measured phase")
@Category("Nexus Workbench")
@Description("When the run's measurement began: events before it are warm-up")
public final class MeasuredPhaseEvent extends Event {
    public static final String NAME = "io.nexus.MeasuredPhase";

    @Label("Start")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long start;

    public MeasuredPhaseEvent(long startEpochMillis) {
        this.start = startEpochMillis;
    }
}
