package io.nexus.app;

import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.profile.TuningProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunProfilerTest {
    private final Workbench workbench = TestWorkbench.create(Path.of("profiles"));

    @Test
    void aProfiledRunShowsItsWorkersOnTopAndOnlyItsMeasuredPhase() throws Exception {
        TuningProfile p = TuningProfile.defaults();
        RunSpec spec = new RunSpec("sha256", 1024, RunMode.BENCHMARK, 1, p.batch(), p.window(), Duration.ofMillis(300),
                Duration.ofSeconds(1), 0, 1, Duration.ZERO, 0, Duration.ofMillis(250), p);
        RunProfiler.Profiled run = workbench.profiler().run(workbench.runner(), spec, _ -> { }, new RunControl());
        RunResult result = run.result();
        RunProfile profile = workbench.profiler().read(result.id(), result.startedAt()).orElseThrow();
        assertEquals(profile.samples(), run.profile().orElseThrow().samples(), "the run's profile is its recording's");
        assertTrue(Files.size(profile.file()) > 0 && profile.file().getFileName().toString().equals(result.id() + ".jfr"));
        assertTrue(profile.samples() >= 30, "a busy worker sampled every 10 ms for 1 s: " + profile.samples());
        RunProfile.Share worker = profile.total().stream().filter(s -> s.method().equals("io.nexus.engine.Worker.run")).findFirst()
                .orElseThrow(() -> new AssertionError("the worker's loop is on the stacks: " + profile.total()));
        assertTrue(worker.share() > 0.5, "most samples are the worker's: " + profile.total());
        assertTrue(profile.self().getFirst().share() >= profile.self().getLast().share(), "most first");
        assertTrue(profile.seconds() > 0.8 && profile.seconds() < 3, "the measured phase and a little after: " + profile.seconds());
        assertEquals(profile.samples(), profile.stacks().values().stream().mapToLong(Long::longValue).sum(), "one folded stack per sample");
        long workerStacks = profile.stacks().entrySet().stream().filter(e -> e.getKey().contains("io.nexus.engine.Worker.run;"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertEquals(worker.count(), workerStacks, "the worker's total samples are the stacks through it");
        assertTrue(profile.stacks().keySet().stream().filter(k -> k.contains("io.nexus.engine.Worker.run;"))
                .allMatch(k -> k.startsWith("java.lang.")), "root first: a worker's stack starts at the thread's entry");
        assertTrue(profile.cpuSamples() > 0 && profile.cpuSelf().getFirst().count() > 0, "Linux has CPU-time samples: " + profile.cpuSamples());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("profile: " + profile.file())), result.notes().toString());

        RunProfile whole = RunProfile.readFrom(profile.file(), result.startedAt());
        assertTrue(whole.samples() > profile.samples() + 10, "the 300 ms warm-up is left out: " + whole.samples() + " vs " + profile.samples());
        assertEquals(0, RunProfile.readFrom(profile.file(), result.startedAt().plusSeconds(60)).samples(), "nothing before the time asked for");
    }
}
