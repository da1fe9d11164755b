package io.nexus.ui.profiles;

import io.nexus.profile.ProfileKey;
import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import io.nexus.ui.FxThread;
import io.nexus.ui.FxTicker;
import io.nexus.ui.Icons;
import io.nexus.ui.Styles;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The Profiles screen: the profile files in a list (read again every 2 s while the window is open; the default
 * profile opened at start),
 * a ControlsFX property sheet editing the selected one with labels, units and help from {@link ProfileKey} and
 * every invalid field marked (red, with the reason as its tooltip and all of them in the list below), and
 * Save, Save as, Duplicate and Revert. Opening another profile with unsaved edits asks first.
 */
public final class ProfilesView {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass(Styles.INVALID);
    /** How often the list is read again, so profiles added, removed or renamed outside the window appear. */
    private static final Duration LIST_POLL = Duration.ofSeconds(2);
    private final ProfilesViewModel model;
    private final Node root;

    public ProfilesView(ProfilesViewModel model) {
        FxThread.require();
        this.model = model;
        this.root = build();
        model.refresh();
        FxTicker.whileShowing(root, LIST_POLL, model::refresh);
    }

    public Node node() {
        return root;
    }

    private Node build() {
        ListView<String> list = new ListView<>(model.names());
        list.setId("profileList");
        list.setPrefWidth(200);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, name) -> {
            if (name != null && !name.equals(model.selectedProperty().get())) {
                switchTo(name, list);
            }
        });
        model.selectedProperty().addListener((obs, old, name) -> list.getSelectionModel().select(name));

        PropertySheet sheet = new PropertySheet();
        sheet.setId("profileSheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME); // one flat list: an accordion would hide all but one category
        sheet.getItems().setAll(items());
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> marked(defaults.call(item), ((FieldItem<?>) item).key()));

        Label errors = new Label();
        errors.setId("profileErrors");
        errors.setWrapText(true);
        errors.getStyleClass().add(Styles.ERROR);
        errors.textProperty().bind(Bindings.createStringBinding(() -> model.errors().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n")), model.errors()));
        Label status = new Label();
        status.setId("profileStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        Button save = new Button("Save", Icons.SAVE.node(16));
        save.setId("saveProfile");
        save.setOnAction(e -> model.save());
        Button saveAs = new Button("Save as…");
        saveAs.setOnAction(e -> {
            TextInputDialog ask = new TextInputDialog(model.selectedProperty().get());
            ask.setHeaderText("Name of the new profile (letters, digits, . _ -)");
            ask.showAndWait().ifPresent(model::saveAs);
        });
        Button duplicate = new Button("Duplicate");
        duplicate.setOnAction(e -> model.duplicate());
        Button revert = new Button("Revert");
        revert.disableProperty().bind(model.dirtyProperty().not());
        revert.setOnAction(e -> model.revert());
        VBox editor = new VBox(8, sheet, errors, new HBox(8, save, saveAs, duplicate, revert), status);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        HBox.setHgrow(editor, Priority.ALWAYS);
        HBox screen = new HBox(16, list, editor);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    /** Opens profile {@code name}; with unsaved edits, asks first whether to save them, discard them or stay. */
    private void switchTo(String name, ListView<String> list) {
        if (!model.dirtyProperty().get()) {
            model.select(name);
            return;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Profile " + model.selectedProperty().get() + " has unsaved edits. Save them before"
                + " opening " + name + "?", save, discard, ButtonType.CANCEL);
        ask.setHeaderText("Save the edits to " + model.selectedProperty().get() + "?");
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            model.saveAndSelect(name);
        } else if (answer == discard) {
            model.select(name);
        }
        // stay on the edited profile until it is saved or discarded
        Platform.runLater(() -> list.getSelectionModel().select(model.selectedProperty().get()));
    }

    /** Marks an editor invalid, with the reason as tooltip, while the field has an error. */
    private PropertyEditor<?> marked(PropertyEditor<?> editor, String key) {
        Node node = editor.getEditor();
        node.setId("field-" + key.replace('.', '-').replace('_', '-'));
        Runnable update = () -> {
            String error = model.errors().get(key);
            node.pseudoClassStateChanged(INVALID, error != null);
            if (node instanceof javafx.scene.control.Control control) {
                control.setTooltip(error == null ? null : new Tooltip(error));
            }
        };
        model.errors().addListener((MapChangeListener<String, String>) change -> update.run());
        update.run();
        return editor;
    }

    private List<FieldItem<?>> items() {
        ProfilesViewModel m = model;
        return List.of(
                new FieldItem<>(ProfileKey.DESCRIPTION, String.class, m.description),
                new FieldItem<>(ProfileKey.ENGINE_MODE, TuningProfile.EngineMode.class, m.mode),
                new FieldItem<>(ProfileKey.ENGINE_TIMING, TuningProfile.TimingMode.class, m.timing),
                new FieldItem<>(ProfileKey.THREADS_COUNT, Integer.class, m.threads.asObject()),
                new FieldItem<>(ProfileKey.THREADS_PINNING, TuningProfile.Pinning.class, m.pinning),
                new FieldItem<>(ProfileKey.THREADS_CPUS, String.class, m.cpus),
                new FieldItem<>(ProfileKey.THREADS_IDLE, TuningProfile.IdleMode.class, m.idle),
                new FieldItem<>(ProfileKey.QUEUE_CAPACITY, Integer.class, m.capacity.asObject()),
                new FieldItem<>(ProfileKey.QUEUE_BATCH, Integer.class, m.batch.asObject()),
                new FieldItem<>(ProfileKey.QUEUE_WINDOW, Integer.class, m.window.asObject()),
                new FieldItem<>(ProfileKey.MEMORY_BLOCK_BYTES, Long.class, m.blockBytes.asObject()),
                new FieldItem<>(ProfileKey.MEMORY_BLOCKS, Integer.class, m.blocksPerWorker.asObject()),
                new FieldItem<>(ProfileKey.NUMA_POLICY, TuningProfile.NumaPolicy.class, m.numa),
                new FieldItem<>(ProfileKey.OS_PRESET, SystemSettings.Preset.class, m.preset),
                new FieldItem<>(ProfileKey.OS_ALLOW_LOWER, Boolean.class, m.allowLower.asObject()),
                new FieldItem<>(ProfileKey.OS_NOFILE, Long.class, m.nofile.asObject()),
                new FieldItem<>(ProfileKey.OS_CPU_DMA_LATENCY, Integer.class, m.cpuDmaLatency.asObject()),
                new FieldItem<>(ProfileKey.DATABASE_WORKLOAD, SystemSettings.DbWorkload.class, m.dbWorkload),
                new FieldItem<>(ProfileKey.DATABASE_STORAGE, SystemSettings.Storage.class, m.storage),
                new FieldItem<>(ProfileKey.DATABASE_MAX_CONNECTIONS, Integer.class, m.maxConnections.asObject()),
                new FieldItem<>(ProfileKey.POOLER_MAX_CLIENT_CONN, Integer.class, m.maxClientConn.asObject()),
                new FieldItem<>(ProfileKey.POOLER_POOL_SIZE, Integer.class, m.poolSize.asObject()),
                new FieldItem<>(ProfileKey.POOLER_RESERVE, Integer.class, m.reservePool.asObject()));
    }
}
