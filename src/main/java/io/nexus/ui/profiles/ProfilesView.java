package io.nexus.ui.profiles;

import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import io.nexus.ui.FxThread;
import io.nexus.ui.Icons;
import io.nexus.ui.Styles;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
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
 * The Profiles screen: the profile files in a list, a ControlsFX property sheet editing the selected one
 * with every invalid field marked (red, with the reason as its tooltip and in the list below), and Save,
 * Save as, Duplicate and Revert.
 */
public final class ProfilesView {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass(Styles.INVALID);
    private final ProfilesViewModel model;
    private final Node root;

    public ProfilesView(ProfilesViewModel model) {
        FxThread.require();
        this.model = model;
        this.root = build();
        model.refresh();
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
                model.select(name);
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
                new FieldItem<>("description", "Profile", "Description", "What the profile is for", String.class, m.description),
                new FieldItem<>("engine.mode", "Engine", "Mode", "self-paced workers, or a dispatcher feeding queues",
                        TuningProfile.EngineMode.class, m.mode),
                new FieldItem<>("engine.timing", "Engine", "Timing", "clock reads per op, per run of ops, or chosen from their cost",
                        TuningProfile.TimingMode.class, m.timing),
                new FieldItem<>("threads.count", "Threads", "Worker threads", "0 for one per CPU", Integer.class, m.threads.asObject()),
                new FieldItem<>("threads.pinning", "Threads", "Pinning", "none, one CPU each, or the node's CPUs",
                        TuningProfile.Pinning.class, m.pinning),
                new FieldItem<>("threads.cpus", "Threads", "CPUs", "CPU list such as 0-3,8; empty for all", String.class, m.cpus),
                new FieldItem<>("threads.idle", "Threads", "When idle", "spin, yield or back off", TuningProfile.IdleMode.class, m.idle),
                new FieldItem<>("queue.capacity", "Queue", "Capacity", "slots per worker queue, a power of two", Integer.class,
                        m.capacity.asObject()),
                new FieldItem<>("queue.batch", "Queue", "Batch", "ops per queue entry", Integer.class, m.batch.asObject()),
                new FieldItem<>("queue.window", "Queue", "Window", "ops in flight per worker, 0 for auto", Integer.class, m.window.asObject()),
                new FieldItem<>("memory.block_bytes", "Memory", "Block bytes", "size of a pool block", Long.class, m.blockBytes.asObject()),
                new FieldItem<>("memory.blocks_per_worker", "Memory", "Blocks per worker", "pre-allocated per worker", Integer.class,
                        m.blocksPerWorker.asObject()),
                new FieldItem<>("numa.policy", "NUMA", "Policy", "spread workers over nodes", TuningProfile.NumaPolicy.class, m.numa),
                new FieldItem<>("os.preset", "OS", "Preset", "latency or throughput: sysctl, JVM collector, C-states",
                        SystemSettings.Preset.class, m.preset),
                new FieldItem<>("os.allow_lower", "OS", "Allow lower", "let sysctl values lower the host's higher ones", Boolean.class,
                        m.allowLower.asObject()),
                new FieldItem<>("os.nofile", "OS", "Open files", "limit for the engine (limits.conf, LimitNOFILE)", Long.class, m.nofile.asObject()),
                new FieldItem<>("database.workload", "Database", "Workload", "PGTune's profiles", SystemSettings.DbWorkload.class, m.dbWorkload),
                new FieldItem<>("database.storage", "Database", "Storage", "ssd, nvme, hdd or san", SystemSettings.Storage.class, m.storage),
                new FieldItem<>("database.max_connections", "Database", "max_connections", "0 for the workload's default", Integer.class,
                        m.maxConnections.asObject()),
                new FieldItem<>("pooler.max_client_conn", "Pooler", "Clients", "PgBouncer max_client_conn", Integer.class, m.maxClientConn.asObject()),
                new FieldItem<>("pooler.default_pool_size", "Pooler", "Pool", "0 for 25, or less if max_connections is smaller", Integer.class,
                        m.poolSize.asObject()),
                new FieldItem<>("pooler.reserve_pool_size", "Pooler", "Reserve", "extra server connections for bursts", Integer.class,
                        m.reservePool.asObject()));
    }
}
