package io.nexus.engine.topology;

import java.util.List;

/**
 * The machine as the engine sees it: CPUs, caches and NUMA nodes. Immutable.
 *
 * @param cpuModel   the CPU's model name, or {@code "unknown"}
 * @param onlineCpus the online CPU ids, ascending
 * @param nodes      the NUMA nodes, ascending by id; one node holding every CPU where the kernel has no NUMA
 * @param caches     the caches seen by the first online CPU, by level
 */
public record Topology(String cpuModel, List<Integer> onlineCpus, List<NumaNode> nodes, List<CacheInfo> caches) {
    public Topology {
        onlineCpus = List.copyOf(onlineCpus);
        nodes = List.copyOf(nodes);
        caches = List.copyOf(caches);
    }

    /** @return the live machine's topology, from {@code /sys} and {@code /proc} */
    public static Topology detect() {
        return new SysfsTopologyReader(java.nio.file.Path.of("/sys"), java.nio.file.Path.of("/proc")).read();
    }

    /** @return number of online CPUs */
    public int cpuCount() {
        return onlineCpus.size();
    }

    /** @return the node that holds {@code cpu}, or the first node if none claims it */
    public NumaNode nodeOf(int cpu) {
        return nodes.stream().filter(n -> n.cpus().contains(cpu)).findFirst().orElse(nodes.getFirst());
    }
}
