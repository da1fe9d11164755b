package io.nexus.app;

import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
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
        RunResult result = workbench.profiler().run(workbench.runner(), spec, _ -> { }, new RunControl());
        RunProfile profile = workbench.profiler().read(result.id(), result.startedAt()).orElseThrow();
        assertTrue(Files.size(profile.file()) > 0 && profile.file().getFileName().toString().equals(result.id() + ".jfr"));
        assertTrue(profile.samples() >= 30, "a busy worker sampled every 10 ms for 1 s: " + profile.samples());
        RunProfile.Share worker = profile.total().stream().filter(s -> s.method().equals("io.nexus.engine.Worker.run")).findFirst()
                .orElseThrow(() -> new AssertionError("the worker's loop is on the stacks: " + profile.total()));
        assertTrue(worker.share() > 0.5, "most samples are the worker's: " + profile.total());
        assertTrue(profile.self().getFirst().share() >= profile.self().getLast().share(), "most first");
        assertTrue(profile.seconds() > 0.8 && profile.seconds() < 3, "the measured phase and a little after: " + profile.seconds());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("profile: " + profile.file())), result.notes().toString());

        RunProfile whole = RunProfile.readFrom(profile.file(), result.startedAt());
        assertTrue(whole.samples() > profile.samples() + 10, "the 300 ms warm-up is left out: " + whole.samples() + " vs " + profile.samples());
        assertEquals(0, RunProfile.readFrom(profile.file(), result.startedAt().plusSeconds(60)).samples(), "nothing before the time asked for");
    }
}
