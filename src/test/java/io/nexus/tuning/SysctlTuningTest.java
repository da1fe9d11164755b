package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.FieldError;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SysctlTuningTest {
    private static Path procPath(String key) {
        return Path.of("/proc/sys", key.replace('.', '/'));
    }

    private static String live(String key) throws Exception {
        try (InputStream in = Files.newInputStream(procPath(key))) {
            return new String(in.readAllBytes()).strip();
        }
    }

    @ParameterizedTest
    @EnumSource(SysctlTuning.Preset.class)
    void everyKeyExistsUnderProcSysAndEveryValueParsesAndIsInRange(SysctlTuning.Preset preset) throws Exception {
        List<Setting> settings = SysctlTuning.settings(preset, Map.of(), false);
        for (Setting s : settings) {
            assertTrue(Files.exists(procPath(s.name())), s.name() + " exists on this kernel");
            assertEquals(live(s.name()).split("\\s+").length, s.value().split("\\s+").length, s.name() + " has as many fields as the kernel's");
        }
        assertEquals(List.of(), SysctlTuning.check(settings));
    }

    @Test
    void aHigherLiveValueIsKeptUnlessLoweringIsAsked() {
        Map<String, String> host = Map.of("net.core.somaxconn", "262144", "net.ipv4.tcp_rmem", "8192 131072 67108864", "vm.swappiness", "60");
        List<Setting> kept = SysctlTuning.settings(SysctlTuning.Preset.THROUGHPUT, host, false);
        assertEquals("262144", value(kept, "net.core.somaxconn"));
        assertEquals("8192 131072 134217728", value(kept, "net.ipv4.tcp_rmem"), "field by field");
        assertEquals("10", value(kept, "vm.swappiness"), "swappiness is lowered on purpose");
        assertEquals("65535", value(SysctlTuning.settings(SysctlTuning.Preset.THROUGHPUT, host, true), "net.core.somaxconn"));
    }

    @Test
    void badValuesAreNamed() {
        List<FieldError> e = SysctlTuning.check(List.of(new Setting("net.ipv4.tcp_rmem", "4096 87380 1024", "", false),
                new Setting("vm.swappiness", "x", "", false)));
        assertEquals(List.of("net.ipv4.tcp_rmem", "vm.swappiness"), e.stream().map(FieldError::field).toList());
    }

    @Test
    void limitsStayWithinTheKernelsCeiling() throws Exception {
        String conf = LimitsTuning.limitsConf("nexus", 1_000_000, 1_048_576);
        assertTrue(conf.contains("nexus soft nofile 1000000") && conf.contains("nexus hard nofile 1000000"));
        assertTrue(LimitsTuning.systemdDropIn(1_000_000, 1_048_576).contains("LimitNOFILE=1000000"));
        TuningException e = assertThrows(TuningException.class, () -> LimitsTuning.systemdDropIn(2_000_000, 1_048_576));
        assertTrue(e.getMessage().startsWith("os.nofile:"), e.getMessage());
    }

    /** systemd 240+ sets fs.file-max to 2^63 - 1 at boot: kept as the host's higher value, and accepted. */
    @Test
    void systemdsSixtyFourBitFileMaxIsKeptAndAccepted() {
        Map<String, String> host = Map.of("fs.file-max", "9223372036854775807");
        List<Setting> settings = SysctlTuning.settings(SysctlTuning.Preset.THROUGHPUT, host, false);
        assertEquals("9223372036854775807", value(settings, "fs.file-max"));
        assertEquals(List.of(), SysctlTuning.check(settings));
        assertEquals(List.of("fs.nr_open"), SysctlTuning.check(List.of(new Setting("fs.nr_open", "4294967296", "", false)))
                .stream().map(FieldError::field).toList(), "fs.nr_open stays within the kernel's ceiling");
    }

    @Test
    void presetsAreLevelWithTunedsProfiles() {
        List<Setting> latency = SysctlTuning.settings(SysctlTuning.Preset.LATENCY, Map.of("vm.dirty_ratio", "20"), false);
        assertEquals("10", value(latency, "vm.dirty_ratio"), "latency-performance's, even below the host's 20");
        assertEquals("3", value(latency, "vm.dirty_background_ratio"));
        assertEquals("3", value(latency, "net.ipv4.tcp_fastopen"), "network-latency's");
        assertEquals("0", value(latency, "kernel.timer_migration"));
        List<Setting> throughput = SysctlTuning.settings(SysctlTuning.Preset.THROUGHPUT, Map.of(), false);
        assertEquals("40", value(throughput, "vm.dirty_ratio"), "throughput-performance's");
        List<Setting> database = SysctlTuning.databaseSettings(8400);
        assertEquals("536870912", value(database, "vm.dirty_bytes"), "tuned's postgresql profile");
        assertEquals("8400", value(database, "vm.nr_hugepages"));
        assertEquals(List.of(), SysctlTuning.check(database));
        assertTrue(SysctlTuning.databaseSettings(0).stream().noneMatch(x -> x.name().equals("vm.nr_hugepages")));
    }

    private static String value(List<Setting> s, String key) {
        return s.stream().filter(x -> x.name().equals(key)).findFirst().orElseThrow().value();
    }
}
