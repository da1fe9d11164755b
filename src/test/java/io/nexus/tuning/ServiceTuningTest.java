package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.TuningProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service files as their tools read them: cpu.sh in dash and bash against a copy of sysfs, shellcheck, systemd-sysusers, the unit. */
class ServiceTuningTest {
    private static final long GB = 1L << 30;

    @TempDir
    Path dir;

    private String[] run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void cpuScriptSavesSetsAndRestoresTheGovernorAndHugePages(String shell) throws Exception {
        Path sysfs = dir.resolve("sys");
        Path governor = sysfs.resolve("devices/system/cpu/cpu0/cpufreq/scaling_governor");
        Path thp = sysfs.resolve("kernel/mm/transparent_hugepage/enabled");
        Files.createDirectories(governor.getParent());
        Files.createDirectories(thp.getParent());
        Files.writeString(governor, "schedutil\n");
        Files.writeString(thp, "always [madvise] never\n");
        Files.writeString(dir.resolve("cpu.sh"), ServiceTuning.cpuScript(SysctlTuning.Preset.LATENCY, true));
        Map<String, String> env = Map.of("NEXUS_SYSFS", sysfs.toString(), "NEXUS_STATE_DIR", dir.resolve("state").toString());

        String[] applied = run(env, shell, "cpu.sh");
        assertEquals("0", applied[0], applied[1]);
        assertEquals("performance", Files.readString(governor).strip());
        assertEquals("never", Files.readString(thp).strip());
        String[] again = run(env, shell, "cpu.sh");
        assertEquals("0", again[0], again[1]);
        assertTrue(again[1].contains("keeping the values saved by an earlier run"), "a second run keeps the first saved values");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))),
                "only root reads and writes the saved values");

        String[] restored = run(env, shell, "cpu.sh", "--restore");
        assertEquals("0", restored[0], restored[1]);
        assertEquals("schedutil", Files.readString(governor).strip(), "the governor it found, not an assumed one");
        assertEquals("madvise", Files.readString(thp).strip());
    }

    /** --restore writes only the files the script changes, whatever the saved file says. */
    @Test
    void restoreWritesOnlyGovernorAndHugePageFiles() throws Exception {
        Files.writeString(dir.resolve("cpu.sh"), ServiceTuning.cpuScript(SysctlTuning.Preset.LATENCY, true));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path victim = Files.writeString(dir.resolve("victim"), "untouched\n");
        Files.writeString(state.resolve("cpu.saved"), victim + " overwritten\n");
        String[] result = run(Map.of("NEXUS_STATE_DIR", state.toString()), "dash", "cpu.sh", "--restore");
        assertEquals("0", result[0], result[1]);
        assertEquals("untouched", Files.readString(victim).strip());
        assertTrue(result[1].contains("skipped " + victim), result[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void cpuScriptSucceedsWhereThereIsNoCpufreq(String shell) throws Exception {
        Files.writeString(dir.resolve("cpu.sh"), ServiceTuning.cpuScript(SysctlTuning.Preset.THROUGHPUT, false));
        Files.createDirectories(dir.resolve("empty-sys"));
        String[] result = run(Map.of("NEXUS_SYSFS", dir.resolve("empty-sys").toString(), "NEXUS_STATE_DIR", dir.resolve("state").toString()),
                shell, "cpu.sh");
        assertEquals("0", result[0], result[1]);
        assertTrue(result[1].contains("no cpufreq here"), result[1]);
    }

    @Test
    void cpuScriptIsShellcheckClean() throws Exception {
        for (SysctlTuning.Preset preset : SysctlTuning.Preset.values()) {
            for (boolean thp : new boolean[] {true, false}) {
                Files.writeString(dir.resolve("cpu.sh"), ServiceTuning.cpuScript(preset, thp));
                String[] result = run(Map.of(), "shellcheck", "--shell=sh", "cpu.sh");
                assertEquals("0", result[0], preset + " thp " + thp + ":\n" + result[1]);
            }
        }
    }

    /** The service runs as a system user with a home in its state directory, created the way APPLY.md says. */
    @Test
    void systemdSysusersCreatesTheServiceUser() throws Exception {
        Files.writeString(dir.resolve("nexus.conf"), ServiceTuning.sysusers("nexus"));
        Files.createDirectories(dir.resolve("root/etc"));
        String[] result = run(Map.of(), "systemd-sysusers", "--root=" + dir.resolve("root"), dir.resolve("nexus.conf").toString());
        assertEquals("0", result[0], result[1]);
        String passwd = Files.readString(dir.resolve("root/etc/passwd"));
        assertTrue(passwd.lines().anyMatch(l -> l.startsWith("nexus:") && l.contains(":" + JvmTuning.STATE_DIR + ":")), passwd);
    }

    @Test
    void theUnitWaitsForTheNetworkItWantsAndKeepsItsStoreInItsStateDirectory() {
        String unit = ServiceTuning.unit(TuningProfile.defaults(), new Host(8 * GB, 4, 1, Host.Storage.SSD),
                JvmTuning.flags(2 * GB, SysctlTuning.Preset.THROUGHPUT, 1), 1_000_000, "nexus");
        assertTrue(unit.contains("Wants=network-online.target\n") && unit.contains("After=network-online.target postgresql.service pgbouncer.service"),
                "After= alone does not pull the target in; the engine starts after the database it stores into");
        assertTrue(unit.contains("StateDirectory=nexus-workbench") && unit.contains("Environment=XDG_DATA_HOME=/var/lib"),
                "the H2 store lands in /var/lib/nexus-workbench, which systemd creates for the user");
        List<String> lines = unit.lines().toList();
        int restart = lines.indexOf("Restart=on-failure");
        assertFalse(lines.get(restart - 1).startsWith("#"), "no stray comment above Restart=: " + lines.get(restart - 1));
    }
}
