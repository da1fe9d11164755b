package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL settings sized from the host, the workload type and the connection count, after PGTune's
 * formulas (le0pard/pgtune, the tool the guide's numbers resemble), with these differences: the guide's
 * {@code work_mem = 1GB} is never used (work_mem is per sort/hash node per connection: 1 GB x 200
 * connections is 200 GB), and every value is cross-checked against the host before it is written.
 * Pure functions; thread-safe.
 */
public final class PostgresTuning {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;

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
     * @return the settings, in file order
     * @throws TuningException naming each bad input field, or a cross-check the values fail
     */
    public static List<Setting> settings(Host host, DatabaseWorkload w, int maxConnections) throws TuningException {
        List<FieldError> errors = new ArrayList<>(host.validate());
        if (maxConnections < 1 || maxConnections > 10_000) {
            errors.add(new FieldError("database.max_connections", "must be in [1, 10000], got " + maxConnections));
        }
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
        long ram = host.ramBytes();
        int cores = host.cores();
        long shared = w == DatabaseWorkload.DESKTOP ? ram / 16 : ram / 4;
        long cache = w == DatabaseWorkload.DESKTOP ? ram / 4 : ram * 3 / 4;
        long maintenance = Math.min(2 * GB, w == DatabaseWorkload.DW ? ram / 8 : ram / 16);
        long walBuffers = Math.min(16 * MB, Math.max(32 * KB, shared * 3 / 100));
        if (walBuffers > 14 * MB) {
            walBuffers = 16 * MB;
        }
        int perGather = Math.max(1, Math.min(4, (cores + 1) / 2));
        int parallel = cores;
        long workMem = (ram - shared) / (3L * (maxConnections + cores)) / perGather;
        workMem = switch (w) {
            case DW, MIXED -> workMem / 2;
            case DESKTOP -> workMem / 6;
            default -> workMem;
        };
        workMem = Math.max(64 * KB, workMem);
        long[] wal = switch (w) {
            case WEB, MIXED -> new long[] {GB, 4 * GB};
            case OLTP -> new long[] {2 * GB, 8 * GB};
            case DW -> new long[] {4 * GB, 16 * GB};
            case DESKTOP -> new long[] {100 * MB, 2 * GB};
        };
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("max_connections", Integer.toString(maxConnections), "connections this server accepts; put PgBouncer in front for more clients", true));
        s.add(new Setting("shared_buffers", mem(shared), w == DatabaseWorkload.DESKTOP ? "1/16 of RAM on a shared desktop" : "1/4 of RAM (the guide's 25 %)", true));
        s.add(new Setting("effective_cache_size", mem(cache), "planner hint: RAM the OS cache and shared buffers can hold (" + (w == DatabaseWorkload.DESKTOP ? "1/4" : "3/4") + " of RAM)", false));
        s.add(new Setting("maintenance_work_mem", mem(maintenance), "VACUUM and index builds: RAM/" + (w == DatabaseWorkload.DW ? 8 : 16) + ", at most 2GB", false));
        s.add(new Setting("checkpoint_completion_target", "0.9", "spread checkpoint writes over 90 % of the interval", false));
        s.add(new Setting("wal_buffers", mem(walBuffers), "3 % of shared_buffers, between 32kB and 16MB", true));
        s.add(new Setting("default_statistics_target", w == DatabaseWorkload.DW ? "500" : "100", w == DatabaseWorkload.DW ? "finer statistics for analytic plans" : "the default", false));
        s.add(new Setting("random_page_cost", host.storage() == Host.Storage.HDD ? "4" : "1.1", "random reads on " + host.storage().name().toLowerCase(Locale.ROOT) + " cost about as much as sequential ones" + (host.storage() == Host.Storage.HDD ? " x4" : ""), false));
        s.add(new Setting("effective_io_concurrency", switch (host.storage()) {
            case SSD -> "200";
            case HDD -> "2";
            case SAN -> "300";
        }, "concurrent I/O the storage serves", false));
        s.add(new Setting("work_mem", mem(workMem), "(RAM - shared_buffers) / (3 x (connections + workers)) / parallel workers per gather"
                + (w == DatabaseWorkload.DW || w == DatabaseWorkload.MIXED ? " / 2" : w == DatabaseWorkload.DESKTOP ? " / 6" : "") + "; not the guide's 1GB", false));
        s.add(new Setting("min_wal_size", mem(wal[0]), "WAL kept between checkpoints, at least", false));
        s.add(new Setting("max_wal_size", mem(wal[1]), "WAL allowed before a checkpoint is forced", false));
        s.add(new Setting("max_worker_processes", Integer.toString(Math.max(8, cores)), "background workers: one per core, at least PostgreSQL's 8", true));
        s.add(new Setting("max_parallel_workers_per_gather", Integer.toString(perGather), "half the cores, at most 4 (more rarely pays)", false));
        s.add(new Setting("max_parallel_workers", Integer.toString(parallel), "one per core, within max_worker_processes", false));
        s.add(new Setting("max_parallel_maintenance_workers", Integer.toString(perGather), "as per gather", false));
        if (ram >= 32 * GB) {
            s.add(new Setting("huge_pages", "try", "large shared_buffers map better on huge pages (reserve vm.nr_hugepages)", true));
        }
        crossCheck(host, s, maxConnections, workMem, shared, perGather);
        return s;
    }

    private static void crossCheck(Host host, List<Setting> s, int connections, long workMem, long shared, int perGather) throws TuningException {
        List<FieldError> errors = new ArrayList<>();
        int workers = Integer.parseInt(value(s, "max_worker_processes"));
        if (Integer.parseInt(value(s, "max_parallel_workers")) > workers) {
            errors.add(new FieldError("max_parallel_workers", "exceeds max_worker_processes " + workers));
        }
        long worstCase = workMem * (long) connections * (1 + perGather) + shared;
        if (worstCase > host.ramBytes() * 2) {
            errors.add(new FieldError("work_mem", "work_mem x connections x (1 + parallel workers) + shared_buffers = " + mem(worstCase)
                    + " is over twice the RAM"));
        }
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
    }

    private static String value(List<Setting> s, String name) {
        return s.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().value();
    }

    /** @return bytes in PostgreSQL's units: the largest of GB, MB, kB that divides them */
    static String mem(long bytes) {
        if (bytes % GB == 0) {
            return bytes / GB + "GB";
        }
        if (bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        return bytes / KB + "kB";
    }

    /** @return a postgresql.conf include: one commented line per setting */
    public static String conf(List<Setting> settings, String header) {
        StringBuilder text = new StringBuilder("# " + header + "\n# Include from postgresql.conf:  include_if_exists = 'nexus-tuning.conf'\n\n");
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
