package io.nexus.app;

import io.nexus.engine.topology.Topology;
import io.nexus.tuning.Host;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the live host for the exporters: RAM from /proc/meminfo, cores and NUMA nodes, and current sysctl values. */
public final class HostDetector {
    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+)\\s*kB");

    private HostDetector() {
    }

    /** @return this machine, with {@code storage} as given (it cannot be read reliably) */
    public static Host detect(Topology topology, Host.Storage storage) {
        long ram = 0;
        Matcher m = MEM_TOTAL.matcher(read(Path.of("/proc/meminfo")));
        if (m.find()) {
            ram = Long.parseLong(m.group(1)) * 1024;
        }
        return new Host(ram, topology.cpuCount(), topology.nodes().size(), storage);
    }

    /** @return the live values of {@code keys} (e.g. {@code net.core.somaxconn}) that this kernel has */
    public static Map<String, String> sysctl(List<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            String v = read(Path.of("/proc/sys", key.replace('.', '/')));
            if (!v.isEmpty()) {
                values.put(key, v.replaceAll("\\s+", " "));
            }
        }
        return values;
    }

    /** Reads a pseudo-file in one go ({@code Files.readString} can return one byte on procfs); empty if unreadable. */
    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
