package io.nexus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nexus.bench.Finding;
import io.nexus.bench.RunProfile;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import io.nexus.profile.ProfileKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Every run, kept over JDBC in H2 or PostgreSQL: its row in {@code runs}, its samples as the guide's
 * {@code metrics} time series, and an {@code operations_log}. The schema is migrated by Flyway on open
 * ({@code db/migration/h2}, {@code db/migration/postgresql}). Each save is one transaction: a run is
 * stored whole or not at all.
 *
 * <p>Connections come from a HikariCP pool of fixed size: the guide's pooling advice (a fixed pool, no
 * overflow, connections checked before use) at HikariCP's size rule of about two per core, at most 20.
 *
 * <p><b>Thread-safety:</b> thread-safe; blocking (never call it on the UI thread).
 */
public final class ResultStore implements AutoCloseable {
    /** Operation types written to {@code operations_log}. */
    public enum Operation { RUN_STARTED, RUN_FINISHED, RUN_CANCELLED, RUN_FAILED, EXPORTED, DELETED }

    /** Prefix of the metric rows that hold a sample's outcome counts, with their order: {@code outcome:2:429}. */
    private static final String OUTCOME = "outcome:";
    private static final List<String> METRICS = List.of("interval_ns", "ops", "ops_per_second", "count", "mean_ns", "p50_ns", "p90_ns",
            "p99_ns", "p999_ns", "p9999_ns", "max_ns", "service_p99_ns", "errors", "queue_depth", "process_cpu", "heap_bytes", "gc_ms");

    /** The pool's and the migrations' routine messages are not the operator's business; their warnings are. */
    private static final List<java.util.logging.Logger> QUIET = List.of(java.util.logging.Logger.getLogger("com.zaxxer.hikari"),
            java.util.logging.Logger.getLogger("org.flywaydb"));

