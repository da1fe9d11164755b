package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.FieldError;
import io.nexus.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated PostgreSQL settings fed to a real PostgreSQL: its parser, and ALTER SYSTEM on a live server. */
class PostgresTuningTest {
    private static final long GB = 1L << 30;
    /** The major version installed here (15 on Debian 12, the CI machine). */
    private static final int LOCAL = io.nexus.app.HostDetector.software(io.nexus.app.ExportBundle.Software.DEBIAN_12).postgresMajor();

    @TempDir
    Path dir;

    /** Hosts from 1 GiB / 1 core to 512 GiB / 128 cores, every workload type. */
    static Stream<Arguments> hostsAndWorkloads() {
        List<Host> hosts = List.of(new Host(GB, 1, 1, Host.Storage.HDD), new Host(8 * GB, 4, 1, Host.Storage.SSD),
                new Host(64 * GB, 32, 2, Host.Storage.SAN), new Host(512 * GB, 128, 4, Host.Storage.NVME));
        return hosts.stream().flatMap(h -> Stream.of(DatabaseWorkload.values()).map(w -> Arguments.of(h, w)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostsAndWorkloads")
    void postgresAcceptsEveryGeneratedValue(Host host, DatabaseWorkload workload) throws Exception {
        List<Setting> settings = PostgresTuning.settings(host, workload, PostgresTuning.defaultConnections(workload), LOCAL);
        Files.writeString(dir.resolve("nexus-tuning.conf"), PostgresTuning.conf(settings, "test"));
        Files.writeString(dir.resolve("postgresql.conf"), "include 'nexus-tuning.conf'\n");
        Files.writeString(dir.resolve("postgresql.auto.conf"), "");
        for (Setting s : settings) {
            String[] result = PostgresServer.checkConfig(dir, s.name());
            assertEquals("0", result[0], s.name() + " = " + s.value() + ": " + result[1]);
        }
        String[] shared = PostgresServer.checkConfig(dir, "shared_buffers");
        long expectedPages = host.ramBytes() / (workload == DatabaseWorkload.DESKTOP ? 16 : 4) / 8192;
        assertEquals(Long.toString(expectedPages), shared[1].lines().reduce((a, b) -> b).orElse(""),
                "PostgreSQL reads shared_buffers as we meant it (8kB pages)");
    }

    @Test
    void alterSystemOnALiveServerAcceptsAllAndRestartMarksMatchPostgres() throws Exception {
        try (PostgresServer server = PostgresServer.start();
             Connection c = DriverManager.getConnection(server.location().url(), server.location().user(), "")) {
            for (Host host : List.of(new Host(GB, 1, 1, Host.Storage.HDD), new Host(512 * GB, 128, 4, Host.Storage.SSD))) {
                List<Setting> settings = PostgresTuning.settings(host, DatabaseWorkload.OLTP, 300, LOCAL);
                try (Statement st = c.createStatement()) {
                    for (String line : PostgresTuning.alterSystem(settings, "test").lines().toList()) {
                        if (!line.startsWith("--") && !line.isBlank()) {
                            st.execute(line); // a bad value would throw here
                        }
                    }
                }
                Map<String, String> context = new HashMap<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, context FROM pg_settings")) {
                    while (rs.next()) {
                        context.put(rs.getString(1), rs.getString(2));
                    }
                }
                for (Setting s : settings) {
                    assertEquals("postmaster".equals(context.get(s.name())), s.restart(), s.name() + " is " + context.get(s.name()));
                }
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM pg_settings WHERE pending_restart")) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        assertTrue(settings.stream().anyMatch(s -> s.name().equals(name) && s.restart()),
                                name + " waits for a restart, so it must be marked [restart]");
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER SYSTEM RESET ALL");
                }
            }
        }
    }

