package io.nexus.app;

import java.util.ArrayDeque;

/** A background executor that holds its tasks until the test runs them: for looking at a view model mid-task. Not thread-safe. */
public final class QueuedExecutor implements BackgroundExecutor {
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
        queued.add(command);
    }

    /** Runs the oldest task held; fails if none is. */
    public void runNext() {
        queued.remove().run();
    }

    @Override
    public void close() {
        queued.clear();
    }
}
