package io.nexus.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysfsTopologyReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} nodes x {1} CPUs")
    @CsvSource({"1, 2", "2, 4", "4, 8"})
    void readsNodesCpusAndCaches(int nodes, int cpusPerNode) {
        Topology t = FakeSysfs.topology(dir, nodes, cpusPerNode);
        assertEquals("Fake CPU 9000", t.cpuModel());
        assertEquals(nodes * cpusPerNode, t.cpuCount());
        assertEquals(nodes, t.nodes().size());
        for (int n = 0; n < nodes; n++) {
            NumaNode node = t.nodes().get(n);
            assertEquals(n, node.id());
            assertEquals(FakeSysfs.range(n * cpusPerNode, cpusPerNode), node.cpus());
            assertEquals(16384000L * 1024, node.memoryBytes());
        }
        assertEquals(List.of(1, 1, 2, 3), t.caches().stream().map(CacheInfo::level).toList());
        CacheInfo l3 = t.caches().getLast();
        assertEquals(32L << 20, l3.sizeBytes());
        assertEquals(FakeSysfs.range(0, cpusPerNode), l3.sharedCpus());
        assertEquals(nodes - 1, t.nodeOf(nodes * cpusPerNode - 1).id());
    }

    @Test
    void withoutNumaDirectoryEveryCpuIsOnOneNode() throws Exception {
        FakeSysfs.machine(dir, 1, 4);
        deleteTree(dir.resolve("sys/devices/system/node"));
        Files.delete(dir.resolve("proc/cpuinfo"));
        Topology t = new SysfsTopologyReader(dir.resolve("sys"), dir.resolve("proc")).read();
        assertEquals(1, t.nodes().size());
        assertEquals(List.of(0, 1, 2, 3), t.nodes().getFirst().cpus());
        assertEquals("unknown", t.cpuModel());
    }

    @Test
    void missingOnlineListIsAnError() {
        assertThrows(UncheckedIOException.class, () -> new SysfsTopologyReader(dir, dir).read());
    }

    @Test
    void readsThisMachine() {
        Topology t = Topology.detect();
        assertTrue(t.cpuCount() >= 1);
        assertEquals(Runtime.getRuntime().availableProcessors() <= t.cpuCount(), true);
        assertFalse(t.nodes().isEmpty());
        assertTrue(t.nodes().stream().allMatch(n -> t.onlineCpus().containsAll(n.cpus())));
    }

    @Test
    void cpuListsRoundTrip() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11\n"));
        assertEquals("0-3,8,10-11", CpuList.format(List.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals(List.of(), CpuList.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("a"));
        assertEquals(32768L, SysfsTopologyReader.parseSize("32K"));
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
