package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generated JVM flags and numactl line, run for real. */
class LaunchTuningTest {
    private static final long GB = 1L << 30;

    private static int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }

    @Test
    void theJvmStartsWithEveryGeneratedFlagSet() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (SysctlTuning.Preset preset : SysctlTuning.Preset.values()) {
            for (Host host : List.of(new Host(2 * GB, 2, 1, Host.Storage.SSD), new Host(4 * GB, 2, 2, Host.Storage.SSD))) {
                List<String> command = new ArrayList<>(List.of(java));
                JvmTuning.flags(host, preset).forEach(f -> command.add(f.name().replace("-XX:+AlwaysPreTouch", "-XX:-AlwaysPreTouch")));
                command.add("-version");
                assertEquals(0, run(command), preset + " " + host + ": " + command);
            }
        }
        assertTrue(JvmTuning.line(JvmTuning.flags(new Host(256 * GB, 64, 2, Host.Storage.SSD), SysctlTuning.Preset.THROUGHPUT))
                .contains("-Xmx31g"), "heap stays under 32g so pointers stay compressed");
    }

    @Test
    void theNumactlLineRunsOnThisMachine() throws Exception {
        TuningProfile onOneNode = TuningProfile.defaults();
        String prefix = ServiceTuning.numactlPrefix(onOneNode, new Host(8 * GB, 4, 2, Host.Storage.SSD));
        assertEquals("numactl --cpunodebind=0 --membind=0 ", prefix);
        List<String> command = new ArrayList<>(List.of(prefix.strip().split(" ")));
        command.add("true");
        assertEquals(0, run(command), "numactl accepts the binding (node 0 exists on every machine)");
        TuningProfile perNode = io.nexus.profile.ProfileFiles.read(Path.of("profiles/numa-2node.toml"), null);
        assertEquals("", ServiceTuning.numactlPrefix(perNode, new Host(8 * GB, 4, 2, Host.Storage.SSD)),
                "per-node placement is the engine's: no process-wide binding");
    }
}
