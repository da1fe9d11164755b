package io.nexus.engine;

import io.nexus.engine.measure.Sample;

/**
 * Receives a run's samples, and the moment its measurement begins. Called on the run's controller thread, once per sample interval and
 * never from a worker: an implementation must return quickly and must not block (hand the sample to
 * another thread if it has slow work to do).
 */
@FunctionalInterface
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = sample -> { };

    /** @param sample the interval just closed */
    void onSample(Sample sample);

    /** Warm-up is over and measurement begins now. Called once per run, before its first sample; the default ignores it. */
    default void onMeasuring() {
    }
}
