package io.nexus.app;

import io.nexus.engine.topology.PseudoFiles;
import io.nexus.engine.topology.Topology;
import io.nexus.tuning.Host;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the live host for the exporters: RAM from /proc/meminfo, cores and NUMA nodes, and current sysctl values. */
public final class HostDetector {
    private HostDetector() {
    }

    /** @return this machine, with {@code storage} as given (it cannot be read reliably) */
    public static Host detect(Topology topology, Host.Storage storage) {
        long ram = PseudoFiles.read(Path.of("/proc/meminfo")).map(PseudoFiles::memTotalBytes).orElse(0L);
        return new Host(ram, topology.cpuCount(), topology.nodes().size(), storage);
    }

    /** @return the live values of {@code keys} (e.g. {@code net.core.somaxconn}) that this kernel has */
    public static Map<String, String> sysctl(List<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            PseudoFiles.read(Path.of("/proc/sys", key.replace('.', '/'))).ifPresent(v -> values.put(key, v.replaceAll("\\s+", " ")));
        }
        return values;
    }
}
