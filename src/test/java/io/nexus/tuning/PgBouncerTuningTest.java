package io.nexus.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.profile.FieldError;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generated pgbouncer.ini files started in a real PgBouncer (which exits at once on a bad value). */
class PgBouncerTuningTest {
    @TempDir
    Path dir;

    /** The default pool against each workload's max_connections (web 200, oltp 300, dw 40, mixed 100, desktop 20), and a big one. */
    @ParameterizedTest(name = "clients {0}, pool {1}+{2}, max_connections {3}")
    @CsvSource({"10000, 25, 5, 200", "10000, 25, 5, 300", "10000, 25, 5, 40", "10000, 25, 5, 100", "10000, 12, 5, 20", "50000, 90, 10, 300"})
    void pgbouncerStartsWithTheGeneratedFile(int clients, int pool, int reserve, int maxConnections) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String ini = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, port, clients, pool, reserve, maxConnections, 1_048_576).ini()
                .replace("/etc/pgbouncer/userlist.txt", dir.resolve("userlist.txt").toString());
        Files.writeString(dir.resolve("userlist.txt"), "\"nexus\" \"secret\"\n");
        Path file = dir.resolve("pgbouncer.ini");
        Files.writeString(file, ini);
        new ProcessBuilder("chown", "-R", "postgres", dir.toString()).start().waitFor();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of("pgbouncer", file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = p.waitFor(2, TimeUnit.SECONDS);
        String log = exited ? new String(p.getInputStream().readAllBytes()) : "";
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        assertFalse(exited, "PgBouncer refused the file: " + log);
    }

    @Test
    void theDefaultPoolFitsEveryWorkloadsServer() {
        for (DatabaseWorkload w : DatabaseWorkload.values()) {
            int max = PostgresTuning.defaultConnections(w);
            PgBouncerTuning t = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 10000,
                    PgBouncerTuning.defaultPoolSize(max, PgBouncerTuning.GUIDE_RESERVE), PgBouncerTuning.GUIDE_RESERVE, max, 1_048_576);
            assertEquals(List.of(), t.validate(), w.name());
        }
        assertEquals(12, PgBouncerTuning.defaultPoolSize(20, 5), "desktop: 20 - 3 reserved - 5 reserve");
    }

    @Test
    void aPoolLargerThanPostgresAllowsIsRefusedByField() {
        PgBouncerTuning tooBig = new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, 10000, 25, 5, 20, 1_048_576);
        TuningException e = assertThrows(TuningException.class, tooBig::ini);
        assertEquals(List.of("pooler.default_pool_size"), e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.getMessage().contains("exceeds the 17 connections PostgreSQL allows"), e.getMessage());
    }

    @Test
    void zeroConnectionsAndTooFewFileDescriptorsAreRefused() {
        assertEquals(List.of("pooler.max_client_conn"), fields(new PgBouncerTuning("db", "h", 5432, 6432, 0, 25, 5, 100, 1024)));
        List<FieldError> fds = new PgBouncerTuning("db", "h", 5432, 6432, 10000, 25, 5, 100, 1024).validate();
        assertTrue(fds.getFirst().message().contains("raise LimitNOFILE"), fds.toString());
    }

    private static List<String> fields(PgBouncerTuning t) {
        return t.validate().stream().map(FieldError::field).toList();
    }
}
