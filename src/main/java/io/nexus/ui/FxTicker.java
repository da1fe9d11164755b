package io.nexus.ui;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs an action on the JavaFX application thread once per period, without an animation. A playing {@code Timeline}
 * keeps the toolkit pulsing 60 times a second for as long as it plays (its timer thread waking, a CSS and layout pass
 * over the scene each time), even when its action changes nothing: an idle window with one took about 1.4 % of a CPU
 * and woke two threads 70 times a second. A tick of this wakes the UI thread once, and the scene is pulsed only if
 * the action changed it. A tick is skipped while the last one still waits for the UI thread, so a busy UI thread never
 * gets a backlog.
 *
 * <p><b>Thread-safety:</b> {@link #start} and {@link #stop} may be called from any thread, but only a stop on the UI
 * thread is sure that no tick runs after it; the action runs on the JavaFX application thread only. The ticks of every
 * ticker are scheduled by one daemon thread, which holds a ticker (and what its action reaches) only while it ticks.
 */
public final class FxTicker {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nexus-ui-ticker").daemon(true).factory());

    private final long periodNanos;
    private final Runnable action;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The scheduled ticks while started, else {@code null}. Guarded by {@code this}. */
    private ScheduledFuture<?> ticks;

    /**
     * @param period time between ticks, positive
     * @param action what each tick runs on the UI thread
     */
    public FxTicker(Duration period, Runnable action) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be positive: " + period);
        }
        this.periodNanos = period.toNanos();
        this.action = action;
    }

    /**
     * @return a ticker running {@code action} every {@code period} while {@code node} is in a showing window, and once as
     *     it is shown; stopped otherwise, so a screen that is not shown, or a window that is gone, costs nothing and is
     *     not kept alive. UI thread only.
     */
    public static FxTicker whileShowing(Node node, Duration period, Runnable action) {
        FxThread.require();
        FxTicker ticker = new FxTicker(period, action);
        node.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false).subscribe(shown -> {
            if (shown) {
                action.run();
                ticker.start();
            } else {
                ticker.stop();
            }
        });
        return ticker;
    }

    /** Starts ticking, the first tick one period from now; does nothing while it ticks already. */
    public synchronized void start() {
        if (ticks == null) {
            ticks = SCHEDULER.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops ticking; called on the UI thread, no tick runs after it returns (unless {@link #start} is called again). */
    public synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    private void tick() {
        if (pending.compareAndSet(false, true)) {
            try {
                Platform.runLater(this::runOnUiThread);
            } catch (IllegalStateException toolkitNotRunning) {
                pending.set(false); // the next tick tries again; an exception here would end the schedule for good
            }
        }
    }

    private void runOnUiThread() {
        pending.set(false);
        synchronized (this) {
            if (ticks == null) {
                return; // stopped after this tick was handed over
            }
        }
        action.run();
    }
}
