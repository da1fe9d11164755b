package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nexus.profile.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The compose file parses as YAML and carries the limits in both forms; bad limits are named. (No Docker engine here to run it.) */
class ContainerTuningTest {
    private static final long GB = 1L << 30;
    private static final Host HOST = new Host(16 * GB, 8, 1, Host.Storage.SSD);

    @Test
    void composeCarriesMemorySwapAndCpuLimitsInBothForms() throws Exception {
        String yaml = new ContainerTuning(8 * GB, 4, 1_000_000).compose(HOST, JvmTuning.flags(4 * GB, SysctlTuning.Preset.THROUGHPUT, 1));
        JsonNode service = new YAMLMapper().readTree(yaml).at("/services/nexus_engine");
        assertEquals("8192m", service.get("mem_limit").asText());
        assertEquals(service.get("mem_limit").asText(), service.get("memswap_limit").asText(), "no swap");
        assertEquals("4.0", service.get("cpus").asText());
        assertEquals(1_000_000, service.at("/ulimits/nofile/hard").asLong());
        assertEquals("8192M", service.at("/deploy/resources/limits/memory").asText());
        assertTrue(service.at("/environment/JAVA_OPTS").asText().contains("-Xmx4g"), "the JVM flags as given");
        assertEquals("nexus_state:" + JvmTuning.STATE_DIR, service.at("/volumes/0").asText(), "the results store outlives the container");
    }

    /** The Dockerfile builds from the bundle's directory: it copies the installed application image, it compiles nothing. */
    @Test
    void theDockerfileCopiesTheInstalledApplicationImage() {
        String dockerfile = ContainerTuning.dockerfile();
        List<String> copies = dockerfile.lines().filter(l -> l.startsWith("COPY ")).toList();
        assertEquals(List.of("COPY nexus-workbench/ " + ServiceTuning.APP_DIR + "/"), copies, "only the application image, from beside the file");
        assertFalse(dockerfile.contains("mvnw") || dockerfile.contains("AS build"), "no build from sources the bundle does not have");
        assertTrue(dockerfile.contains(ServiceTuning.APP_DIR + "/lib/runtime/bin/java") && dockerfile.contains(ServiceTuning.APP_DIR + "/lib/app/*"),
                "runs the image's own runtime and jars, as jpackage lays them out");
    }

    @Test
    void limitsBeyondTheHostAreNamed() {
        TuningException e = assertThrows(TuningException.class, () -> new ContainerTuning(64 * GB, 0, 1024).compose(HOST, List.of()));
        assertEquals(List.of("container.memory", "container.cpus"), e.errors().stream().map(FieldError::field).toList());
    }
}
