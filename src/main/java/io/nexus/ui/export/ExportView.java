package io.nexus.ui.export;

import io.nexus.app.ExportBundle;
import io.nexus.profile.SystemSettings;
import io.nexus.ui.Forms;
import io.nexus.ui.FxThread;
import io.nexus.ui.Icons;
import io.nexus.ui.Styles;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.converter.IntegerStringConverter;

/**
 * The Export screen: choose, preview every file (sysctl with the live host value beside it, the keys the bundle would
 * change highlighted), and save the bundle into a folder chosen or typed; Save waits for Generate, and a folder that is
 * not empty is written into only after asking.
 */
public final class ExportView {
    /** Marks the sysctl rows whose generated value differs from the host's live one. */
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass(Styles.CHANGED);
    private final ExportViewModel model;
    private final TabPane previews = new TabPane();
    private final Node root;

    public ExportView(ExportViewModel model, java.util.List<String> profiles) {
        FxThread.require();
        this.model = model;
        this.root = build(profiles);
        model.files().addListener((MapChangeListener<String, String>) c -> showFiles());
    }

    public Node node() {
        return root;
    }

    private Node build(java.util.List<String> profileNames) {
        GridPane form = Forms.grid();
        ChoiceBox<String> profile = new ChoiceBox<>(FXCollections.observableArrayList(profileNames));
        profile.valueProperty().bindBidirectional(model.profileProperty());
        Forms.row(form, "Profile", profile);
        ChoiceBox<SystemSettings.Preset> preset = new ChoiceBox<>(FXCollections.observableArrayList(SystemSettings.Preset.values()));
        preset.valueProperty().bindBidirectional(model.presetProperty());
        Forms.row(form, "Preset", preset);
        ChoiceBox<SystemSettings.DbWorkload> workload = new ChoiceBox<>(FXCollections.observableArrayList(SystemSettings.DbWorkload.values()));
        workload.valueProperty().bindBidirectional(model.workloadProperty());
        Forms.row(form, "Database workload", workload);
        Forms.row(form, "max_connections (0: by workload)",
                Forms.numberField(model.maxConnectionsProperty().asObject(), new IntegerStringConverter(), "exportMaxConnections"));
        FlowPane targets = new FlowPane(8, 4);
        for (ExportBundle.Target t : ExportBundle.Target.values()) {
            CheckBox box = new CheckBox(t.name().toLowerCase(Locale.ROOT));
            box.setSelected(model.targets().contains(t));
            box.selectedProperty().addListener((obs, old, on) -> {
                if (on) {
                    model.targets().add(t);
                } else {
                    model.targets().remove(t);
                }
            });
            targets.getChildren().add(box);
        }
        Forms.row(form, "Targets", targets);
        TextField out = new TextField();
        out.setId("exportDir");
        out.textProperty().bindBidirectional(model.outDirProperty());
        Button choose = new Button("Choose…");
        choose.setId("exportChoose");
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the bundle");
            java.io.File current = java.nio.file.Path.of(out.getText()).toAbsolutePath().toFile();
            chooser.setInitialDirectory(current.isDirectory() ? current : new java.io.File(System.getProperty("user.home")));
            java.io.File dir = chooser.showDialog(choose.getScene().getWindow());
            if (dir != null) {
                out.setText(dir.getPath());
            }
        });
        HBox outRow = new HBox(4, out, choose);
        HBox.setHgrow(out, Priority.ALWAYS);
        Forms.row(form, "Save to", outRow);
        Button generate = new Button("Generate", Icons.START.node(16));
        generate.setId("exportGenerate");
        generate.setOnAction(e -> model.generate());
        Button save = new Button("Save bundle", Icons.SAVE.node(16));
        save.setId("exportSave");
        save.setOnAction(e -> model.save(false));
        save.disableProperty().bind(Bindings.isEmpty(model.files()));
        model.replaceAskedProperty().addListener((obs, old, dir) -> {
            if (dir != null) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, dir + " has files in it; those of the bundle's names will be replaced.",
                        ButtonType.OK, ButtonType.CANCEL);
                ask.setHeaderText("Save the bundle into a folder that is not empty?");
                ask.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.save(true));
            }
        });
        Label message = new Label();
        message.setId("exportMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add(Styles.NOTE);
        VBox controls = new VBox(8, form, new HBox(8, generate, save), message);
        controls.setPrefWidth(430);
        controls.setMinWidth(430);

        TableView<ExportViewModel.SysctlRow> sysctl = new TableView<>(model.sysctl());
        sysctl.setId("exportSysctl");
        sysctl.getColumns().add(column("key", ExportViewModel.SysctlRow::key));
        sysctl.getColumns().add(column("live on this host", ExportViewModel.SysctlRow::live));
        sysctl.getColumns().add(column("generated", ExportViewModel.SysctlRow::generated));
        sysctl.getColumns().add(column("why", ExportViewModel.SysctlRow::why));
        sysctl.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sysctl.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ExportViewModel.SysctlRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(CHANGED, !empty && row != null && row.changesTheHost());
            }
        });
        sysctl.setPrefHeight(240);
        previews.setId("exportPreviews");
        VBox right = new VBox(8, sysctl, previews);
        VBox.setVgrow(previews, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox screen = new HBox(16, controls, right);
        screen.getStyleClass().add(Styles.SCREEN);
        return screen;
    }

    private static TableColumn<ExportViewModel.SysctlRow, String> column(String name, Function<ExportViewModel.SysctlRow, String> value) {
        TableColumn<ExportViewModel.SysctlRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private void showFiles() {
        previews.getTabs().setAll(model.files().entrySet().stream().map(f -> {
            TextArea text = new TextArea(f.getValue());
            text.setEditable(false);
            text.setStyle("-fx-font-family: monospace;");
            return new Tab(f.getKey(), text);
        }).toList());
        previews.getTabs().forEach(t -> t.setClosable(false));
    }
}
