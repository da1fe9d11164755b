package io.nexus.ui.profiles;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.Workbench;
import io.nexus.engine.topology.CpuList;
import io.nexus.profile.FieldError;
import io.nexus.profile.HostFacts;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.ProfileValidator;
import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Profiles screen: the profiles under {@code profiles/}, and an editor of the selected one whose
 * every field is validated as it changes (errors keyed by the field's TOML name, e.g.
 * {@code queue.capacity}). Saving is refused while any field is invalid; writes are atomic. UI thread
 * only; file reads and writes go to the background executor.
 */
public final class ProfilesViewModel {
    /** The profile selected when the screen opens, where it exists. */
    static final String DEFAULT = "default";
    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final HostFacts host;

    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    final StringProperty description = new SimpleStringProperty("");
    final IntegerProperty threads = new SimpleIntegerProperty(0);
    final ObjectProperty<TuningProfile.Pinning> pinning = new SimpleObjectProperty<>(TuningProfile.Pinning.NONE);
    final StringProperty cpus = new SimpleStringProperty("");
    final ObjectProperty<TuningProfile.IdleMode> idle = new SimpleObjectProperty<>(TuningProfile.IdleMode.BACKOFF);
    final IntegerProperty capacity = new SimpleIntegerProperty();
    final IntegerProperty batch = new SimpleIntegerProperty();
    final IntegerProperty window = new SimpleIntegerProperty();
    final LongProperty blockBytes = new SimpleLongProperty();
    final IntegerProperty blocksPerWorker = new SimpleIntegerProperty();
    final ObjectProperty<TuningProfile.NumaPolicy> numa = new SimpleObjectProperty<>(TuningProfile.NumaPolicy.NONE);
    final ObjectProperty<TuningProfile.EngineMode> mode = new SimpleObjectProperty<>(TuningProfile.EngineMode.SELF_PACED);
    final ObjectProperty<TuningProfile.TimingMode> timing = new SimpleObjectProperty<>(TuningProfile.TimingMode.AUTO);
    final ObjectProperty<SystemSettings.Preset> preset = new SimpleObjectProperty<>(SystemSettings.Preset.THROUGHPUT);
    final BooleanProperty allowLower = new SimpleBooleanProperty(false);
    final LongProperty nofile = new SimpleLongProperty();
    final ObjectProperty<SystemSettings.DbWorkload> dbWorkload = new SimpleObjectProperty<>(SystemSettings.DbWorkload.WEB);
    final ObjectProperty<SystemSettings.Storage> storage = new SimpleObjectProperty<>(SystemSettings.Storage.SSD);
    final IntegerProperty maxConnections = new SimpleIntegerProperty(0);
    final IntegerProperty maxClientConn = new SimpleIntegerProperty();
    final IntegerProperty poolSize = new SimpleIntegerProperty(0);
    final IntegerProperty reservePool = new SimpleIntegerProperty();
    final IntegerProperty cpuDmaLatency = new SimpleIntegerProperty(0);
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private boolean loading;
    /** Counts profiles opened (and advisor changes proposed), so that a load that arrives late is dropped. */
    private int generation;
    /** Counts the operator's edits, so that a save does not call edits made meanwhile saved. */
    private long edits;
    /** The profile's host-side sections as loaded: the user, container and host overrides are kept from the file. */
    private io.nexus.profile.SystemSettings system = io.nexus.profile.SystemSettings.defaults();
    /** The profile's [api] section: edited in the file only, carried through a save. */
    private io.nexus.profile.ApiSettings api = io.nexus.profile.ApiSettings.defaults();

