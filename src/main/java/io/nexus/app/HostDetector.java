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

    /** The kernel's sysctl tree. */
    public static final Path PROC_SYS = Path.of("/proc/sys");

    /** @return the live values of {@code keys} (e.g. {@code net.core.somaxconn}) that the kernel under {@code procSys} has */
    public static Map<String, String> sysctl(Path procSys, List<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            PseudoFiles.read(procSys.resolve(key.replace('.', '/'))).ifPresent(v -> values.put(key, v.strip().replaceAll("\\s+", " ")));
        }
        return values;
    }

    /**
     * @return the PostgreSQL server (the newest /usr/lib/postgresql/N with a bin/postgres, N within what the exporter
     *     sizes for; client-only packages have none) and PgBouncer ({@code pgbouncer --version}) installed here, each from
     *     {@code otherwise} where it is not
     */
    public static ExportBundle.Software software(ExportBundle.Software otherwise) {
        int postgres = otherwise.postgresMajor();
        try (java.util.stream.Stream<Path> versions = java.nio.file.Files.list(Path.of("/usr/lib/postgresql"))) {
            postgres = versions.filter(v -> v.getFileName().toString().matches("\\d+") && java.nio.file.Files.isExecutable(v.resolve("bin/postgres")))
                    .mapToInt(v -> Integer.parseInt(v.getFileName().toString()))
                    .filter(v -> v >= io.nexus.tuning.PostgresTuning.MIN_VERSION && v <= io.nexus.tuning.PostgresTuning.MAX_VERSION).max().orElse(postgres);
        } catch (java.io.IOException | SecurityException absent) {
            // no PostgreSQL here
        }
        String pgbouncer = otherwise.pgbouncer();
        try {
            Process p = new ProcessBuilder("pgbouncer", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("PgBouncer (\\d+\\.\\d+(\\.\\d+)?)").matcher(out);
            if (p.waitFor() == 0 && m.find()) {
                pgbouncer = m.group(1);
            }
        } catch (java.io.IOException absent) {
            // no PgBouncer here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ExportBundle.Software(postgres, pgbouncer);
    }
}
