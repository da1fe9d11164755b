package io.nexus.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) in the middle of writing leaves an H2 store that opens and holds every committed run. */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void everyCommittedRunSurvivesAKillMidWrite() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> committed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (committed.size() < 15 && (line = out.readLine()) != null) {
                committed.add(line.strip());
            }
            writer.destroyForcibly(); // SIGKILL while it is writing the next run
        }
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertTrue(committed.size() == 15, "the writer committed runs before the kill: " + committed.size());
        try (ResultStore store = ResultStore.open(StoreLocation.h2File(dir))) {
            for (String id : committed) {
                StoredRun run = store.load(id).orElseThrow(() -> new AssertionError("committed run " + id + " lost"));
                assertTrue(run.samples().size() >= 1);
            }
        }
    }
}
