package io.nexus.bench;

/**
 * How a constant-rate run kept to its schedule. Immutable.
 *
 * @param targetRate    ops/s asked for
 * @param achievedRate  ops/s completed over the measured time
 * @param dueOps        ops the schedule called for in the measured time
 * @param unfinishedOps ops of those never run: the engine was still too far behind well after the deadline
 * @param saturated     whether the engine could not keep up: achieved below 95 % of target, or more than
 *                      1 % of due ops unfinished
 */
public record RateOutcome(double targetRate, double achievedRate, long dueOps, long unfinishedOps, boolean saturated) {
    /** Fraction of the target below which a run counts as saturated. */
    public static final double SATURATION_RATIO = 0.95;

    /** @return the outcome for the given counts */
    public static RateOutcome of(double targetRate, double achievedRate, long dueOps, long unfinishedOps) {
        boolean behind = unfinishedOps > dueOps / 100;
        return new RateOutcome(targetRate, achievedRate, dueOps, unfinishedOps,
                achievedRate < SATURATION_RATIO * targetRate || behind);
    }
}
