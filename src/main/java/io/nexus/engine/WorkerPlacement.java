package io.nexus.engine;

import io.nexus.engine.topology.NumaNode;
import io.nexus.engine.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each worker runs: its NUMA node and the CPUs it is pinned to. A pure function of the settings
 * and the topology, so the NUMA logic is tested on fake two- and four-node machines.
 *
 * @param worker index of the worker, from 0
 * @param node   the NUMA node the worker belongs to
 * @param cpus   the CPUs to pin it to; empty for an unpinned worker
 */
public record WorkerPlacement(int worker, int node, List<Integer> cpus) {
    public WorkerPlacement {
        cpus = List.copyOf(cpus);
    }

    /**
     * Places {@code settings.threads()} workers. With {@link EngineSettings.NumaPolicy#PER_NODE} the
     * workers are split evenly over the nodes that have allowed CPUs (threads / nodes each, the first
     * nodes taking one more when it does not divide), in contiguous runs; otherwise every worker is on
     * the node of its CPU, or node 0 unpinned.
     *
     * @throws IllegalArgumentException if an allowed CPU is not online
     */
    public static List<WorkerPlacement> plan(EngineSettings settings, Topology topology) {
        List<Integer> allowed = settings.allowedCpus().isEmpty() ? topology.onlineCpus() : settings.allowedCpus();
        for (int cpu : allowed) {
            if (!topology.onlineCpus().contains(cpu)) {
                throw new IllegalArgumentException("CPU " + cpu + " is not online (online: " + topology.onlineCpus() + ")");
            }
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (NumaNode node : topology.nodes()) {
            List<Integer> cpus = node.cpus().stream().filter(allowed::contains).toList();
            if (!cpus.isEmpty()) {
                nodes.add(new NumaNode(node.id(), cpus, node.memoryBytes()));
            }
        }
        int threads = settings.threads();
        List<WorkerPlacement> placements = new ArrayList<>(threads);
        if (settings.numa() == EngineSettings.NumaPolicy.PER_NODE && !nodes.isEmpty()) {
            int perNode = threads / nodes.size();
            int extra = threads % nodes.size();
            int worker = 0;
            for (int n = 0; n < nodes.size(); n++) {
                NumaNode node = nodes.get(n);
                int count = perNode + (n < extra ? 1 : 0);
                for (int k = 0; k < count; k++, worker++) {
                    placements.add(new WorkerPlacement(worker, node.id(), pinSet(settings.pinning(), node.cpus(), k)));
                }
            }
        } else {
            for (int worker = 0; worker < threads; worker++) {
                List<Integer> cpus = pinSet(settings.pinning(), allowed, worker);
                int node = cpus.isEmpty() ? topology.nodes().getFirst().id() : topology.nodeOf(cpus.getFirst()).id();
                if (settings.pinning() == EngineSettings.Pinning.NODE) {
                    int cpu = allowed.get(worker % allowed.size());
                    NumaNode home = topology.nodeOf(cpu);
                    node = home.id();
                    cpus = home.cpus().stream().filter(allowed::contains).toList();
                }
                placements.add(new WorkerPlacement(worker, node, cpus));
            }
        }
        return placements;
    }

    /**
     * @return the CPUs a pinned run leaves to its dispatcher: the allowed CPUs no worker is pinned to;
     *     empty when the workers are unpinned or take every CPU (the dispatcher then runs unpinned)
     */
    public static List<Integer> spareCpus(EngineSettings settings, Topology topology, List<WorkerPlacement> placements) {
        if (settings.pinning() == EngineSettings.Pinning.NONE) {
            return List.of();
        }
        List<Integer> allowed = settings.allowedCpus().isEmpty() ? topology.onlineCpus() : settings.allowedCpus();
        return allowed.stream().filter(cpu -> placements.stream().noneMatch(p -> p.cpus().contains(cpu))).toList();
    }

    private static List<Integer> pinSet(EngineSettings.Pinning pinning, List<Integer> cpus, int index) {
        return switch (pinning) {
            case NONE -> List.of();
            case CPU -> List.of(cpus.get(index % cpus.size()));
            case NODE -> cpus;
        };
    }
}
