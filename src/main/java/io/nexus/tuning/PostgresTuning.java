package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL settings sized from the host, the workload type, the connection count and the server's major
 * version, with PGTune's current formulas (le0pard/pgtune {@code configurationSlice.js}, for Linux and a
 * database about the size of RAM; checked against a table generated from its code in the tests). Where
 * this class differs from PGTune, the value's reason says why: {@code io_method} stays {@code worker} on
 * PostgreSQL 18 (PGTune's {@code io_uring} needs a server built with liburing, and an unknown value stops
 * the server), and a work_mem whose worst case exceeds the RAM is flagged. The guide's
 * {@code work_mem = 1GB} is never used (work_mem is per sort/hash node per connection: 1 GB x 200
 * connections is 200 GB). Pure functions; thread-safe.
 */
public final class PostgresTuning {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;
    /** Oldest and newest major version sized for (PGTune's range). */
    public static final int MIN_VERSION = 10;
    public static final int MAX_VERSION = 18;
    /** PostgreSQL's own max_worker_processes, used for work_mem where PGTune leaves the parallel settings out. */
    private static final int DEFAULT_WORKER_PROCESSES = 8;

    private PostgresTuning() {
    }

    /** The default connection count per workload (PGTune's). */
    public static int defaultConnections(DatabaseWorkload w) {
        return switch (w) {
            case WEB -> 200;
            case OLTP -> 300;
            case DW -> 40;
            case MIXED -> 100;
            case DESKTOP -> 20;
        };
    }

