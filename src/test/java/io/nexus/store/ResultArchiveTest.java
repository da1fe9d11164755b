package io.nexus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.BenchRunner;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.TuningProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultArchiveTest {
    @TempDir
    Path spool;

    @Test
    void aRunFinishedWhilePostgresIsDownIsSavedWhenItComesBack() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); ResultArchive archive = new ResultArchive(postgres.location(), spool)) {
            archive.store();
            RunSpec b = RunSpec.benchmark("xor", TuningProfile.defaults());
            RunSpec spec = new RunSpec("xor", 64, RunMode.BENCHMARK, 1, b.batch(), b.window(), Duration.ZERO, Duration.ofSeconds(1), 0, 1,
                    Duration.ZERO, 0, Duration.ofMillis(100), TuningProfile.defaults());
            AtomicBoolean halted = new AtomicBoolean();
            RunResult run = new BenchRunner(new NexusEngine(Topology.detect())).run(spec, sample -> {
                if (halted.compareAndSet(false, true)) {
                    try {
                        postgres.halt(); // the database goes away in the middle of the run
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, new RunControl());
            assertTrue(halted.get());

            io.nexus.bench.RunProfile profile = new io.nexus.bench.RunProfile(java.nio.file.Path.of("/data/jfr/r.jfr"), 2,
                    java.util.List.of(new io.nexus.bench.RunProfile.Share("a.B.c", 2, 1)), java.util.List.of(), java.util.Map.of("a.B.c", 2L), 0,
                    java.util.List.of(), 1, 0, java.util.List.of(), 1, Duration.ofMillis(2), Duration.ofMillis(2), java.util.List.of());
            java.util.List<io.nexus.bench.Finding> findings = java.util.List.of(new io.nexus.bench.Finding("noisy", io.nexus.bench.Finding.Severity.WARNING,
                    "t", "e", "a", java.util.Map.of(io.nexus.profile.ProfileKey.THREADS_PINNING, "cpu")));
            ResultArchive.Outcome down = archive.save(StoredRun.of(run, java.util.Optional.of(profile), findings));
            assertFalse(down.stored());
            assertTrue(down.message().contains("will be written to PostgreSQL 127.0.0.1:") && down.message().contains("when it is back"),
                    down.message());
            assertEquals(1, archive.pending());

            postgres.resume();
            assertEquals(1, archive.flush());
            assertEquals(0, archive.pending());
            StoredRun back = archive.store().load(run.id()).orElseThrow();
            assertEquals(run.ops(), back.ops());
            assertEquals(run.samples(), back.samples());
            assertEquals(profile, back.runProfile(), "the profile waited in the spool with its run");
            assertEquals(findings, back.findings(), "and the findings");
        }
    }

    /** A run spooled for a PostgreSQL store that is down is never written into another store (the local H2) by a later flush. */
    @Test
    void aSpooledRunIsWrittenOnlyToItsOwnStore() throws Exception {
        StoredRun run = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(200)));
        StoreLocation down = new StoreLocation("jdbc:postgresql://127.0.0.1:1/team", "nexus", "");
        try (ResultArchive team = new ResultArchive(down, spool)) {
            assertFalse(team.save(run).stored());
            assertEquals(1, team.pending());
        }
        try (ResultArchive local = new ResultArchive(StoreLocation.h2File(spool.resolve("h2")), spool)) {
            assertEquals(0, local.pending(), "the local store has nothing waiting");
            assertEquals(0, local.flush());
            assertTrue(local.store().load(run.id()).isEmpty(), "the team's run did not go to the local store");
        }
        try (ResultArchive team = new ResultArchive(down, spool)) {
            assertEquals(1, team.pending(), "still waiting for its own store");
        }
    }

    /**
     * A data directory that cannot be written (chattr +i): the run goes to a spool that can be, and the message says where;
     * history still reads the store, read-only.
     */
    @Test
    void aReadOnlyStoreKeepsTheRunElsewhereAndIsStillReadable() throws Exception {
        Path data = java.nio.file.Files.createDirectories(spool.resolve("data"));
        StoreLocation location = StoreLocation.h2File(data);
        StoredRun first = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(200)));
        try (ResultArchive archive = new ResultArchive(location, data.resolve("spool"))) {
            assertTrue(archive.save(first).stored());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("chattr", "+i", data.toString()).start().waitFor() == 0,
                "needs chattr (root with CAP_LINUX_IMMUTABLE)");
        try {
            StoredRun second = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(200)));
            try (ResultArchive archive = new ResultArchive(location, data.resolve("spool"))) {
                ResultArchive.Outcome kept = archive.save(second);
                assertFalse(kept.stored());
                assertTrue(kept.message().contains("cannot be written either") && kept.message().contains("nexus-workbench-spool"), kept.message());
                assertEquals(1, archive.pending(), "the run waits in the fallback spool");
                assertTrue(archive.store().load(first.id()).isPresent(), "history reads the read-only store");
            }
        } finally {
            new ProcessBuilder("chattr", "-i", data.toString()).start().waitFor();
        }
        try (ResultArchive archive = new ResultArchive(location, data.resolve("spool"))) {
            assertEquals(1, archive.flush(), "written once the directory can be written again");
            assertEquals(2, archive.store().list(null, 10).size());
        }
    }
}
