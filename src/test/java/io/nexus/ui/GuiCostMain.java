package io.nexus.ui;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * Measures what the open window costs a run (issue 11, item 18): starts the real window (1280x800, the app's
 * theme and stylesheet), sets the Run form as an operator types it, presses Start, and prints the run's ops/s
 * when it ends, while the live charts are drawn, and the UI thread's CPU time from the first sample drawn to the
 * result, as a percentage of one CPU; then presses Start again for each further run asked, as soon as the form takes
 * it (once the last result is saved), one line per run (the first run in a fresh window also pays for compiling the
 * window's code). The first Start is pressed once the window has settled (the JIT has compiled nothing for half a
 * second, at most 30 s after it is shown), as an operator reads the form before starting a run; {@code now} presses it
 * as soon as the window is shown, so that the run also pays for compiling the window's start-up. Not a test:
 * {@code assets/measure-gui-cost.sh} runs it in fresh JVMs alternating with the same run from the CLI.
 *
 * <p>Arguments: workload, warm-up seconds, duration seconds, and optionally runs (default 1) and {@code now}.
 */
public final class GuiCostMain {
    private GuiCostMain() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        boolean now = args.length > 4 && args[4].equals("now");
        AtomicReference<Long> fxThread = new AtomicReference<>();
        AtomicReference<Long> fxAtStart = new AtomicReference<>();
        AtomicReference<Long> wallAtStart = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(runs);
        BackgroundExecutor background = BackgroundExecutor.threads("nexus-background", 2);
        Workbench workbench = Workbench.onThisMachine();
        Platform.startup(() -> {
            Theme.LIGHT.apply();
            MainWindow window = new MainWindow(workbench, background);
            Scene scene = new Scene(window.root(), 1280, 800);
            scene.getStylesheets().add(Resources.stylesheet());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            window.show(MainWindow.Screen.RUN);
            window.live().resultProperty().subscribe(r -> {
                if (r != null) {
                    System.out.printf(java.util.Locale.ROOT, "%.1f %.1f%n", r.opsPerSecond(),
                            100.0 * (cpu(fxThread.get()) - fxAtStart.get()) / (System.nanoTime() - wallAtStart.get()));
                    fxAtStart.set(null);
                    done.countDown();
                }
            });
            Button start = (Button) scene.lookup("#start");
            start.disabledProperty().subscribe(busy -> {
                if (!busy && done.getCount() > 0 && window.live().resultProperty().get() != null) {
                    Platform.runLater(start::fire); // the next run, once the last one's result is saved
                }
            });
            @SuppressWarnings("unchecked")
            ChoiceBox<String> choice = (ChoiceBox<String>) scene.lookup("#workload");
            choice.setValue(workload);
            type(scene, "#warmup", args[1]);
            type(scene, "#duration", args[2]);
            fxThread.set(Thread.currentThread().threadId());
            window.live().samples().subscribe(() -> {
                if (fxAtStart.get() == null && !window.live().samples().isEmpty()) {
                    fxAtStart.set(cpu(fxThread.get()));
                    wallAtStart.set(System.nanoTime());
                }
            });
            if (now) {
                start.fire();
            } else {
                Thread.ofPlatform().daemon().name("settle").start(() -> {
                    try {
                        awaitSettled();
                    } finally {
                        Platform.runLater(start::fire); // also where the JIT's time cannot be read
                    }
                });
            }
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the runs did not end");
        }
        Platform.exit();
        background.close();
        workbench.close();
        System.exit(0);
    }

    /** Returns once the JIT's total compilation time has not grown for 500 ms, or 30 s from now. */
    private static void awaitSettled() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = -1;
        while (jit.getTotalCompilationTime() != last && System.nanoTime() < deadline) {
            last = jit.getTotalCompilationTime();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private static long cpu(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    private static void type(Scene scene, String id, String text) {
        TextField field = (TextField) scene.lookup(id);
        field.setText(text);
        field.commitValue();
    }
}
