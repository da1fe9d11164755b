package io.nexus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.Finding;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.RunListener;
import io.nexus.profile.TuningProfile;
import io.nexus.store.StoredRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkbenchAdviceTest {
    private final Workbench workbench = TestWorkbench.create(Path.of("profiles"));

    @Test
    void advisingAStoredRunAgainKeepsWhatOnlyItsSweepCouldFind() throws Exception {
        TuningProfile p = TuningProfile.defaults();
        int crowd = 2 * Runtime.getRuntime().availableProcessors();
        RunResult run = workbench.runner().run(new RunSpec("xor", 64, RunMode.BENCHMARK, crowd, p.batch(), p.window(), Duration.ZERO,
                Duration.ofMillis(300), 0, 1, Duration.ZERO, 0, Duration.ofMillis(100), p), RunListener.NONE, new RunControl());
        Finding fromSweep = new Finding("contention", Finding.Severity.WARNING, "t", "e", "a", Map.of());
        Finding stale = new Finding("noisy", Finding.Severity.WARNING, "t", "e", "a", Map.of());
        workbench.archive(null).save(StoredRun.of(run, Optional.empty(), List.of(fromSweep, stale)));
        StoredRun stored = workbench.archive(null).store().load(run.id()).orElseThrow();
        List<String> rules = workbench.advise(stored, Optional.empty()).stream().map(Finding::rule).toList();
        assertTrue(rules.contains("contention"), "the sweep's finding is kept: " + rules);
        assertTrue(rules.contains("threads-over-cores"), "the run's own findings are found again: " + rules);
        assertEquals(1, rules.stream().filter("contention"::equals).count());
    }
}
