package io.nexus.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The one list of profile keys is complete and is what the README shows. */
class ProfileKeyTest {
    /** Keys a profile file may hold that the editor leaves to the file: the exporters' description of another machine. */
    private static final Set<String> FILE_ONLY = Set.of("os.user", "container.memory_bytes", "container.cpus", "host.ram_bytes", "host.cores");

    @Test
    void everyKeyAProfileWritesIsDocumented() throws Exception {
        TuningProfile all = ProfileFiles.parse("all", """
                [threads]
                count = 2
                cpus = [0]
                [os]
                cpu_dma_latency_us = 1
                [database]
                max_connections = 100
                [pooler]
                default_pool_size = 20
                """);
        JsonNode tree = new TomlMapper().readTree(ProfileFiles.toToml(all));
        Set<String> written = new TreeSet<>();
        tree.properties().forEach(section -> {
            if (section.getValue().isObject()) {
                section.getValue().properties().forEach(key -> written.add(section.getKey() + "." + key.getKey()));
            } else {
                written.add(section.getKey());
            }
        });
        written.removeAll(FILE_ONLY);
        Set<String> documented = new TreeSet<>(Arrays.stream(ProfileKey.values()).map(ProfileKey::key).toList());
        assertEquals(documented, written);
    }

    @Test
    void theReadmeShowsTheTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String start = "<!-- profile-keys: generated from ProfileKey.markdownTable(), checked by ProfileKeyTest -->\n";
        int from = readme.indexOf(start);
        int to = readme.indexOf("<!-- /profile-keys -->");
        assertTrue(from >= 0 && to > from, "README.md has the table's markers");
        assertEquals(ProfileKey.markdownTable(), readme.substring(from + start.length(), to));
    }
}
