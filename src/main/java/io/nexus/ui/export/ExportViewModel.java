package io.nexus.ui.export;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.IoErrors;
import io.nexus.app.ExportBundle;
import io.nexus.app.Workbench;
import io.nexus.profile.ProfileException;
import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import io.nexus.tuning.Setting;
import io.nexus.tuning.TuningException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

/**
 * The Export screen: choose profile, preset, database workload and targets, preview every file (with
 * each sysctl's live value beside the generated one), and save the bundle. Generation and writing go to
 * the background executor. UI thread only.
 */
public final class ExportViewModel {
    /** One row of the sysctl preview: the key, the host's live value, the generated value and why. */
    public record SysctlRow(String key, String live, String generated, String why) {
        /** @return whether applying the bundle changes this key on this host (values compared word by word, as sysctl prints them) */
        public boolean changesTheHost() {
            return !live.strip().replaceAll("\\s+", " ").equals(generated.strip().replaceAll("\\s+", " "));
        }
    }

    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>("default");
    private final ObjectProperty<SystemSettings.Preset> preset = new SimpleObjectProperty<>(SystemSettings.Preset.THROUGHPUT);
    private final ObjectProperty<SystemSettings.DbWorkload> workload = new SimpleObjectProperty<>(SystemSettings.DbWorkload.WEB);
    private final IntegerProperty maxConnections = new SimpleIntegerProperty(0);
    private final ObservableSet<ExportBundle.Target> targets = FXCollections.observableSet(EnumSet.complementOf(EnumSet.of(ExportBundle.Target.COMPOSE)));
    private final StringProperty outDir = new SimpleStringProperty("nexus-bundle");
    private final ObservableMap<String, String> files = FXCollections.observableMap(new java.util.LinkedHashMap<>());
    private final ObservableList<SysctlRow> sysctl = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty replaceAsked = new SimpleStringProperty();

    public ExportViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
    }

    /** Generates every chosen file for this host and shows them; bad input is reported field by field and nothing is shown. */
    public void generate() {
        String profileName = profile.get();
        SystemSettings.Preset p = preset.get();
        SystemSettings.DbWorkload w = workload.get();
        int connections = maxConnections.get();
        Set<ExportBundle.Target> chosen = targets.isEmpty() ? Set.of() : EnumSet.copyOf(targets);
        background.execute(() -> {
            try {
                TuningProfile loaded = workbench.loadProfile(workbench.profilesDir().resolve(profileName + ".toml"));
                TuningProfile tp = loaded.withSystem(loaded.system().withChoices(p, w,
                        connections > 0 ? java.util.OptionalInt.of(connections) : java.util.OptionalInt.empty()));
                List<io.nexus.profile.FieldError> invalid = io.nexus.profile.ProfileValidator.validate(tp, null);
                if (!invalid.isEmpty()) {
                    throw new TuningException(invalid);
                }
                ExportBundle bundle = ExportBundle.of(tp, workbench.topology());
                Map<String, String> live = bundle.liveSysctl();
                Map<String, String> generated = bundle.files(chosen);
                List<SysctlRow> rows = bundle.sysctl().stream()
                        .map((Setting s) -> new SysctlRow(s.name(), live.getOrDefault(s.name(), "(absent)"), s.value(), s.why())).toList();
                ui.execute(() -> {
                    files.clear();
                    files.putAll(generated);
                    sysctl.setAll(rows);
                    message.set(generated.size() + " files for " + (bundle.host().ramBytes() >> 20) + " MiB RAM, " + bundle.host().cores() + " cores");
                });
            } catch (ProfileException | TuningException e) {
                ui.execute(() -> {
                    files.clear();
                    message.set("not generated: " + e.getMessage());
                });
            }
        });
    }

    /**
     * Writes the previewed files to the output directory. A directory with files in it is not written into unless
     * {@code replace}: {@link #replaceAskedProperty()} then names it, for the view to ask.
     */
    public void save(boolean replace) {
        if (files.isEmpty()) {
            message.set("generate the files first");
            return;
        }
        Map<String, String> toWrite = Map.copyOf(files);
        Path dir = Path.of(outDir.get());
        replaceAsked.set(null);
        background.execute(() -> {
            try {
                if (!replace && ExportBundle.holdsFiles(dir)) {
                    ui.execute(() -> {
                        replaceAsked.set(dir.toAbsolutePath().toString());
                        message.set("not saved yet: " + dir.toAbsolutePath() + " is not empty");
                    });
                    return;
                }
                ExportBundle.write(new java.util.LinkedHashMap<>(toWrite), dir);
                ui.execute(() -> message.set("saved " + toWrite.size() + " files to " + dir.toAbsolutePath()));
            } catch (IOException e) {
                ui.execute(() -> message.set("not saved: " + IoErrors.describe(e)));
            }
        });
    }

    public ObjectProperty<String> profileProperty() { return profile; }
    public ObjectProperty<SystemSettings.Preset> presetProperty() { return preset; }
    public ObjectProperty<SystemSettings.DbWorkload> workloadProperty() { return workload; }
    /** @return PostgreSQL max_connections; 0 takes the workload's default */
    public IntegerProperty maxConnectionsProperty() { return maxConnections; }
    public ObservableSet<ExportBundle.Target> targets() { return targets; }
    public StringProperty outDirProperty() { return outDir; }
    /** @return the previewed files by name */
    public ObservableMap<String, String> files() { return files; }
    public ObservableList<SysctlRow> sysctl() { return sysctl; }
    public StringProperty messageProperty() { return message; }
    /** @return the non-empty directory the last save would have written into, to ask before replacing; {@code null} if none */
    public StringProperty replaceAskedProperty() { return replaceAsked; }
}