    @Test
    void badInputIsNamedField() {
        TuningException e = assertThrows(TuningException.class,
                () -> PostgresTuning.settings(new Host(-1, 0, 1, Host.Storage.SSD), DatabaseWorkload.WEB, 0, 9));
        assertEquals(List.of("host.ram", "host.cores", "host.numa_nodes", "database.max_connections", "database.version"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void workMemStaysFarFromTheGuidesOneGigabyte() throws Exception {
        List<Setting> s = PostgresTuning.settings(new Host(256 * GB, 64, 2, Host.Storage.SSD), DatabaseWorkload.WEB, 200, LOCAL);
        String workMem = s.stream().filter(x -> x.name().equals("work_mem")).findFirst().orElseThrow().value();
        assertTrue(workMem.endsWith("kB") || workMem.endsWith("MB"), workMem);
        assertTrue(PostgresTuning.alterSystem(s, "t").contains("restart PostgreSQL for them: max_connections, shared_buffers"));
    }

    /** The huge pages the sysctl file reserves cover what PostgreSQL itself computes for the same settings, with little to spare. */
    @ParameterizedTest(name = "{0} GiB, {1} connections")
    @org.junit.jupiter.params.provider.CsvSource({"16, 200", "64, 200", "256, 200", "64, 5000"})
    void theHugePagesReservedCoverPostgresOwnFigure(int ramGib, int connections) throws Exception {
        List<Setting> settings = PostgresTuning.settings(new Host(ramGib * GB, 16, 1, Host.Storage.SSD), DatabaseWorkload.WEB, connections, LOCAL);
        Path data;
        try (PostgresServer server = PostgresServer.start()) {
            data = server.dataDir(); // a real data directory: PostgreSQL computes the figure from it
        }
        Files.writeString(data.resolve("nexus-tuning.conf"), PostgresTuning.conf(settings, "test"));
        Files.writeString(data.resolve("postgresql.conf"), "include 'nexus-tuning.conf'\n", java.nio.file.StandardOpenOption.APPEND);
        String[] result = PostgresServer.checkConfig(data, "shared_memory_size_in_huge_pages");
        assertEquals("0", result[0], result[1]);
        long postgres = Long.parseLong(result[1].lines().reduce((a, b) -> b).orElseThrow());
        long reserved = PostgresTuning.hugePages(settings);
        assertTrue(reserved >= postgres && reserved <= postgres * 11 / 10 + 64, "reserved " + reserved + " for PostgreSQL's " + postgres);
    }

    /** Every setting PGTune computes, as its own code computes it (src/test/resources/pgtune, generated from le0pard/pgtune). */
    @Test
    void matchesPgTunesOwnOutputOnEveryHostOfTheTable() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("src/test/resources/pgtune/pgtune-outputs.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("ram_gib")).toList();
        assertTrue(rows.size() >= 32 * 5, "the table covers 32 hosts or more, every workload: " + rows.size());
        List<String> differences = new java.util.ArrayList<>();
        for (String row : rows) {
            String[] f = row.split("\t");
            Host host = new Host(Long.parseLong(f[0]) * GB, Integer.parseInt(f[1]), 1, Host.Storage.valueOf(f[3].toUpperCase(java.util.Locale.ROOT)));
            DatabaseWorkload w = DatabaseWorkload.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
            Map<String, String> ours = new java.util.LinkedHashMap<>();
            PostgresTuning.settings(host, w, PostgresTuning.defaultConnections(w), Integer.parseInt(f[4])).forEach(x -> ours.put(x.name(), x.value()));
            Map<String, String> pgtune = new java.util.LinkedHashMap<>();
            for (String kv : f[5].split(";")) {
                pgtune.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            if (pgtune.containsKey("io_method")) {
                assertEquals("worker", ours.get("io_method"), "io_method differs on purpose (its reason says why)");
                pgtune.remove("io_method");
                ours.remove("io_method");
            }
            if (!ours.equals(pgtune)) {
                differences.add(row + "\n  ours: " + ours);
            }
        }
        assertEquals(List.of(), differences);
    }
}
