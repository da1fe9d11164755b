package io.nexus.bench;

import io.nexus.engine.EngineRun;

/**
 * Lets another thread cancel a run in progress. A run made of several engine runs (bursts, sweeps)
 * stops the current one and starts no more. Thread-safe.
 */
public final class RunControl {
    private volatile boolean cancelled;
    private EngineRun current;

    /** Cancels the run: what was measured so far is kept and marked cancelled. */
    public void cancel() {
        EngineRun run;
        synchronized (this) {
            cancelled = true;
            run = current;
        }
        if (run != null) {
            run.cancel();
        }
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Makes {@code run} the one a cancel stops; cancels it at once if cancel came first. */
    void attach(EngineRun run) {
        boolean cancelNow;
        synchronized (this) {
            current = run;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            run.cancel();
        }
    }
}
