package io.nexus.ui.export;

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
        model.save();
        assertTrue(Files.isRegularFile(dir.resolve("bundle/90-nexus.conf")));
        assertTrue(ExportBundle.check(dir.resolve("bundle")).isEmpty());
    }

    @Test
    void aServerTooSmallForAnyPoolIsRefusedAndNothingIsShown() {
        model.workloadProperty().set(io.nexus.profile.SystemSettings.DbWorkload.DESKTOP);
        model.maxConnectionsProperty().set(5);
        model.generate();
        assertTrue(model.messageProperty().get().contains("pooler.default_pool_size"), model.messageProperty().get());
        assertTrue(model.files().isEmpty());
        model.save();
        assertFalse(model.messageProperty().get().startsWith("saved"));
    }
}
