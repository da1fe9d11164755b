package io.nexus.profile;

import java.util.List;

/**
 * What validation needs to know of the host a profile will run on. Immutable.
 *
 * @param onlineCpus the CPU ids online on the host
 * @param numaNodes  the number of NUMA nodes, at least 1
 */
public record HostFacts(List<Integer> onlineCpus, int numaNodes) {
    public HostFacts {
        onlineCpus = List.copyOf(onlineCpus);
    }
}
