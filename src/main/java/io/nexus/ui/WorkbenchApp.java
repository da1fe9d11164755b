package io.nexus.ui;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The workbench window. {@code --exit-after=MILLIS} closes it that long after it is shown (for launcher
 * smoke tests), printing nothing and exiting 0 if the window came up.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = Logger.getLogger(WorkbenchApp.class.getName());
    private BackgroundExecutor background;
    private Workbench workbench;

    public static void main(String[] args) {
        launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> reportUnexpected(e));
        background = BackgroundExecutor.threads("nexus-background", 2);
        workbench = Workbench.onThisMachine();
        MainWindow window = new MainWindow(workbench, background);
        Scene scene = new Scene(window.root(), 1280, 800);
        Theme.saved().apply();
        scene.getStylesheets().add(Resources.stylesheet());
        stage.setTitle("Nexus Workbench");
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();
        LOG.info(() -> "Nexus Workbench window shown, " + (int) scene.getWidth() + "x" + (int) scene.getHeight());
        exitAfter(getParameters().getRaw());
    }

    private static void exitAfter(List<String> args) {
        args.stream().filter(a -> a.startsWith("--exit-after=")).findFirst().ifPresent(a -> {
            PauseTransition wait = new PauseTransition(Duration.millis(Long.parseLong(a.substring("--exit-after=".length()))));
            wait.setOnFinished(e -> Platform.exit());
            wait.play();
        });
    }

    @Override
    public void stop() {
        if (background != null) {
            background.close();
        }
        if (workbench != null) {
            workbench.close();
        }
    }

    /** Logs an unexpected error and tells the operator in a dialog, on the UI thread. */
    private static void reportUnexpected(Throwable e) {
        LOG.log(Level.SEVERE, "unexpected error", e);
        Runnable show = () -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.toString() + "\n\nThe error was logged. What was measured is kept; "
                    + "if a run was in progress, start it again.");
            alert.setHeaderText("Something went wrong");
            alert.show();
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
