package io.nexus.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What a run's threads tell each other: the phase (warm-up is cut into phases, as it is sampled, then measurement is
 * the last), whether to stop, and the first failure.
 * Workers poll it between ops (volatile reads); they and anyone cancelling wake the controller, which
 * otherwise sleeps until its next sample is due.
 *
 * <p><b>Thread-safety:</b> every method may be called from any thread.
 */
final class RunState {
    private final Thread controller;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long phaseStartNanos;
    /** Phases started so far; written by the controller only, last, so a reader that sees it sees the phase's start. */
    private volatile int phase;
    /** The phase that is measurement, once it has started; -1 before. */
    private volatile int measuredPhase = -1;
    private volatile boolean stopRequested;
    private volatile boolean cancelled;

    /** @param controller the thread to wake when something happens */
    RunState(Thread controller) {
        this.controller = controller;
    }

    /**
     * Starts another phase of warm-up at {@code startNanos} ({@link System#nanoTime()} scale): workers discard what they
     * recorded and restart their schedules, through the code that starts measurement, so that the JIT has seen that
     * code run before measurement starts and does not deoptimise the workers' loops then. Controller only.
     */
    void startWarmUpPhase(long startNanos) {
        phaseStartNanos = startNanos;
        phase++;
    }

    /** Starts measurement, the last phase: ops from {@code startNanos} on are measured. Controller only. */
    void startMeasuring(long startNanos) {
        phaseStartNanos = startNanos;
        measuredPhase = phase + 1;
        phase++;
    }

    /** @return phases started so far: a worker that last saw another number has a phase to enter */
    int phase() {
        return phase;
    }

    /**
     * @param phase a number {@link #phase()} returned
     * @return whether that phase is measurement: decided by the number read, so a worker that read a warm-up phase's
     *     number just before measurement started still enters that phase as warm-up
     */
    boolean isMeasured(int phase) {
        return phase == measuredPhase;
    }

    /** @return when the current phase started ({@link System#nanoTime()} scale) */
    long phaseStartNanos() {
        return phaseStartNanos;
    }

    /** @return whether measurement has started (then {@link #phaseStartNanos()} is when) */
    boolean measuring() {
        return measuredPhase >= 0;
    }

    /** Asks every thread of the run to stop after its current op. */
    void requestStop() {
        stopRequested = true;
        wakeController();
    }

    /** @return whether threads should stop */
    boolean stopRequested() {
        return stopRequested;
    }

    /** Cancels the run: it stops, and what was measured is kept and marked cancelled. */
    void cancel() {
        cancelled = true;
        requestStop();
    }

    /** @return whether the run was cancelled */
    boolean cancelled() {
        return cancelled;
    }

    /** Records {@code error} as the run's failure if it is the first, and stops the run. */
    void fail(Throwable error) {
        failure.compareAndSet(null, error);
        requestStop();
    }

    /** @return the first failure, or {@code null} */
    Throwable failure() {
        return failure.get();
    }

    /** Wakes the controller so that it looks at the run's state now. */
    void wakeController() {
        LockSupport.unpark(controller);
    }
}
