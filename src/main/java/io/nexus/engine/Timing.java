package io.nexus.engine;

import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.TimingMode;

/**
 * A run's timing policy: the operator's {@link TimingMode} applied with this machine's measured clock.
 * Immutable.
 *
 * @param mode  how often to read the clock
 * @param clock what reading it costs here
 */
record Timing(TimingMode mode, ClockCalibration clock) {
    /** @return whether each run's first op is timed alone and stands for the run */
    boolean sampled() {
        return mode == TimingMode.SAMPLED;
    }

    /** @return ops per pair of clock reads for an op that costs {@code opNanos} */
    int opsPerTimedRun(double opNanos) {
        return mode.opsPerTimedRun(opNanos, clock.clockCostNanos());
    }
}
