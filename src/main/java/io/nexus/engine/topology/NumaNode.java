package io.nexus.engine.topology;

import java.util.List;

/**
 * One NUMA node.
 *
 * @param id          the node number
 * @param cpus        the CPUs local to it, ascending
 * @param memoryBytes its memory in bytes, 0 if the kernel does not say
 */
public record NumaNode(int id, List<Integer> cpus, long memoryBytes) {
    public NumaNode {
        cpus = List.copyOf(cpus);
    }
}
