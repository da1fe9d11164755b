package io.nexus.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.app.TestWorkbench;
import io.nexus.app.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presets inside the application, installed into the user's profiles directory, and named by --profile. */
class ProfilePresetsTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedProfileIsAPresetInsideTheApplication() throws Exception {
        List<String> files = ProfileFiles.list(Path.of("profiles")).stream()
                .map(p -> p.getFileName().toString().replace(ProfileFiles.EXTENSION, "")).sorted().toList();
        assertEquals(files, ProfilePresets.NAMES.stream().sorted().toList(), "profiles/ and the preset list agree");
        for (String name : ProfilePresets.NAMES) {
            assertEquals(Files.readString(Path.of("profiles", name + ProfileFiles.EXTENSION)), ProfilePresets.text(name), name + " is packed as it is");
        }
    }

    @Test
    void installingCopiesMissingPresetsAndLeavesTheUsersFilesAlone() throws Exception {
        Path mine = dir.resolve("profiles");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("latency.toml"), "description = \"mine\"\n");
        assertEquals(List.of("default", "throughput", "numa-2node"), ProfilePresets.installInto(mine));
        assertEquals("description = \"mine\"\n", Files.readString(mine.resolve("latency.toml")), "the user's edited preset is kept");
        assertEquals(List.of(), ProfilePresets.installInto(mine), "nothing twice");
    }

    @Test
    void aBareNameIsTheUsersProfileElseThePresetAndAnUnknownNameSaysWhatThereIs() throws Exception {
        Workbench workbench = TestWorkbench.create(dir.resolve("empty"));
        assertEquals("latency", workbench.loadProfile(Path.of("latency")).name(), "the preset, from inside the application");
        assertEquals(TuningProfile.EngineMode.QUEUED, workbench.loadProfile(Path.of("throughput")).mode());
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/latency.toml"), "description = \"mine\"\n");
        assertEquals("mine", workbench.loadProfile(Path.of("latency")).description(), "the user's own comes first");
        ProfileException e = assertThrows(ProfileException.class, () -> workbench.loadProfile(Path.of("fastest")));
        assertTrue(e.getMessage().contains("no profile named 'fastest'") && e.getMessage().contains("presets: default, latency"), e.getMessage());
    }
}
