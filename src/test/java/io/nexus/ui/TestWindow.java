package io.nexus.ui;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The real main window at 1280x800 with the app's stylesheet, on a stage TestFX provides. */
final class TestWindow {
    private TestWindow() {
    }

    /** @return the window, shown on {@code stage}, with profiles read from {@code profiles} */
    static MainWindow show(Stage stage, Path profiles, BackgroundExecutor background) {
        return show(stage, io.nexus.app.TestWorkbench.create(profiles), background);
    }

    /** @return the window on {@code workbench}, shown on {@code stage} */
    static MainWindow show(Stage stage, Workbench workbench, BackgroundExecutor background) {
        MainWindow window = new MainWindow(workbench, background);
        Scene scene = new Scene(window.root(), 1280, 800);
        Theme.LIGHT.apply(); // tests start light, whatever the last one chose
        scene.getStylesheets().add(Resources.stylesheet());
        stage.setScene(scene);
        stage.show();
        return window;
    }
}
