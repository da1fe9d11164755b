package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.FieldError;
import io.nexus.store.PgBouncerServer;
import io.nexus.store.PostgresServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generated pgbouncer.ini files started in a real PgBouncer (which exits at once on a bad value), with real clients. */
class PgBouncerTuningTest {
    private static final long NR_OPEN = 1_048_576;
    /** The version installed here (Debian 12's 1.18 on the CI machine). */
    private static final String LOCAL = io.nexus.app.HostDetector.software(io.nexus.app.ExportBundle.Software.DEBIAN_12).pgbouncer();

    @TempDir
    Path dir;

    /** The default pool against each workload's max_connections (web 200, oltp 300, dw 40, mixed 100, desktop 20), and a big one. */
    @ParameterizedTest(name = "clients {0}, pool {1}+{2}, max_connections {3}")
    @CsvSource({"10000, 25, 5, 200", "10000, 25, 5, 300", "10000, 25, 5, 40", "10000, 25, 5, 100", "10000, 10, 5, 20", "50000, 90, 10, 300"})
    void pgbouncerStartsWithTheGeneratedFile(int clients, int pool, int reserve, int maxConnections) throws Exception {
        PgBouncerTuning t = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, clients, pool, reserve, maxConnections, NR_OPEN, LOCAL);
        try (PgBouncerServer server = PgBouncerServer.start(t.ini(), dir, 5432, t.openFiles(), List.of("nexus"))) {
            assertTrue(server.port() > 0);
        }
    }

    /** Debian's pgbouncer.service keeps 1024 open files; the generated drop-in's limit lets 1,100 clients in. */
    @Test
    void elevenHundredClientsConnectUnderTheDropInsLimitAndNotUnderSystemdsDefault() throws Exception {
        PgBouncerTuning t = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 1100, 25, 5, 200, NR_OPEN, LOCAL);
        String dropIn = t.systemdDropIn();
        long limit = Long.parseLong(dropIn.lines().filter(l -> l.startsWith("LimitNOFILE=")).findFirst().orElseThrow().substring(12));
        assertEquals(1100, connectedClients(t.ini(), limit, 1100), "every client is accepted under the drop-in's LimitNOFILE " + limit);
        Files.createDirectories(dir.resolve("default"));
        assertTrue(connectedClients(t.ini(), 1024, 1100, dir.resolve("default")) < 1100, "systemd's default 1024 refuses some (the defect)");
    }

    private int connectedClients(String ini, long openFiles, int clients) throws Exception {
        return connectedClients(ini, openFiles, clients, dir);
    }

    /** @return how many of {@code clients} raw connections got PgBouncer's authentication request after their startup message */
    private static int connectedClients(String ini, long openFiles, int clients, Path where) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        int accepted = 0;
        try (PgBouncerServer server = PgBouncerServer.start(ini, where, 5432, openFiles, List.of("nexus"))) {
            for (int i = 0; i < clients; i++) {
                Socket s = new Socket();
                sockets.add(s);
                try {
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 2_000);
                    s.setSoTimeout(2_000);
                    sendStartup(s, "nexus", "nexus_engine");
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    if (in.readByte() == 'R') {
                        accepted++;
                    }
                } catch (IOException refused) {
                    // closed or timed out: not accepted
                }
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        return accepted;
    }

    private static void sendStartup(Socket s, String user, String database) throws IOException {
        byte[] params = ("user\0" + user + "\0database\0" + database + "\0\0").getBytes(StandardCharsets.US_ASCII);
        // one write: PgBouncer refuses a startup message that arrives in pieces
        java.nio.ByteBuffer message = java.nio.ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(196_608).put(params);
        s.getOutputStream().write(message.array());
    }

    /** The application name of the test's own client that connects to PostgreSQL directly, beside PgBouncer's pools. */
    private static final String DIRECT = "direct-beside-the-pools";

    /** Pools are per database/user pair: two users of 30 clients each would open 2 x (25 + 5) connections to a dw server of 40. */
    @Test
    void twoUsersOfThirtyClientsStayWithinTheServersConnections() throws Exception {
        int maxConnections = PostgresTuning.defaultConnections(DatabaseWorkload.DW);
        PgBouncerTuning t = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 1000,
                PgBouncerTuning.defaultPoolSize(maxConnections, 5), 5, maxConnections, NR_OPEN, LOCAL);
        try (PostgresServer pg = PostgresServer.start()) {
            try (Connection admin = DriverManager.getConnection(pg.location().url(), "postgres", ""); Statement st = admin.createStatement()) {
                st.execute("ALTER SYSTEM SET max_connections = " + maxConnections);
                st.execute("CREATE DATABASE nexus_engine");
                st.execute("CREATE USER alice");
                st.execute("CREATE USER bob");
            }
            pg.restart();
            try (PgBouncerServer bouncer = PgBouncerServer.start(t.ini(), dir, pg.port(), t.openFiles(), List.of("alice", "bob"))) {
                ExecutorService clients = Executors.newFixedThreadPool(60);
                java.util.concurrent.CyclicBarrier allConnected = new java.util.concurrent.CyclicBarrier(61);
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    String user = i % 2 == 0 ? "alice" : "bob";
                    results.add(clients.submit(() -> {
                        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/nexus_engine?prepareThreshold=0",
                                user, PgBouncerServer.PASSWORD); Statement st = c.createStatement()) {
                            allConnected.await(60, TimeUnit.SECONDS);
                            st.execute("SELECT pg_sleep(2)"); // all 60 at once: the pools grow as far as they may
                        }
                        return null;
                    }));
                }
                allConnected.await(60, TimeUnit.SECONDS);
                int most = 0;
                try (Connection su = DriverManager.getConnection(pg.location().url(), "postgres", ""); Statement st = su.createStatement()) {
                    boolean directTried = false;
                    while (results.stream().anyMatch(f -> !f.isDone())) { // sampled for as long as the clients run
                        // the direct client below is not PgBouncer's: its backend may linger in the view a moment after it closes
                        try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename IN ('alice', 'bob')"
                                + " AND application_name <> '" + DIRECT + "'")) {
                            rs.next();
                            most = Math.max(most, rs.getInt(1));
                        }
                        if (!directTried && most >= t.poolSize()) { // the pools are full: a direct client must still get in
                            directTried = true;
                            java.util.Properties props = new java.util.Properties();
                            props.setProperty("user", "alice");
                            props.setProperty("ApplicationName", DIRECT);
                            try (Connection direct = DriverManager.getConnection(pg.location().url().replace("/postgres", "/nexus_engine"), props)) {
                                assertTrue(direct.isValid(5), "a direct client (migrations, monitoring) still gets in beside the pools");
                            }
                        }
                    }
                    assertTrue(directTried, "the pools filled while the clients ran: " + most + " server connections at most");
                }
                List<String> failures = new ArrayList<>();
                for (Future<?> f : results) {
                    try {
                        f.get(120, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(e.getCause().getMessage());
                    }
                }
                clients.shutdown();
                assertEquals(List.of(), failures.stream().distinct().toList(), "no client fails: " + bouncer.logText());
                assertTrue(most > 0 && most <= PgBouncerTuning.serverConnections(maxConnections),
                        most + " server connections at most, within " + PgBouncerTuning.serverConnections(maxConnections));
                assertFalse(bouncer.logText().contains("too many clients"), "PostgreSQL refused none of PgBouncer's server connections");
            }
        }
    }

    @Test
    void theDefaultPoolFitsEveryWorkloadsServer() {
        for (DatabaseWorkload w : DatabaseWorkload.values()) {
            int max = PostgresTuning.defaultConnections(w);
            PgBouncerTuning t = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 10000,
                    PgBouncerTuning.defaultPoolSize(max, PgBouncerTuning.GUIDE_RESERVE), PgBouncerTuning.GUIDE_RESERVE, max, NR_OPEN, "1.18");
            assertEquals(List.of(), t.validate(), w.name());
        }
        assertEquals(10, PgBouncerTuning.defaultPoolSize(20, 5), "desktop: 20 - 3 for superusers - 2 direct - 5 reserve");
    }

    @Test
    void preparedStatementsAreTrackedOnlyWherePgBouncerCan() throws Exception {
        String old = new PgBouncerTuning("db", "h", 5432, 6432, 100, 10, 5, 100, NR_OPEN, "1.18").ini();
        assertFalse(old.contains("max_prepared_statements"), "1.18 does not know the setting");
        assertTrue(old.contains("prepareThreshold=0"));
        assertTrue(new PgBouncerTuning("db", "h", 5432, 6432, 100, 10, 5, 100, NR_OPEN, "1.21.0").ini().contains("max_prepared_statements = 200"));
        assertTrue(old.contains("ignore_startup_parameters = extra_float_digits"), "pgjdbc's startup parameter");
    }

    @Test
    void aPoolLargerThanPostgresAllowsIsRefusedByField() {
        PgBouncerTuning tooBig = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 10000, 25, 5, 20, NR_OPEN, "1.18");
        TuningException e = assertThrows(TuningException.class, tooBig::ini);
        assertEquals(List.of("pooler.default_pool_size"), e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.getMessage().contains("exceeds the 15 connections the pooler may open"), e.getMessage());
    }

    @Test
    void zeroConnectionsAndALimitPastTheKernelsAreRefused() {
        assertEquals(List.of("pooler.max_client_conn"), fields(new PgBouncerTuning("db", "h", 5432, 6432, 0, 25, 5, 100, NR_OPEN, "1.18")));
        List<FieldError> fds = new PgBouncerTuning("db", "h", 5432, 6432, 2_000_000, 25, 5, 100, NR_OPEN, "1.18").validate();
        assertTrue(fds.getFirst().message().contains("fs.nr_open"), fds.toString());
        assertEquals(List.of("pooler.version"), fields(new PgBouncerTuning("db", "h", 5432, 6432, 10, 5, 0, 100, NR_OPEN, "latest")));
    }

    private static List<String> fields(PgBouncerTuning t) {
        return t.validate().stream().map(FieldError::field).toList();
    }
}
