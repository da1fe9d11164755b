package io.nexus.ui;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import io.nexus.ui.advice.AdviceViewModel;
import io.nexus.ui.dashboard.CalibrationViewModel;
import io.nexus.ui.dashboard.DashboardView;
import io.nexus.ui.dashboard.DashboardViewModel;
import io.nexus.ui.export.ExportView;
import io.nexus.ui.export.ExportViewModel;
import io.nexus.ui.history.HistoryView;
import io.nexus.ui.history.HistoryViewModel;
import io.nexus.ui.profiles.ProfilesView;
import io.nexus.ui.profiles.ProfilesViewModel;
import io.nexus.ui.run.RunView;
import io.nexus.ui.run.RunViewModel;
import io.nexus.ui.scaling.ScalingView;
import io.nexus.ui.scaling.ScalingViewModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: a navigation rail on the left and the selected screen in the middle. Every
 * screen is built once and kept, so a run keeps feeding the Dashboard while the Run screen is hidden.
 */
public final class MainWindow {
    /** The screens on the rail, in order. */
    public enum Screen {
        DASHBOARD("Dashboard", Icons.DASHBOARD),
        RUN("Run", Icons.RUN),
        SCALING("Scaling", Icons.SCALING),
        PROFILES("Profiles", Icons.PROFILES),
        HISTORY("History", Icons.HISTORY),
        EXPORT("Export", Icons.EXPORT);

        final String title;
        final Icons icon;

        Screen(String title, Icons icon) {
            this.title = title;
            this.icon = icon;
        }
    }

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<Screen, Node> screens = new LinkedHashMap<>();
    private final Map<Screen, ToggleButton> buttons = new LinkedHashMap<>();
    private final LiveRun live = new LiveRun();
    private final HistoryViewModel history;

    /**
     * @param background where the screens send long work
     */
    public MainWindow(Workbench workbench, BackgroundExecutor background) {
        FxThread.require();
        Executor ui = Platform::runLater;
        screens.put(Screen.DASHBOARD, new DashboardView(new DashboardViewModel(live, workbench.topology()),
                new CalibrationViewModel(workbench, background, ui)).node());
        RunViewModel run = new RunViewModel(workbench, background, ui, live);
        ProfilesViewModel profiles = new ProfilesViewModel(workbench, background, ui);
        profiles.selectedProperty().addListener((obs, old, name) -> {
            if (name != null) {
                run.profileProperty().set(name); // the run form uses the profile last chosen in the editor
            }
        });
        screens.put(Screen.RUN, new RunView(run).node());
        FxTicker.whileShowing(root, RunViewModel.POLL_INTERVAL, run::pollSamples); // on any screen: the Dashboard shows the run too
        ScalingViewModel scaling = new ScalingViewModel(workbench, background, ui);
        screens.put(Screen.SCALING, new ScalingView(scaling).node());
        screens.put(Screen.PROFILES, new ProfilesView(profiles).node());
        history = new HistoryViewModel(workbench, background, ui);
        for (AdviceViewModel advice : List.of(run.advice(), scaling.advice(), history.advice())) {
            advice.onProposal(proposal -> {
                if (profiles.propose(proposal)) {
                    show(Screen.PROFILES);
                } else {
                    advice.statusProperty().set(profiles.statusProperty().get());
                }
            });
        }
        screens.put(Screen.HISTORY, new HistoryView(history).node());
        screens.put(Screen.EXPORT, new ExportView(new ExportViewModel(workbench, background, ui), run.profileNames()).node());
        VBox rail = new VBox(4);
        rail.getStyleClass().add(Styles.NAV_RAIL);
        Label brand = new Label("Nexus");
        brand.getStyleClass().add(Styles.SCREEN_TITLE);
        rail.getChildren().add(brand);
        ToggleGroup group = new ToggleGroup();
        for (Screen s : Screen.values()) {
            ToggleButton b = new ToggleButton(s.title, s.icon.node(22));
            b.setId("nav-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add(Styles.NAV_BUTTON);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> show(s));
            buttons.put(s, b);
            rail.getChildren().add(b);
        }
        ToggleButton dark = new ToggleButton("Dark theme", Icons.THEME.node(22));
        dark.setId("theme");
        dark.getStyleClass().add(Styles.NAV_BUTTON);
        dark.setMaxWidth(Double.MAX_VALUE);
        dark.setSelected(Theme.DARK.isApplied());
        dark.selectedProperty().subscribe(on -> (on ? Theme.DARK : Theme.LIGHT).apply());
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        rail.getChildren().addAll(gap, dark);
        root.getStyleClass().add(Styles.ROOT);
        root.setLeft(rail);
        root.setCenter(content);
        show(Screen.DASHBOARD);
    }

    /** Shows {@code screen}. UI thread only. */
    public void show(Screen screen) {
        FxThread.require();
        content.getChildren().setAll(screens.get(screen));
        buttons.get(screen).setSelected(true);
        if (screen == Screen.HISTORY) {
            history.refresh();
        }
    }

    /** @return the window's root node */
    public Parent root() {
        return root;
    }

    /** @return the run shown by the window */
    public LiveRun live() {
        return live;
    }
}
