package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.topology.FakeSysfs;
import io.nexus.engine.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerPlacementTest {
    @TempDir
    Path dir;

    private static EngineSettings settings(int threads, EngineSettings.Pinning pinning, EngineSettings.NumaPolicy numa, List<Integer> cpus) {
        EngineSettings d = EngineSettings.defaults(threads);
        return new EngineSettings(d.mode(), d.timing(), threads, d.batchSize(), d.queueCapacity(), d.window(), pinning, numa, cpus, d.blockBytes(),
                d.blocksPerWorker(), d.idle());
    }

    private static Map<Integer, Long> perNode(List<WorkerPlacement> placements) {
        return placements.stream().collect(Collectors.groupingBy(WorkerPlacement::node, Collectors.counting()));
    }

    @Test
    void perNodeSplitsThreadsEvenlyOverTwoNodesAndPinsToTheNode() {
        Topology two = FakeSysfs.topology(dir, 2, 4);
        List<WorkerPlacement> p = WorkerPlacement.plan(settings(8, EngineSettings.Pinning.NODE, EngineSettings.NumaPolicy.PER_NODE, List.of()), two);
        assertEquals(Map.of(0, 4L, 1, 4L), perNode(p));
        for (WorkerPlacement w : p) {
            assertEquals(two.nodes().get(w.node()).cpus(), w.cpus(), "pinned to all CPUs of its own node");
        }
    }

    @Test
    void perNodeOnFourNodesGivesTheRemainderToTheFirstNodes() {
        Topology four = FakeSysfs.topology(dir, 4, 8);
        List<WorkerPlacement> p = WorkerPlacement.plan(settings(10, EngineSettings.Pinning.CPU, EngineSettings.NumaPolicy.PER_NODE, List.of()), four);
        assertEquals(Map.of(0, 3L, 1, 3L, 2, 2L, 3, 2L), perNode(p));
        for (WorkerPlacement w : p) {
            assertEquals(1, w.cpus().size());
            assertEquals(w.node(), four.nodeOf(w.cpus().getFirst()).id(), "each CPU pin lies on the worker's node");
        }
        assertEquals(10, p.stream().map(WorkerPlacement::cpus).distinct().count(), "no two workers share a CPU while CPUs are free");
    }

    @Test
    void perNodeUsesOnlyNodesWithAllowedCpus() {
        Topology four = FakeSysfs.topology(dir, 4, 2);
        List<WorkerPlacement> p = WorkerPlacement.plan(
                settings(4, EngineSettings.Pinning.CPU, EngineSettings.NumaPolicy.PER_NODE, List.of(2, 3, 6, 7)), four);
        assertEquals(Map.of(1, 2L, 3, 2L), perNode(p));
    }

    @Test
    void unpinnedWorkersHaveNoCpuSet() {
        Topology one = FakeSysfs.topology(dir, 1, 2);
        List<WorkerPlacement> p = WorkerPlacement.plan(settings(3, EngineSettings.Pinning.NONE, EngineSettings.NumaPolicy.NONE, List.of()), one);
        assertEquals(3, p.size());
        assertTrue(p.stream().allMatch(w -> w.cpus().isEmpty() && w.node() == 0));
    }

    @Test
    void aCpuThatIsNotOnlineIsRefused() {
        Topology one = FakeSysfs.topology(dir, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerPlacement.plan(
                settings(1, EngineSettings.Pinning.CPU, EngineSettings.NumaPolicy.NONE, List.of(7)), one));
        assertTrue(e.getMessage().contains("CPU 7"));
    }
}
