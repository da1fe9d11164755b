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

            ResultArchive.Outcome down = archive.save(StoredRun.of(run));
            assertFalse(down.stored());
            assertTrue(down.message().contains("will be written when the store is back"), down.message());
            assertEquals(1, archive.pending());

            postgres.resume();
            assertEquals(1, archive.flush());
            assertEquals(0, archive.pending());
            StoredRun back = archive.store().load(run.id()).orElseThrow();
            assertEquals(run.ops(), back.ops());
            assertEquals(run.samples(), back.samples());
        }
    }
}
