package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nexus.profile.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compose file parses as YAML and carries the limits in both forms; bad limits are named. (No Docker engine here to run it.) */
class ContainerTuningTest {
    private static final long GB = 1L << 30;
    private static final Host HOST = new Host(16 * GB, 8, 1, Host.Storage.SSD);

    @Test
    void composeCarriesMemorySwapAndCpuLimitsInBothForms() throws Exception {
        String yaml = new ContainerTuning(8 * GB, 4, 1_000_000).compose(HOST, JvmTuning.flags(HOST, SysctlTuning.Preset.THROUGHPUT));
        JsonNode service = new YAMLMapper().readTree(yaml).at("/services/nexus_engine");
        assertEquals("8192m", service.get("mem_limit").asText());
        assertEquals(service.get("mem_limit").asText(), service.get("memswap_limit").asText(), "no swap");
        assertEquals("4.0", service.get("cpus").asText());
        assertEquals(1_000_000, service.at("/ulimits/nofile/hard").asLong());
        assertEquals("8192M", service.at("/deploy/resources/limits/memory").asText());
        assertTrue(service.at("/environment/JAVA_OPTS").asText().contains("-Xmx4g"), "the JVM heap fits the container (1/4 of the host's RAM)");
        assertTrue(ContainerTuning.dockerfile().contains("FROM maven:3.9-eclipse-temurin-25 AS build"));
    }

    @Test
    void limitsBeyondTheHostAreNamed() {
        TuningException e = assertThrows(TuningException.class, () -> new ContainerTuning(64 * GB, 0, 1024).compose(HOST, List.of()));
        assertEquals(List.of("container.memory", "container.cpus"), e.errors().stream().map(FieldError::field).toList());
    }
}