    static {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    /** Attempts at migrating the schema before giving up. */
    private static final int MIGRATION_ATTEMPTS = 4;

    private final HikariDataSource pool;
    private final StoreLocation location;

    private ResultStore(HikariDataSource pool, StoreLocation location) {
        this.pool = pool;
        this.location = location;
    }

    /**
     * Opens the store, creating or migrating its schema.
     *
     * @throws StoreException if the database cannot be reached or migrated (the message says which URL)
     */
    public static ResultStore open(StoreLocation location) throws StoreException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.url());
        config.setUsername(location.user());
        config.setPassword(location.password());
        int size = Math.min(20, 2 * Runtime.getRuntime().availableProcessors() + 1);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(5_000);
        config.setPoolName("nexus-store");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach the results store at " + location + ": " + rootMessage(e), e);
        }
        String vendor = location.isPostgres() ? "postgresql" : "h2";
        // Through a pooler, migrate over the server's own URL: Flyway holds a session lock a transaction pooler cannot keep.
        Flyway flyway = (location.directUrl() == null ? Flyway.configure().dataSource(pool)
                : Flyway.configure().dataSource(location.directUrl(), location.user(), location.password()))
                .locations("classpath:db/migration/" + vendor).load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return new ResultStore(pool, location);
            } catch (RuntimeException e) {
                // Two processes opening a new store at once both try to create the schema; the loser
                // finds it made on its next attempt.
                if (attempt == MIGRATION_ATTEMPTS) {
                    pool.close();
                    throw new StoreException("cannot prepare the results store at " + location + ": " + rootMessage(e), e);
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    pool.close();
                    throw new StoreException("interrupted while preparing the results store at " + location, interrupted);
                }
            }
        }
    }

    /** @return where this store is */
    public StoreLocation location() {
        return location;
    }

    /**
     * Saves a run, its samples and a log entry, in one transaction. Saving a run id twice is a no-op.
     *
     * @throws StoreException if the database is unreachable or refuses the write (nothing is written)
     */
    public void save(StoredRun run) throws StoreException {
        inTransaction("save run " + run.id(), c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
                exists.setString(1, run.id());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, started_at, host, workload, mode, threads, size, batch,"
                    + " window_ops, profile, status, failure, measured_nanos, ops, errors, ops_per_second, p50_ns, p99_ns, p999_ns, max_ns,"
                    + " result_json, response_histogram, service_histogram) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setString(i++, run.id());
                ps.setTimestamp(i++, Timestamp.from(run.startedAt()));
                ps.setString(i++, run.host());
                ps.setString(i++, run.workload());
                ps.setString(i++, run.mode());
                ps.setInt(i++, run.threads());
                ps.setInt(i++, run.size());
                ps.setInt(i++, run.batch());
                ps.setInt(i++, run.window());
                ps.setString(i++, run.profile());
                ps.setString(i++, run.status());
                ps.setString(i++, run.failure());
                ps.setLong(i++, run.measuredNanos());
                ps.setLong(i++, run.ops());
                ps.setLong(i++, run.errors());
                ps.setDouble(i++, run.opsPerSecond());
                ps.setLong(i++, run.response().p50());
                ps.setLong(i++, run.response().p99());
                ps.setLong(i++, run.response().p999());
                ps.setLong(i++, run.response().max());
                ps.setString(i++, run.resultJson());
                ps.setBytes(i++, run.responseHistogram());
                ps.setBytes(i, run.serviceHistogram());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO metrics (run_id, metric_name, recorded_at, elapsed_nanos, metric_value) VALUES (?,?,?,?,?)")) {
                for (Sample s : run.samples()) {
                    Timestamp at = Timestamp.from(run.startedAt().plusNanos(s.elapsedNanos()));
                    double[] values = values(s);
                    for (int m = 0; m < METRICS.size(); m++) {
                        addMetric(ps, run.id(), METRICS.get(m), at, s.elapsedNanos(), values[m]);
                    }
                    int order = 0;
                    for (Map.Entry<String, Long> outcome : s.outcomes().entrySet()) {
                        addMetric(ps, run.id(), OUTCOME + order++ + ":" + outcome.getKey(), at, s.elapsedNanos(), outcome.getValue());
                    }
                }
                ps.executeBatch();
            }
            if (run.runProfile() != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_profiles (run_id, profile_json) VALUES (?,?)")) {
                    ps.setString(1, run.id());
                    ps.setString(2, ResultJson.writeValue(run.runProfile()));
                    ps.executeUpdate();
                }
            }
            insertFindings(c, run.id(), run.findings());
            log(c, run.id(), Operation.valueOf("RUN_" + (run.status().equals("COMPLETED") ? "FINISHED" : run.status())), run.status());
            return null;
        });
    }

    /**
     * Replaces what the advisor found in run {@code runId} (the rules evaluated again).
     *
     * @throws StoreException if the store fails (the old findings are then kept)
     */
    public void replaceFindings(String runId, List<Finding> findings) throws StoreException {
        inTransaction("keep findings of " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM findings WHERE run_id = ?")) {
                ps.setString(1, runId);
                ps.executeUpdate();
            }
            insertFindings(c, runId, findings);
            return null;
        });
    }

    private static void insertFindings(Connection c, String runId, List<Finding> findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (run_id, position, rule, severity, title, evidence, advice,"
                + " profile_change) VALUES (?,?,?,?,?,?,?,?)")) {
            int position = 0;
            for (Finding f : findings) {
                ps.setString(1, runId);
                ps.setInt(2, position++);
                ps.setString(3, f.rule());
                ps.setString(4, f.severity().name());
                ps.setString(5, bounded(f.title(), 1000));
                ps.setString(6, bounded(f.evidence(), 4000));
                ps.setString(7, bounded(f.advice(), 4000));
                StringBuilder change = new StringBuilder();
                f.change().forEach((key, value) -> change.append(key.key()).append(" = ").append(value).append('\n'));
                ps.setString(8, change.toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return {@code text} cut to its column's {@code max} characters (a failure's message can fill a column of its own) */
    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static List<Finding> findings(Connection c, String runId) throws SQLException {
        List<Finding> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule, severity, title, evidence, advice, profile_change FROM findings"
                + " WHERE run_id = ? ORDER BY position")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<ProfileKey, String> change = new LinkedHashMap<>();
                    rs.getString(6).lines().map(line -> line.split(" = ", 2)).forEach(kv -> java.util.Arrays.stream(ProfileKey.values())
                            .filter(k -> k.key().equals(kv[0])).findFirst().ifPresent(k -> change.put(k, kv[1])));
                    found.add(new Finding(rs.getString(1), Finding.Severity.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), change));
                }
            }
        }
        return found;
    }

    private static RunProfile runProfile(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT profile_json FROM run_profiles WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ResultJson.readValue(rs.getString(1), RunProfile.class) : null;
            }
        }
    }

    private static void addMetric(PreparedStatement ps, String runId, String name, Timestamp at, long elapsedNanos, double value)
            throws SQLException {
        ps.setString(1, runId);
        ps.setString(2, name);
        ps.setTimestamp(3, at);
        ps.setLong(4, elapsedNanos);
        ps.setDouble(5, value);
        ps.addBatch();
    }

    private static double[] values(Sample s) {
        LatencySummary l = s.latency();
        return new double[] {s.intervalNanos(), s.ops(), s.opsPerSecond(), l.count(), l.mean(), l.p50(), l.p90(), l.p99(), l.p999(),
                l.p9999(), l.max(), s.serviceP99Nanos(), s.errors(), s.queueDepth(), s.processCpu(), s.heapUsedBytes(), s.gcMillis()};
    }

    /** @return the sample's outcome counts, in the order they were written ({@code outcome:<order>:<kind>}) */
    private static Map<String, Long> outcomes(Map<String, Double> v) {
        java.util.SortedMap<Integer, Map.Entry<String, Long>> byOrder = new java.util.TreeMap<>();
        v.forEach((name, value) -> {
            if (name.startsWith(OUTCOME)) {
                String[] orderAndKind = name.substring(OUTCOME.length()).split(":", 2);
                byOrder.put(Integer.parseInt(orderAndKind[0]), Map.entry(orderAndKind[1], value.longValue()));
            }
        });
        Map<String, Long> out = new LinkedHashMap<>();
        byOrder.values().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Sample sample(long elapsed, Map<String, Double> v) {
        LatencySummary l = new LatencySummary(v.get("count").longValue(), v.get("mean_ns"), v.get("p50_ns").longValue(),
                v.get("p90_ns").longValue(), v.get("p99_ns").longValue(), v.get("p999_ns").longValue(), v.get("p9999_ns").longValue(),
                v.get("max_ns").longValue());
        return new Sample(elapsed, v.get("interval_ns").longValue(), v.get("ops").longValue(), v.get("ops_per_second"), l,
                v.get("service_p99_ns").longValue(), v.get("errors").longValue(), v.get("queue_depth").longValue(),
                v.get("process_cpu"), v.get("heap_bytes").longValue(), v.get("gc_ms").longValue(), outcomes(v));
    }

    /** Records an operation in {@code operations_log}. */
    public void log(String runId, Operation operation, String detail) throws StoreException {
        inTransaction("log " + operation, c -> {
            log(c, runId, operation, detail);
            return null;
        });
    }

    private static void log(Connection c, String runId, Operation operation, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operations_log (run_id, operation_type, status, at, detail) VALUES (?,?,?,?,?)")) {
            ps.setString(1, runId);
            ps.setString(2, operation.name());
            ps.setString(3, "DONE");
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }

    /**
     * @param workload only runs of this workload, or {@code null} for all
     * @param limit    most rows, newest first
     */
    public List<RunSummary> list(String workload, int limit) throws StoreException {
        return inTransaction("list runs", c -> {
            String sql = "SELECT id, started_at, host, workload, mode, threads, status, ops_per_second, p99_ns FROM runs"
                    + (workload == null ? "" : " WHERE workload = ?") + " ORDER BY started_at DESC, id LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (workload != null) {
                    ps.setString(i++, workload);
                }
                ps.setInt(i, limit);
                List<RunSummary> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new RunSummary(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getDouble(8), rs.getLong(9)));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * @param idOrPrefix a run id, or a unique prefix of one (as {@code git} takes commit ids)
     * @return the run with its samples and histograms
     * @throws IllegalArgumentException if the prefix is not hex digits and '-', or matches more than one run
     * @throws StoreException if the store fails
     */
    public Optional<StoredRun> load(String idOrPrefix) throws StoreException {
        if (!idOrPrefix.matches("[0-9a-fA-F-]+")) {
            throw new IllegalArgumentException("a run id is hex digits and '-' (see 'nexus history'), got '" + idOrPrefix + "'");
        }
        List<StoredRun> matches = inTransaction("load run " + idOrPrefix, c -> {
            List<StoredRun> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, started_at, host, workload, mode, threads, size, batch, window_ops,"
                    + " profile, status, failure, measured_nanos, ops, errors, ops_per_second, result_json, response_histogram,"
                    + " service_histogram FROM runs WHERE id LIKE ? ORDER BY id LIMIT 2")) {
                ps.setString(1, idOrPrefix.toLowerCase(java.util.Locale.ROOT) + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] response = rs.getBytes(18);
                        byte[] service = rs.getBytes(19);
                        found.add(new StoredRun(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
                                rs.getString(11), rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getDouble(16),
                                LatencySummary.of(StoredRun.decompress(response)), LatencySummary.of(StoredRun.decompress(service)),
                                rs.getString(17), List.of(), response, service));
                    }
                }
            }
            if (found.size() != 1) {
                return found;
            }
            StoredRun r = found.getFirst();
            return List.of(new StoredRun(r.id(), r.startedAt(), r.host(), r.workload(), r.mode(), r.threads(), r.size(), r.batch(),
                    r.window(), r.profile(), r.status(), r.failure(), r.measuredNanos(), r.ops(), r.errors(), r.opsPerSecond(),
                    r.response(), r.service(), r.resultJson(), samples(c, r.id()), r.responseHistogram(), r.serviceHistogram(),
                    runProfile(c, r.id()), findings(c, r.id())));
        });
        if (matches.size() > 1) {
            throw new IllegalArgumentException("run id prefix '" + idOrPrefix + "' matches more than one run: give more of it");
        }
        return matches.stream().findFirst();
    }

    private static List<Sample> samples(Connection c, String runId) throws SQLException {
        Map<Long, Map<String, Double>> byElapsed = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT elapsed_nanos, metric_name, metric_value FROM metrics WHERE run_id = ? ORDER BY elapsed_nanos")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byElapsed.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getDouble(3));
                }
            }
        }
        List<Sample> samples = new ArrayList<>();
        byElapsed.forEach((elapsed, values) -> samples.add(sample(elapsed, values)));
        return samples;
    }

    /** Deletes a run with its samples; @return whether it existed */
    public boolean delete(String id) throws StoreException {
        return inTransaction("delete run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                ps.setString(1, id);
                boolean deleted = ps.executeUpdate() > 0;
                if (deleted) {
                    log(c, id, Operation.DELETED, "");
                }
                return deleted;
            }
        });
    }

    /**
     * Keeps a sweep whose points are already stored runs, in one transaction. Saving a sweep id twice is a no-op.
     *
     * @throws StoreException if the database refuses it (a point whose run is not stored, say); nothing is written then
     */
    public void saveSweep(StoredSweep sweep) throws StoreException {
        inTransaction("save sweep " + sweep.id(), c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM sweeps WHERE id = ?")) {
                exists.setString(1, sweep.id());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweeps (id, started_at, workload, model) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sweep.id());
                ps.setTimestamp(2, Timestamp.from(sweep.startedAt()));
                ps.setString(3, sweep.workload());
                ps.setString(4, sweep.model().length() > 1000 ? sweep.model().substring(0, 1000) : sweep.model());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweep_points (sweep_id, run_id, threads) VALUES (?, ?, ?)")) {
                for (StoredSweep.Point p : sweep.points()) {
                    ps.setString(1, sweep.id());
                    ps.setString(2, p.runId());
                    ps.setInt(3, p.threads());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** @return the newest {@code limit} sweeps, newest first, each with its points in thread order */
    public List<StoredSweep> listSweeps(int limit) throws StoreException {
        return inTransaction("list sweeps", c -> {
            List<StoredSweep> sweeps = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, started_at, workload, model FROM sweeps ORDER BY started_at DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sweeps.add(new StoredSweep(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), List.of(), rs.getString(4)));
                    }
                }
            }
            List<StoredSweep> withPoints = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT threads, run_id FROM sweep_points WHERE sweep_id = ? ORDER BY threads")) {
                for (StoredSweep s : sweeps) {
                    ps.setString(1, s.id());
                    List<StoredSweep.Point> points = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            points.add(new StoredSweep.Point(rs.getInt(1), rs.getString(2)));
                        }
                    }
                    withPoints.add(new StoredSweep(s.id(), s.startedAt(), s.workload(), points, s.model()));
                }
            }
            return withPoints;
        });
    }

    /** Work done inside one transaction. */
    private interface TransactionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, TransactionWork<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot " + what + " in " + location + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
