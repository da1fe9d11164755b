package io.nexus.ui;

import javafx.application.Platform;

/** The check UI entry points make: they run on the JavaFX application thread and nowhere else. */
public final class FxThread {
    private FxThread() {
    }

    /** @throws IllegalStateException unless called on the JavaFX application thread */
    public static void require() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must be called on the JavaFX application thread, not " + Thread.currentThread().getName());
        }
    }
}
