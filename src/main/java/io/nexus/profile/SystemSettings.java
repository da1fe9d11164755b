package io.nexus.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The host-side sections of a profile that the exporters read: OS preset and limits, the database and
 * its pooler, container limits, and optional overrides of the detected host. Values left out are derived
 * from the detected host when exporting. Immutable.
 *
 * @param preset         latency or throughput ([os] preset)
 * @param allowLower     whether sysctl values may lower the host's higher ones ([os] allow_lower)
 * @param nofile         open-file limit ([os] nofile)
 * @param user           the user the engine runs as ([os] user)
 * @param dbWorkload     the database's workload type ([database] workload)
 * @param storage        the database's storage ([database] storage)
 * @param maxConnections PostgreSQL max_connections; empty: by workload ([database] max_connections)
 * @param maxClientConn  PgBouncer's client connections ([pooler] max_client_conn)
 * @param poolSize       PgBouncer's pool; empty: the guide's 25 within max_connections ([pooler] default_pool_size)
 * @param reservePool    PgBouncer's reserve ([pooler] reserve_pool_size)
 * @param containerMemoryBytes container memory; empty: half the RAM ([container] memory_bytes)
 * @param containerCpus  container CPUs; empty: all cores ([container] cpus)
 * @param hostRamBytes   size for this RAM instead of the detected ([host] ram_bytes)
 * @param hostCores      size for these cores instead of the detected ([host] cores)
 * @param cpuDmaLatencyUs the wake-up latency in µs the engine asks of the CPUs' idle states while it measures, by holding
 *                       /dev/cpu_dma_latency open as tuned's force_latency does; empty: no request ([os] cpu_dma_latency_us)
 */
public record SystemSettings(Preset preset, boolean allowLower, long nofile, String user, DbWorkload dbWorkload, Storage storage,
                             OptionalInt maxConnections, int maxClientConn, OptionalInt poolSize, int reservePool,
                             OptionalLong containerMemoryBytes, OptionalDouble containerCpus, OptionalLong hostRamBytes,
                             OptionalInt hostCores, OptionalInt cpuDmaLatencyUs) {
    /** sysctl and JVM presets. */
    public enum Preset { LATENCY, THROUGHPUT }

    /** Database workload types (PGTune's). */
    public enum DbWorkload { WEB, OLTP, DW, MIXED, DESKTOP }

    /** Database storage. */
    public enum Storage { SSD, HDD, SAN, NVME }

    /** @return the guide's values: throughput, 1,000,000 open files, a web database on SSD, 10,000 pooled clients */
    public static SystemSettings defaults() {
        return new SystemSettings(Preset.THROUGHPUT, false, 1_000_000, "nexus", DbWorkload.WEB, Storage.SSD, OptionalInt.empty(), 10_000,
                OptionalInt.empty(), 5, OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** @return a copy with the Export screen's choices: preset, database workload and (if present) max_connections */
    public SystemSettings withChoices(Preset newPreset, DbWorkload newWorkload, OptionalInt newMaxConnections) {
        return new SystemSettings(newPreset, allowLower, nofile, user, newWorkload, storage,
                newMaxConnections.isPresent() ? newMaxConnections : maxConnections, maxClientConn, poolSize, reservePool,
                containerMemoryBytes, containerCpus, hostRamBytes, hostCores, cpuDmaLatencyUs);
    }

    /** @return every problem, named by its TOML field */
    List<FieldError> validate() {
        List<FieldError> e = new ArrayList<>();
        if (nofile < 1024 || nofile > 1L << 30) {
            e.add(new FieldError("os.nofile", "must be in [1024, 2^30], got " + nofile));
        }
        cpuDmaLatencyUs.ifPresent(us -> {
            if (us < 0 || us > 2_000_000) {
                e.add(new FieldError("os.cpu_dma_latency_us", "must be in [0, 2000000] µs, got " + us));
            }
        });
        if (user == null || !user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            e.add(new FieldError("os.user", "must be a Unix user name, got '" + user + "'"));
        }
        maxConnections.ifPresent(c -> {
            if (c < 1 || c > 10_000) {
                e.add(new FieldError("database.max_connections", "must be in [1, 10000], got " + c));
            }
        });
        if (maxClientConn < 1) {
            e.add(new FieldError("pooler.max_client_conn", "must be at least 1, got " + maxClientConn));
        }
        poolSize.ifPresent(p -> {
            if (p < 1) {
                e.add(new FieldError("pooler.default_pool_size", "must be at least 1, got " + p));
            }
        });
        if (reservePool < 0) {
            e.add(new FieldError("pooler.reserve_pool_size", "must not be negative, got " + reservePool));
        }
        containerMemoryBytes.ifPresent(m -> {
            if (m < 512L << 20) {
                e.add(new FieldError("container.memory_bytes", "must be at least 512 MiB, got " + m));
            }
        });
        containerCpus.ifPresent(c -> {
            if (!(c > 0)) {
                e.add(new FieldError("container.cpus", "must be more than 0, got " + c));
            }
        });
        hostRamBytes.ifPresent(r -> {
            if (r < 256L << 20) {
                e.add(new FieldError("host.ram_bytes", "must be at least 256 MiB, got " + r));
            }
        });
        hostCores.ifPresent(c -> {
            if (c < 1 || c > 4096) {
                e.add(new FieldError("host.cores", "must be in [1, 4096], got " + c));
            }
        });
        return e;
    }
}
