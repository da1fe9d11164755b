package io.nexus.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TuningProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesViewModelTest {
    @TempDir
    Path dir;

    private ProfilesViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        ProfileFiles.write(TuningProfile.defaults().withName("default"), dir.resolve("default.toml"));
        model = new ProfilesViewModel(io.nexus.app.TestWorkbench.create(dir), BackgroundExecutor.sameThread(), Runnable::run);
        model.refresh();
        model.select("default");
    }

    @Test
    void anAdvisorsChangeOpensAsUnsavedEditsWithItsDiffAndNeverOverEditsOfTheOperator() throws Exception {
        io.nexus.bench.Finding finding = new io.nexus.bench.Finding("threads-over-cores", io.nexus.bench.Finding.Severity.WARNING, "t", "e", "a",
                java.util.Map.of(io.nexus.profile.ProfileKey.THREADS_COUNT, "3", io.nexus.profile.ProfileKey.THREADS_IDLE, "spin"));
        io.nexus.app.ProfileProposal proposal = io.nexus.app.ProfileProposal.of(finding, TuningProfile.defaults().withName("default"), dir);
        String before = Files.readString(dir.resolve("default.toml"));
        assertTrue(model.propose(proposal));
        assertEquals(3, model.threads.get());
        assertEquals(TuningProfile.IdleMode.SPIN, model.idle.get());
        assertTrue(model.dirtyProperty().get(), "not saved until the operator saves");
        assertTrue(model.statusProperty().get().contains("threads-over-cores") && model.statusProperty().get().contains("+ threads.count = 3"),
                model.statusProperty().get());
        assertEquals(before, Files.readString(dir.resolve("default.toml")));
        assertFalse(model.propose(proposal), "the editor now holds unsaved edits: a second proposal would throw them away");
        assertTrue(model.statusProperty().get().startsWith("not opened: default has unsaved edits"), model.statusProperty().get());
        model.save();
        assertEquals(3, ProfileFiles.read(dir.resolve("default.toml"), null).threads().orElseThrow());
    }

    /** Background work held until the test runs it: a profile's load that arrives after an advisor's change was opened. */
    @Test
    void aLoadThatArrivesLateDoesNotReplaceTheAdvisorsChangeNorASaveTheEditsMadeMeanwhile() throws Exception {
        java.util.List<Runnable> held = new java.util.ArrayList<>();
        BackgroundExecutor later = new BackgroundExecutor() {
            @Override
            public void execute(Runnable command) {
                held.add(command);
            }

            @Override
            public void close() {
            }
        };
        ProfilesViewModel slow = new ProfilesViewModel(io.nexus.app.TestWorkbench.create(dir), later, Runnable::run);
        slow.select("default");
        io.nexus.bench.Finding finding = new io.nexus.bench.Finding("threads-over-cores", io.nexus.bench.Finding.Severity.WARNING, "t", "e", "a",
                java.util.Map.of(io.nexus.profile.ProfileKey.THREADS_COUNT, "3"));
        assertTrue(slow.propose(io.nexus.app.ProfileProposal.of(finding, TuningProfile.defaults().withName("default"), dir)));
        held.removeFirst().run(); // the load of default.toml lands now
        assertEquals(3, slow.threads.get(), "the advisor's change stays in the editor");
        assertTrue(slow.dirtyProperty().get());

        slow.save();
        slow.batch.set(8); // typed while the file is written
        held.removeFirst().run();
        assertTrue(slow.dirtyProperty().get(), "the edit made during the save is still unsaved");
        assertEquals(3, ProfileFiles.read(dir.resolve("default.toml"), null).threads().orElseThrow());
    }

    @Test
    void everyEditIsValidatedAndInvalidFieldsAreNamed() {
        assertEquals(List.of("default"), model.names());
        assertTrue(model.errors().isEmpty());
        model.capacity.set(1000);
        model.batch.set(0);
        model.cpus.set("0-");
        assertTrue(model.dirtyProperty().get());
        assertEquals(java.util.Set.of("threads.cpus", "queue.capacity", "queue.batch"), model.errors().keySet(),
                "every invalid field at once, an unreadable CPU list among them");
        model.cpus.set("");
        assertEquals(java.util.Set.of("queue.capacity", "queue.batch"), model.errors().keySet());
        assertTrue(model.errors().get("queue.capacity").contains("power of two"));
    }

    @Test
    void theDefaultProfileIsOpenedAtStartAndAddedFilesAreListed() throws Exception {
        ProfileFiles.write(TuningProfile.defaults().withName("alpha"), dir.resolve("alpha.toml"));
        ProfilesViewModel fresh = new ProfilesViewModel(io.nexus.app.TestWorkbench.create(dir), BackgroundExecutor.sameThread(), Runnable::run);
        fresh.refresh();
        assertEquals("default", fresh.selectedProperty().get(), "default, not the first name");
        Files.copy(dir.resolve("alpha.toml"), dir.resolve("beta.toml"));
        fresh.refresh();
        assertEquals(List.of("alpha", "beta", "default"), fresh.names());
    }

    @Test
    void savingBeforeSwitchingKeepsTheEditsAndOpensTheOther() throws Exception {
        ProfileFiles.write(TuningProfile.defaults().withName("other"), dir.resolve("other.toml"));
        model.refresh();
        model.batch.set(32);
        model.saveAndSelect("other");
        assertEquals("other", model.selectedProperty().get());
        assertTrue(Files.readString(dir.resolve("default.toml")).contains("batch = 32"));
        model.batch.set(0);
        model.saveAndSelect("default");
        assertEquals("other", model.selectedProperty().get(), "edits that cannot be saved keep the profile open");
        assertTrue(model.dirtyProperty().get());
    }

    @Test
    void savingIsRefusedWhileInvalidAndTheFileIsLeftAlone() throws Exception {
        String before = Files.readString(dir.resolve("default.toml"));
        model.window.set(-1);
        model.save();
        assertTrue(model.statusProperty().get().startsWith("not saved: 1 invalid field (queue.window)"));
        assertEquals(before, Files.readString(dir.resolve("default.toml")));
        model.window.set(32);
        model.save();
        assertFalse(model.dirtyProperty().get());
        assertTrue(Files.readString(dir.resolve("default.toml")).contains("window = 32"));
    }

    @Test
    void theExportersSectionsAreEditedAndValidatedToo() throws Exception {
        model.nofile.set(10);
        model.maxClientConn.set(0);
        assertEquals(java.util.Set.of("os.nofile", "pooler.max_client_conn"), model.errors().keySet());
        model.nofile.set(65536);
        model.maxClientConn.set(500);
        model.dbWorkload.set(io.nexus.profile.SystemSettings.DbWorkload.OLTP);
        model.save();
        TuningProfile saved = ProfileFiles.read(dir.resolve("default.toml"), null);
        assertEquals(65536, saved.system().nofile());
        assertEquals(io.nexus.profile.SystemSettings.DbWorkload.OLTP, saved.system().dbWorkload());
        assertEquals(500, saved.system().maxClientConn());
    }

    @Test
    void duplicateAndRevert() throws Exception {
        model.duplicate();
        assertEquals("default-copy", model.selectedProperty().get());
        assertTrue(Files.exists(dir.resolve("default-copy.toml")));
        assertEquals(List.of("default", "default-copy"), model.names());
        model.batch.set(8);
        model.revert();
        assertEquals(TuningProfile.defaults().batch(), model.batch.get());
        assertFalse(model.dirtyProperty().get());
    }
}
