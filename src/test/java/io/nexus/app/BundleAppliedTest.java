package io.nexus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.RunResult;
import io.nexus.cli.NexusCli;
import io.nexus.store.PgBouncerServer;
import io.nexus.store.PostgresServer;
import io.nexus.store.ResultStore;
import io.nexus.store.StoreFixtures;
import io.nexus.store.StoreLocation;
import io.nexus.store.StoredRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A bundle applied the way its APPLY.md says, to a throwaway PostgreSQL and PgBouncer: the files copied as
 * written, the include appended, the server restarted; then every setting is read back from the live
 * server, and the workbench's store saves runs through the generated PgBouncer.
 */
class BundleAppliedTest {
    private static final ExportBundle.Software LOCAL = HostDetector.software(ExportBundle.Software.DEBIAN_12);

    @TempDir
    Path dir;

    private String[] nexus(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = NexusCli.commandLine(TestWorkbench.create(Path.of("profiles")));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString()};
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    @Test
    void everySettingIsInEffectAndTheStoreSavesThroughPgBouncer() throws Exception {
        Path bundle = dir.resolve("bundle");
        String[] export = nexus("export", "--out", bundle.toString(), "--ram-gib", "4", "--cores", "4", "--db-workload", "web",
                "--max-connections", "60", "--max-clients", "200", "--pg-version", Integer.toString(LOCAL.postgresMajor()),
                "--pgbouncer-version", LOCAL.pgbouncer());
        assertEquals("0", export[0], export[1]);
        try (PostgresServer pg = PostgresServer.start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE nexus_engine");
            }
            String[] before = nexus("export", "--verify-live", bundle.toString(), "--db", url);
            assertEquals("1", before[0], "initdb's values are not the bundle's: " + before[1]);

            // APPLY.md: copy the file as written, append the include as the last line, restart
            run("cp", bundle.resolve("nexus-tuning.conf").toString(), pg.dataDir().toString());
            Files.writeString(pg.dataDir().resolve("postgresql.conf"), "include 'nexus-tuning.conf'\n", StandardOpenOption.APPEND);
            pg.restart();

            String[] after = nexus("export", "--verify-live", bundle.toString(), "--db", url);
            assertEquals("0", after[0], after[1]);
            assertTrue(after[1].contains("settings of") && after[1].contains("are in effect"), after[1]);

            String ini = Files.readString(bundle.resolve("pgbouncer.ini"));
            long openFiles = Long.parseLong(Files.readAllLines(bundle.resolve("pgbouncer.service.d-limits.conf")).stream()
                    .filter(l -> l.startsWith("LimitNOFILE=")).findFirst().orElseThrow().substring("LimitNOFILE=".length()));
            try (PgBouncerServer bouncer = PgBouncerServer.start(ini, dir, pg.port(), openFiles, List.of("postgres"))) {
                // APPLY.md: NEXUS_STORE through PgBouncer, NEXUS_STORE_DIRECT for the migrations
                StoreLocation pooled = new StoreLocation("jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/nexus_engine", "postgres",
                        PgBouncerServer.PASSWORD, "jdbc:postgresql://127.0.0.1:" + pg.port() + "/nexus_engine");
                RunResult result = StoreFixtures.run("xor", 1, Duration.ofMillis(200));
                List<String> saved = new ArrayList<>();
                try (ResultStore store = ResultStore.open(pooled);
                     Connection other = DriverManager.getConnection(pooled.url(), "postgres", PgBouncerServer.PASSWORD)) {
                    // another client holds the server connection the store used last, so the store's next transactions run on
                    // other ones: a server-side prepared statement (pgjdbc makes them after prepareThreshold uses) would be missing there
                    other.setAutoCommit(false);
                    for (int i = 0; i < 8; i++) {
                        try (Statement hold = other.createStatement()) {
                            hold.execute("SELECT 1");
                        }
                        StoredRun run = StoredRun.of(result);
                        store.save(run);
                        saved.add(run.id());
                        store.list(null, 100);
                        other.commit();
                    }
                    assertTrue(store.load(result.id()).isPresent(), "the run is read back through PgBouncer: " + bouncer.logText());
                }
                try (ResultStore direct = ResultStore.open(new StoreLocation(pooled.directUrl(), "postgres", ""))) {
                    assertEquals(1, direct.list(null, 100).stream().filter(r -> saved.contains(r.id())).count(), "one run, saved once, on the server");
                }
            }
        }
    }
}