    /**
     * @param maxConnections the server's max_connections, in [1, 10000]
     * @param version        the server's major version, in [{@value #MIN_VERSION}, {@value #MAX_VERSION}]
     * @return the settings, in PGTune's order
     * @throws TuningException naming each bad input field
     */
    public static List<Setting> settings(Host host, DatabaseWorkload w, int maxConnections, int version) throws TuningException {
        List<FieldError> errors = new ArrayList<>(host.validate());
        if (maxConnections < 1 || maxConnections > 10_000) {
            errors.add(new FieldError("database.max_connections", "must be in [1, 10000], got " + maxConnections));
        }
        if (version < MIN_VERSION || version > MAX_VERSION) {
            errors.add(new FieldError("database.version", "must be a PostgreSQL major version in [" + MIN_VERSION + ", " + MAX_VERSION + "], got " + version));
        }
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
        boolean desktop = w == DatabaseWorkload.DESKTOP;
        long ramKb = host.ramBytes() / KB;
        long shared = desktop ? ramKb / 16 : ramKb / 4;
        long maintenance = Math.min(8 * GB / KB, w == DatabaseWorkload.DW ? ramKb / 8 : ramKb / 16);
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("max_connections", Integer.toString(maxConnections), "connections this server accepts; put PgBouncer in front for more clients", true));
        s.add(new Setting("shared_buffers", kb(shared), desktop ? "1/16 of RAM on a shared desktop" : "1/4 of RAM (the guide's 25 %)", true));
        s.add(new Setting("effective_cache_size", kb(desktop ? ramKb / 4 : ramKb * 3 / 4), "planner hint: RAM the OS cache and shared buffers can hold ("
                + (desktop ? "1/4" : "3/4") + " of RAM)", false));
        s.add(new Setting("maintenance_work_mem", kb(maintenance), "VACUUM and index builds: RAM/" + (w == DatabaseWorkload.DW ? 8 : 16) + ", at most 8GB", false));
        s.add(new Setting("checkpoint_completion_target", "0.9", "spread checkpoint writes over 90 % of the interval", false));
        s.add(new Setting("wal_buffers", kb(walBuffers(shared)), "3 % of shared_buffers, between 32kB and 16MB", true));
        s.add(new Setting("default_statistics_target", w == DatabaseWorkload.DW ? "500" : "100", w == DatabaseWorkload.DW ? "finer statistics for analytic plans" : "the default", false));
        s.add(randomPageCost(host.storage(), w));
        s.add(new Setting("effective_io_concurrency", switch (host.storage()) {
            case HDD -> "2";
            case SSD -> "200";
            case SAN -> "300";
            case NVME -> "1000";
        }, "concurrent I/O the " + host.storage().name().toLowerCase(Locale.ROOT) + " storage serves", false));
        long workMem = workMem(host, w, maxConnections, shared);
        s.add(new Setting("work_mem", kb(workMem), "(RAM - shared_buffers) / (3 x (connections + worker processes))"
                + (w == DatabaseWorkload.DW || w == DatabaseWorkload.MIXED ? " / 2" : desktop ? " / 6" : "") + ", at least 4MB; not the guide's 1GB"
                + worstCase(host, maxConnections, workMem, shared), false));
        s.add(new Setting("huge_pages", shared >= 2 * GB / KB ? "try" : "off", shared >= 2 * GB / KB
                ? "shared_buffers of 2GB or more map better on huge pages (the sysctl file reserves vm.nr_hugepages)" : "shared_buffers under 2GB gain little from huge pages", true));
        long[] wal = switch (w) {
            case WEB, MIXED -> new long[] {GB, 4 * GB};
            case OLTP -> new long[] {2 * GB, 8 * GB};
            case DW -> new long[] {4 * GB, 16 * GB};
            case DESKTOP -> new long[] {100 * MB, 2 * GB};
        };
        s.add(new Setting("min_wal_size", kb(wal[0] / KB), "WAL kept between checkpoints, at least", false));
        s.add(new Setting("max_wal_size", kb(wal[1] / KB), "WAL allowed before a checkpoint is forced", false));
        if (desktop) {
            s.add(new Setting("wal_level", "minimal", "a desktop database needs no replication: least WAL", true));
            s.add(new Setting("max_wal_senders", "0", "required by wal_level = minimal", true));
        }
        if (version >= 12 && (w == DatabaseWorkload.WEB || w == DatabaseWorkload.OLTP || w == DatabaseWorkload.MIXED)) {
            s.add(new Setting("jit", "off", "JIT compilation costs more than it saves on short queries", false));
        }
        if (version >= 15) {
            s.add(new Setting("wal_compression", "lz4", "compress full-page images in WAL with lz4 (cheaper than pglz; the server must be built --with-lz4, as Debian's and PGDG's are)", false));
        } else {
            s.add(new Setting("wal_compression", "on", "compress full-page images in WAL (pglz)", false));
        }
        parallel(s, host.cores(), w, version);
        if (host.cores() >= 16) {
            s.add(new Setting("autovacuum_max_workers", host.cores() >= 32 ? "5" : "4", "more autovacuum workers on a big server (PostgreSQL's default is 3)", version < 18));
        }
        if (maintenance >= 2 * GB / KB) {
            s.add(new Setting("autovacuum_work_mem", kb(2 * GB / KB), "each autovacuum worker at most 2GB (maintenance_work_mem would give each of them its size)", false));
        }
        if (version >= 18) {
            s.add(new Setting("io_method", "worker", "PostgreSQL's default; differs from PGTune's io_uring, which needs a server built with liburing"
                    + " (an unknown value stops the server)", true));
        }
        return s;
    }

    private static long walBuffers(long sharedKb) {
        long wal = 3 * sharedKb / 100;
        long max = 16 * MB / KB;
        if (wal > max || wal > 14 * MB / KB) {
            wal = max;
        }
        return Math.max(32, wal);
    }

    private static Setting randomPageCost(Host.Storage storage, DatabaseWorkload w) {
        if (storage == Host.Storage.HDD) {
            return new Setting("random_page_cost", "4", "random reads on spinning disks cost about 4 sequential ones", false);
        }
        if (w == DatabaseWorkload.DW) {
            return new Setting("random_page_cost", "4", "left at PostgreSQL's 4 for a warehouse larger than RAM: a low cost picks index scans for large reads", false);
        }
        return new Setting("random_page_cost", "1.1", "random reads on " + storage.name().toLowerCase(Locale.ROOT) + " cost about as much as sequential ones", false);
    }

    /** @return work_mem in kB, PGTune's: worker processes are the cores where it sets them (4 cores or more), else PostgreSQL's 8 */
    private static long workMem(Host host, DatabaseWorkload w, int connections, long sharedKb) {
        int workers = host.cores() >= 4 ? host.cores() : DEFAULT_WORKER_PROCESSES;
        double perConnection = (double) (host.ramBytes() / KB - sharedKb) / ((connections + workers) * 3.0);
        long value = (long) Math.floor(switch (w) {
            case DW, MIXED -> perConnection / 2;
            case DESKTOP -> perConnection / 6;
            default -> perConnection;
        });
        return Math.max(4 * MB / KB, value);
    }

    /** @return a warning when work_mem x connections + shared_buffers exceeds the RAM (small hosts with many connections), else "" */
    private static String worstCase(Host host, int connections, long workMemKb, long sharedKb) {
        long worst = (workMemKb * connections + sharedKb) * KB;
        return worst <= host.ramBytes() ? "" : "; WARNING: one sort per connection at once needs " + kb(worst / KB)
                + ", more than the RAM: fewer connections (PgBouncer in front) or a smaller work_mem";
    }

    /** PGTune's parallel settings, only on 4 cores or more (below that PostgreSQL's defaults stay). */
    private static void parallel(List<Setting> s, int cores, DatabaseWorkload w, int version) {
        if (cores < 4) {
            return;
        }
        int perGather = (cores + 1) / 2;
        if (w != DatabaseWorkload.DW) {
            perGather = Math.min(4, perGather);
        }
        s.add(new Setting("max_worker_processes", Integer.toString(cores), "background workers: one per core", true));
        s.add(new Setting("max_parallel_workers_per_gather", Integer.toString(perGather), w == DatabaseWorkload.DW
                ? "half the cores: analytic queries use them" : "half the cores, at most 4 (more rarely pays)", false));
        s.add(new Setting("max_parallel_workers", Integer.toString(cores), "one per core, within max_worker_processes", false));
        if (version >= 11) {
            s.add(new Setting("max_parallel_maintenance_workers", Integer.toString(Math.min(4, (cores + 1) / 2)), "half the cores, at most 4", false));
        }
    }

    /**
     * @return 2 MiB huge pages to reserve for {@code settings}' shared memory when they ask for huge pages, else 0:
     *     shared_buffers and wal_buffers, plus 3 % and 64 MiB for PostgreSQL's other shared structures and 50 kB
     *     per connection (locks, procs; PostgreSQL 15's shared_memory_size_in_huge_pages is the exact figure)
     */
    public static long hugePages(List<Setting> settings) {
        if (!"try".equals(value(settings, "huge_pages"))) {
            return 0;
        }
        long bytes = bytes(value(settings, "shared_buffers")) + bytes(value(settings, "wal_buffers"));
        long withOverhead = bytes + bytes * 3 / 100 + 64 * MB + 50 * KB * Long.parseLong(value(settings, "max_connections"));
        return (withOverhead + 2 * MB - 1) / (2 * MB);
    }

    /** @return the bytes of a PostgreSQL memory value such as {@code 4GB}, {@code 512MB} or {@code 32kB} */
    public static long bytes(String value) {
        long unit = value.endsWith("GB") ? GB : value.endsWith("MB") ? MB : value.endsWith("kB") ? KB : 1;
        return Long.parseLong(value.replaceAll("[A-Za-z]+$", "")) * unit;
    }

    /** @return the value of the setting {@code name} */
    public static String value(List<Setting> s, String name) {
        return find(s, name).orElseThrow(() -> new IllegalArgumentException("no " + name + " in the settings"));
    }

    /** @return the value of the setting {@code name}, if there is one */
    public static java.util.Optional<String> find(List<Setting> s, String name) {
        return s.stream().filter(x -> x.name().equals(name)).map(Setting::value).findFirst();
    }

    /** @return kilobytes in PostgreSQL's units, as PGTune prints them: the largest of GB, MB, kB that divides them */
    public static String kb(long kb) {
        if (kb % (GB / KB) == 0) {
            return kb / (GB / KB) + "GB";
        }
        if (kb % (MB / KB) == 0) {
            return kb / (MB / KB) + "MB";
        }
        return kb + "kB";
    }

    /** @return a postgresql.conf include: one commented line per setting */
    public static String conf(List<Setting> settings, String header) {
        StringBuilder text = new StringBuilder("# " + header + "\n# Include it as the LAST line of postgresql.conf (a later line wins, and initdb's own settings come"
                + " earlier):\n#   include 'nexus-tuning.conf'\n# ('include' stops the server with an error if the file is missing or unreadable;"
                + " include_if_exists would skip it silently)\n\n");
        for (Setting s : settings) {
            text.append("# ").append(s.why()).append(s.restart() ? " [restart]" : " [reload]").append('\n');
            text.append(s.name()).append(" = '").append(s.value()).append("'\n");
        }
        return text.toString();
    }

    /** @return the same settings as ALTER SYSTEM statements, then a reload, with the restart-only ones named */
    public static String alterSystem(List<Setting> settings, String header) {
        StringBuilder sql = new StringBuilder("-- " + header + "\n");
        for (Setting s : settings) {
            sql.append("-- ").append(s.why()).append('\n');
            sql.append("ALTER SYSTEM SET ").append(s.name()).append(" = '").append(s.value()).append("';\n");
        }
        sql.append("SELECT pg_reload_conf();\n");
        List<String> restart = settings.stream().filter(Setting::restart).map(Setting::name).toList();
        if (!restart.isEmpty()) {
            sql.append("-- A reload does NOT apply these; restart PostgreSQL for them: ").append(String.join(", ", restart)).append('\n');
            sql.append("-- (the guide's 'SELECT pg_reload_conf()' alone leaves shared_buffers unchanged)\n");
        }
        return sql.toString();
    }
}
