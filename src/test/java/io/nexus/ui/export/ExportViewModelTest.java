package io.nexus.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.ExportBundle;
import io.nexus.app.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {
    @TempDir
    Path dir;

    private final ExportViewModel model = new ExportViewModel(TestWorkbench.create(Path.of("profiles")), BackgroundExecutor.sameThread(), Runnable::run);

    @Test
    void previewsEveryFileWithLiveSysctlValuesAndSavesTheBundle() throws Exception {
        model.generate();
        assertTrue(model.files().containsKey("pgbouncer.ini") && model.files().containsKey("APPLY.md"), model.messageProperty().get());
        assertTrue(model.sysctl().stream().anyMatch(r -> r.key().equals("net.core.somaxconn") && !r.live().equals("(absent)")),
                "the live value of each sysctl is shown beside the generated one");
        model.outDirProperty().set(dir.resolve("bundle").toString());
        model.save(false);
        assertTrue(Files.isRegularFile(dir.resolve("bundle/90-nexus.conf")));
        assertTrue(ExportBundle.check(dir.resolve("bundle")).isEmpty());
        assertTrue(model.sysctl().stream().anyMatch(ExportViewModel.SysctlRow::changesTheHost), "what the bundle changes on this host is marked");
    }

    @Test
    void aFolderWithFilesIsWrittenIntoOnlyAfterAskingAndFailuresSayWhy() throws Exception {
        model.generate();
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("90-nexus.conf"), "mine");
        model.outDirProperty().set(used.toString());
        model.save(false);
        assertEquals(used.toAbsolutePath().toString(), model.replaceAskedProperty().get(), "the view asks before replacing");
        assertEquals("mine", Files.readString(used.resolve("90-nexus.conf")), "nothing replaced without the answer");
        model.save(true);
        assertTrue(model.messageProperty().get().startsWith("saved "), model.messageProperty().get());
        assertFalse(Files.readString(used.resolve("90-nexus.conf")).equals("mine"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        model.outDirProperty().set(file.resolve("bundle").toString());
        model.save(true);
        assertTrue(model.messageProperty().get().matches("not saved: " + java.util.regex.Pattern.quote(file.toString()) + "(/bundle)?: .*[Nn]ot a directory"),
                "the path and the reason: " + model.messageProperty().get());
    }

    @Test
    void aChangedSysctlIsOneWhoseValueDiffers() {
        assertFalse(new ExportViewModel.SysctlRow("net.ipv4.ip_local_port_range", "1024\t65535", "1024 65535", "").changesTheHost());
        assertTrue(new ExportViewModel.SysctlRow("net.core.somaxconn", "4096", "65535", "").changesTheHost());
    }

    @Test
    void aServerTooSmallForAnyPoolIsRefusedAndNothingIsShown() {
        model.workloadProperty().set(io.nexus.profile.SystemSettings.DbWorkload.DESKTOP);
        model.maxConnectionsProperty().set(5);
        model.generate();
        assertTrue(model.messageProperty().get().contains("pooler.default_pool_size"), model.messageProperty().get());
        assertTrue(model.files().isEmpty());
        model.save(false);
        assertFalse(model.messageProperty().get().startsWith("saved"));
    }
}
