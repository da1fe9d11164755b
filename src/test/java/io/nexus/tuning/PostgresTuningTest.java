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

    @TempDir
    Path dir;

    /** Hosts from 1 GiB / 1 core to 512 GiB / 128 cores, every workload type. */
    static Stream<Arguments> hostsAndWorkloads() {
        List<Host> hosts = List.of(new Host(GB, 1, 1, Host.Storage.HDD), new Host(8 * GB, 4, 1, Host.Storage.SSD),
                new Host(64 * GB, 32, 2, Host.Storage.SAN), new Host(512 * GB, 128, 4, Host.Storage.SSD));
        return hosts.stream().flatMap(h -> Stream.of(DatabaseWorkload.values()).map(w -> Arguments.of(h, w)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostsAndWorkloads")
    void postgresAcceptsEveryGeneratedValue(Host host, DatabaseWorkload workload) throws Exception {
        List<Setting> settings = PostgresTuning.settings(host, workload, PostgresTuning.defaultConnections(workload));
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
                List<Setting> settings = PostgresTuning.settings(host, DatabaseWorkload.OLTP, 300);
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
                () -> PostgresTuning.settings(new Host(-1, 0, 1, Host.Storage.SSD), DatabaseWorkload.WEB, 0));
        assertEquals(List.of("host.ram", "host.cores", "host.numa_nodes", "database.max_connections"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void workMemStaysFarFromTheGuidesOneGigabyte() throws Exception {
        List<Setting> s = PostgresTuning.settings(new Host(256 * GB, 64, 2, Host.Storage.SSD), DatabaseWorkload.WEB, 200);
        String workMem = s.stream().filter(x -> x.name().equals("work_mem")).findFirst().orElseThrow().value();
        assertTrue(workMem.endsWith("kB") || workMem.endsWith("MB"), workMem);
        assertTrue(PostgresTuning.alterSystem(s, "t").contains("restart PostgreSQL for them: max_connections, shared_buffers"));
    }
}