    public ProfilesViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        this.host = workbench.hostFacts();
        for (Observable field : List.of(description, threads, pinning, cpus, idle, capacity, batch, window, blockBytes, blocksPerWorker, numa, mode, timing,
                preset, allowLower, nofile, dbWorkload, storage, maxConnections, maxClientConn, poolSize, reservePool, cpuDmaLatency)) {
            field.addListener(o -> edited());
        }
        show(TuningProfile.defaults());
    }

    /** Re-reads the list of profile files (cheap: the view calls it every few seconds); selects the default profile if none is. */
    public void refresh() {
        background.execute(() -> {
            try {
                List<String> found = ProfileFiles.list(workbench.profilesDir()).stream().map(ProfilesViewModel::nameOf).sorted().toList();
                ui.execute(() -> {
                    if (!names.equals(found)) {
                        names.setAll(found);
                    }
                    if (selected.get() == null && !found.isEmpty()) {
                        select(found.contains(DEFAULT) ? DEFAULT : found.getFirst());
                    }
                });
            } catch (IOException e) {
                ui.execute(() -> status.set("cannot list " + workbench.profilesDir() + ": " + e.getMessage()));
            }
        });
    }

    /** Loads profile {@code name} into the editor; a file with bad values still loads, its bad fields marked. */
    public void select(String name) {
        selected.set(name);
        Path file = fileOf(name);
        int opening = ++generation;
        background.execute(() -> {
            try {
                TuningProfile p = ProfileFiles.parse(name, Files.readString(file));
                ui.execute(() -> {
                    if (opening != generation) {
                        return; // another profile, or an advisor's change, was opened since: this load is stale
                    }
                    show(p);
                    status.set(errors.isEmpty() ? "" : "this file has invalid fields: fix them before it can be used");
                });
            } catch (IOException | ProfileException e) {
                ui.execute(() -> status.set("cannot open " + file + ": " + e.getMessage()));
            }
        });
    }

    private void show(TuningProfile p) {
        loading = true;
        system = p.system();
        api = p.api();
        description.set(p.description());
        threads.set(p.threads().orElse(0));
        pinning.set(p.pinning());
        cpus.set(String.join(",", p.cpus().stream().map(String::valueOf).toList()));
        idle.set(p.idle());
        capacity.set(p.queueCapacity());
        batch.set(p.batch());
        window.set(p.window());
        blockBytes.set(p.blockBytes());
        blocksPerWorker.set(p.blocksPerWorker());
        numa.set(p.numa());
        mode.set(p.mode());
        timing.set(p.timing());
        SystemSettings s = p.system();
        preset.set(s.preset());
        allowLower.set(s.allowLower());
        nofile.set(s.nofile());
        dbWorkload.set(s.dbWorkload());
        storage.set(s.storage());
        maxConnections.set(s.maxConnections().orElse(0));
        maxClientConn.set(s.maxClientConn());
        poolSize.set(s.poolSize().orElse(0));
        reservePool.set(s.reservePool());
        cpuDmaLatency.set(s.cpuDmaLatencyUs().orElse(0));
        loading = false;
        validate();
        dirty.set(false);
    }

    private void edited() {
        if (!loading) {
            edits++;
            dirty.set(true);
            validate();
        }
    }

    /** @return the profile the editor holds, or empty if the CPU list does not parse */
    private java.util.Optional<TuningProfile> current(String name) {
        return cpuList().map(cpuList -> profile(name, cpuList));
    }

    /** @return the editor's CPU list, or empty if it does not parse */
    private java.util.Optional<List<Integer>> cpuList() {
        try {
            return java.util.Optional.of(CpuList.parse(cpus.get().replace(' ', ',')));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private TuningProfile profile(String name, List<Integer> cpuList) {
        return new TuningProfile(name, description.get(), threads.get() == 0 ? OptionalInt.empty()
                : OptionalInt.of(threads.get()), pinning.get(), cpuList, idle.get(), capacity.get(), batch.get(), window.get(),
                blockBytes.get(), blocksPerWorker.get(), numa.get(), mode.get(), timing.get(), new SystemSettings(preset.get(), allowLower.get(), nofile.get(),
                system.user(), dbWorkload.get(), storage.get(), maxConnections.get() == 0 ? OptionalInt.empty() : OptionalInt.of(maxConnections.get()),
                maxClientConn.get(), poolSize.get() == 0 ? OptionalInt.empty() : OptionalInt.of(poolSize.get()), reservePool.get(),
                system.containerMemoryBytes(), system.containerCpus(), system.hostRamBytes(), system.hostCores(),
                cpuDmaLatency.get() == 0 ? OptionalInt.empty() : OptionalInt.of(cpuDmaLatency.get())), api);
    }

    private void validate() {
        errors.clear();
        java.util.Optional<List<Integer>> cpuList = cpuList();
        if (cpuList.isEmpty()) {
            errors.put("threads.cpus", "must be a CPU list such as 0-3,8");
        }
        TuningProfile p = profile(selected.get() == null ? "new" : selected.get(), cpuList.orElse(List.of()));
        for (FieldError e : ProfileValidator.validate(p, host)) {
            errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b);
        }
        if (threads.get() < 0) {
            errors.put("threads.count", "must be at least 1, or 0 for one worker per CPU");
        }
    }

    /**
     * Opens an advisor's change as unsaved edits of its profile: Save keeps it (in that profile's file, or a new file of its
     * name), Revert drops it; the status shows the diff.
     *
     * @return false, with the status saying why, when the editor holds unsaved edits of its own (they are kept)
     */
    public boolean propose(io.nexus.app.ProfileProposal proposal) {
        if (dirty.get()) {
            status.set("not opened: " + selected.get() + " has unsaved edits; save or revert them, then open the advisor's change again");
            return false;
        }
        generation++;
        selected.set(proposal.changed().name());
        show(proposal.changed());
        dirty.set(true);
        status.set("proposed by the advisor (" + proposal.finding().rule() + ")" + proposal.file().map(f -> " for " + f).orElse(": Save writes it to "
                + fileOf(proposal.changed().name())) + "; Save keeps it, Revert drops it\n" + String.join("\n", proposal.diff()));
        return true;
    }

    /** Saves the editor to the selected profile's file; refused while a field is invalid. */
    public void save() {
        saveTo(selected.get());
    }

    /** Saves the editor as a new profile {@code name}, which becomes the selected one. */
    public void saveAs(String name) {
        saveTo(name);
    }

    /** Copies the selected profile to {@code <name>-copy} and selects the copy. */
    public void duplicate() {
        String base = selected.get() == null ? "profile" : selected.get();
        String name = base + "-copy";
        for (int i = 2; names.contains(name); i++) {
            name = base + "-copy" + i;
        }
        saveTo(name);
    }

    /** Throws away the edits and reloads the selected profile from its file. */
    public void revert() {
        if (selected.get() != null) {
            select(selected.get());
        }
    }

    /** Saves the edits to the selected profile, then opens {@code next}; if they cannot be saved, stays (the status says why). */
    public void saveAndSelect(String next) {
        saveTo(selected.get(), () -> select(next));
    }

    private void saveTo(String name) {
        saveTo(name, () -> { });
    }

    private void saveTo(String name, Runnable then) {
        if (name == null || name.isBlank()) {
            status.set("choose a profile, or use Save as with a name");
            return;
        }
        if (!errors.isEmpty()) {
            status.set("not saved: " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + " (" + String.join(", ", errors.keySet()) + ")");
            return;
        }
        java.util.Optional<TuningProfile> p = current(name);
        if (p.isEmpty()) {
            return;
        }
        TuningProfile profile = p.get();
        Path file = fileOf(name);
        long saved = edits;
        background.execute(() -> {
            try {
                ProfileFiles.write(profile, file);
                ui.execute(() -> {
                    selected.set(name);
                    dirty.set(edits != saved); // edits made while it was written are still unsaved
                    status.set("saved " + file);
                    refresh();
                    then.run();
                });
            } catch (ProfileException e) {
                ui.execute(() -> status.set("not saved: " + e.getMessage()));
            }
        });
    }

    private Path fileOf(String name) {
        return workbench.profilesDir().resolve(name + ProfileFiles.EXTENSION);
    }

    private static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ProfileFiles.EXTENSION.length());
    }

    public ObservableList<String> names() { return names; }
    public ObjectProperty<String> selectedProperty() { return selected; }
    /** @return each invalid field's TOML name and what is wrong with it */
    public ObservableMap<String, String> errors() { return errors; }
    public BooleanProperty dirtyProperty() { return dirty; }
    public StringProperty statusProperty() { return status; }
}
