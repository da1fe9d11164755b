package io.nexus.engine;

import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.TimingMode;

/**
 * How a run measured, so that every figure can be judged: the mode, how the clock was read and what that
 * cost, and how warm-up ended. Immutable.
 *
 * @param mode               how ops reached the workers
 * @param timingAsked        the timing the operator asked for
 * @param timing             the timing used: {@link TimingMode#PER_OP}, {@link TimingMode#PER_RUN} when ops
 *                           shared clock reads, or {@link TimingMode#SAMPLED}
 * @param opsPerTimedRun     ops sharing one pair of clock reads (the largest over workers); 1 when per op
 * @param window             ops in flight per worker (closed loop: clients per worker)
 * @param clock              the clock's measured cost and granularity, and the park overshoot
 * @param opNanos            the op's cost (fastest worker): its mean service time over warm-up, or a quick
 *                           probe's when there was none, ns
 * @param overheadPerOpNanos the measurement's own cost per op (clock reads shared by a run, one histogram
 *                           record), from the calibration, ns
 * @param timingBoundNanos   most a response time can be off by because ops shared clock reads: one timed
 *                           run of ops, ns; 0 when per op or sampled (a sampled op is timed exactly)
 * @param warmupNanos        warm-up actually run: the asked time, extended until the JIT was quiet, ns
 * @param jitQuiet           whether the JIT had stopped compiling when measurement started
 */
public record MeasurementMethod(EngineMode mode, TimingMode timingAsked, TimingMode timing, int opsPerTimedRun, int window,
                                ClockCalibration clock, double opNanos, double overheadPerOpNanos, long timingBoundNanos,
                                long warmupNanos, boolean jitQuiet) {
}
