package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @TempDir
    Path dir;

    @Test
    void theJvmStartsWithEveryGeneratedFlagSet() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (SysctlTuning.Preset preset : SysctlTuning.Preset.values()) {
            for (int nodes : new int[] {1, 2}) {
                List<String> command = new ArrayList<>(List.of(java));
                // the GC log goes where the service's LogsDirectory is; here a temporary one
                JvmTuning.flags(2 * GB, preset, nodes).forEach(f -> command.add(f.name().replace("-XX:+AlwaysPreTouch", "-XX:-AlwaysPreTouch")
                        .replace(JvmTuning.LOG_DIR, dir.toString())));
                command.add("-version");
                assertEquals(0, run(command), preset + " " + nodes + " node(s): " + command);
                assertTrue(Files.size(dir.resolve("gc.log")) > 0, "the GC log is written");
            }
        }
    }

    @Test
    void theHeapCeilingAndItsReasonFollowTheCollector() {
        List<Setting> parallel = JvmTuning.flags(JvmTuning.defaultHeap(256 * GB, SysctlTuning.Preset.THROUGHPUT), SysctlTuning.Preset.THROUGHPUT, 1);
        assertTrue(JvmTuning.line(parallel).contains("-Xmx31g"), "the parallel collector's heap stays under 32g so pointers stay compressed");
        List<Setting> zgc = JvmTuning.flags(JvmTuning.defaultHeap(256 * GB, SysctlTuning.Preset.LATENCY), SysctlTuning.Preset.LATENCY, 1);
        assertTrue(JvmTuning.line(zgc).contains("-Xmx64g"), "ZGC has no compressed pointers to keep: a quarter of the RAM");
        assertFalse(zgc.getFirst().why().contains("compressed") && !zgc.getFirst().why().contains("does not"), zgc.getFirst().why());
        assertTrue(JvmTuning.line(zgc).contains("-XX:+ExitOnOutOfMemoryError") && JvmTuning.line(zgc).contains("-XX:HeapDumpPath="));
    }

    @Test
    void aProcessBoundToOneNodeIsNotToldToUseNuma() {
        Host twoNodes = new Host(64 * GB, 16, 2, Host.Storage.SSD);
        TuningProfile bound = TuningProfile.defaults();
        assertEquals(1, ServiceTuning.nodesSpanned(bound, twoNodes), "numactl --membind=0 keeps it on one node");
        String unit = ServiceTuning.unit(bound, twoNodes, JvmTuning.flags(8 * GB, SysctlTuning.Preset.THROUGHPUT,
                ServiceTuning.nodesSpanned(bound, twoNodes)), 1_000_000, "nexus");
        assertTrue(unit.contains("numactl --cpunodebind=0 --membind=0") && !unit.contains("UseNUMA"), unit);
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
