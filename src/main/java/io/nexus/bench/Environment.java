package io.nexus.bench;

import io.nexus.engine.topology.CacheInfo;
import io.nexus.engine.topology.Topology;
import io.nexus.engine.workload.MatrixMultiply;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * The machine and JVM a result was measured on, recorded with every result so that numbers from
 * different machines are never compared blindly. Immutable.
 *
 * @param host         host name
 * @param cpuModel     CPU model name
 * @param cores        processors available to the JVM
 * @param onlineCpus   online CPU list, kernel format (e.g. {@code 0-1})
 * @param numaNodes    number of NUMA nodes
 * @param caches       one label per cache of the first CPU, e.g. {@code L2 1024 KiB (CPUs 0)}
 * @param os           OS name, version and architecture
 * @param jvm          JVM vendor, name and version
 * @param jvmArgs      the JVM's input arguments
 * @param maxHeapBytes the heap limit
 * @param vectorApi    whether the Vector API kernels are enabled
 * @param capturedAt   when this was captured
 */
public record Environment(String host, String cpuModel, int cores, String onlineCpus, int numaNodes, List<String> caches,
                          String os, String jvm, List<String> jvmArgs, long maxHeapBytes, boolean vectorApi,
                          Instant capturedAt) {
    public Environment {
        caches = List.copyOf(caches);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** @return the environment of this JVM on the machine {@code topology} describes */
    public static Environment capture(Topology topology) {
        return new Environment(hostName(), topology.cpuModel(), Runtime.getRuntime().availableProcessors(),
                io.nexus.engine.topology.CpuList.format(topology.onlineCpus()), topology.nodes().size(),
                topology.caches().stream().map(CacheInfo::label).toList(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory(),
                MatrixMultiply.vectorApiAvailable(), Instant.now());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
