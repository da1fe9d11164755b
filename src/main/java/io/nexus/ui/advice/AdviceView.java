package io.nexus.ui.advice;

import io.nexus.bench.Finding;
import io.nexus.ui.FxThread;
import io.nexus.ui.Styles;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The advisor's panel: one card per finding (severity, title, evidence, advice, the profile values it changes) with
 * "Open in Profiles" where the finding has a profile change. Built in code; UI thread only.
 */
public final class AdviceView {
    private final AdviceViewModel model;
    private final VBox cards = new VBox(8);
    private final Node root;

    public AdviceView(AdviceViewModel model) {
        FxThread.require();
        this.model = model;
        Label status = new Label();
        status.getStyleClass().add(Styles.NOTE);
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(8, status, scroll);
        box.setId("advice");
        root = box;
        model.findings().addListener((ListChangeListener<Finding>) change -> rebuild());
        rebuild();
    }

    public Node node() {
        return root;
    }

    /** @return a tab holding the panel, titled "Advisor" with the number of findings when there are any */
    public Tab tab() {
        Tab tab = new Tab("Advisor", root);
        tab.textProperty().bind(Bindings.size(model.findings()).map(n -> n.intValue() == 0 ? "Advisor" : "Advisor (" + n + ")"));
        return tab;
    }

    private void rebuild() {
        cards.getChildren().setAll(model.findings().stream().map(this::card).toList());
    }

    private Node card(Finding f) {
        Label title = new Label(f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.title());
        title.getStyleClass().addAll(Styles.FINDING_TITLE, severityClass(f.severity()));
        Label evidence = wrapped("Evidence: " + f.evidence());
        Label advice = wrapped("Advice: " + f.advice());
        VBox card = new VBox(4, title, evidence, advice);
        card.setId("finding-" + f.rule());
        card.getStyleClass().add(Styles.FINDING);
        if (!f.change().isEmpty()) {
            Label values = wrapped("Profile: " + String.join(", ", f.change().entrySet().stream()
                    .map(e -> e.getKey().key() + " = " + e.getValue()).toList()));
            Button open = new Button("Open in Profiles");
            open.setId("apply-" + f.rule());
            open.setOnAction(e -> model.apply(f));
            HBox row = new HBox(8, values, open);
            HBox.setHgrow(values, Priority.ALWAYS);
            card.getChildren().add(row);
        }
        return card;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private static String severityClass(Finding.Severity severity) {
        return switch (severity) {
            case PROBLEM -> Styles.ERROR;
            case WARNING -> Styles.WARNING;
            case NOTE -> Styles.NOTE;
        };
    }
}
