package io.nexus.app;

import io.nexus.bench.BenchRunner;
import io.nexus.bench.InvalidSpecException;
import io.nexus.bench.MeasuredPhaseEvent;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.engine.RunListener;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Profiles runs in this JVM with JDK Flight Recorder (the JDK's "profile" settings: execution samples every 10 ms,
 * CPU-time samples every 10 ms of CPU where the platform has them, allocation samples, GC, monitor waits over 1 ms), keeping each run's recording as {@code <run id>.jfr} in one
 * directory. A run's profile covers its measured phase: the recording holds a {@link MeasuredPhaseEvent} saying when it
 * began (the engine's {@link RunListener#onMeasuring()}), and only events from then on are summarised.
 *
 * <p><b>Thread-safety:</b> one profiled run at a time per JVM, as runs themselves ({@code MeasurementSlot}); reading
 * profiles is safe from any thread.
 */
public final class RunProfiler {
    /** What recording costs a run, as measured (README, "Understanding a run"): said with every profiled result. */
    static final String OVERHEAD_NOTE = "profiled: the recorder costs throughput (measured on a 2-vCPU AMD EPYC: sha256 0.97-0.99x,"
            + " xor and matrix within that machine's noise, http 0.69-0.78x); compare profiled runs with profiled runs";
    private final Path dir;

    /** @param dir where recordings are kept (made when the first is) */
    public RunProfiler(Path dir) {
        this.dir = dir;
    }

    /**
     * A profiled run.
     *
     * @param result  the run, with notes naming the recording and the top methods (or why it was not kept)
     * @param profile where its time went; empty if the recording could not be kept
     */
    public record Profiled(RunResult result, Optional<RunProfile> profile) {
    }

    /**
     * Runs {@code spec} on {@code runner} while recording, keeps the recording as {@code <id>.jfr} and returns the result
     * with its profile.
     *
     * @throws IOException if the recording cannot be made (the run has then not started); a recording that cannot be kept
     *     after the run is said in the result's notes, and the result is returned
     */
    public Profiled run(BenchRunner runner, RunSpec spec, RunListener listener, RunControl control)
            throws InvalidSpecException, InterruptedException, IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "recording", ".jfr.part");
        RunResult result;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1));
            recording.enable("jdk.CPUTimeSample").with("throttle", "10ms");
            recording.enable(MeasuredPhaseEvent.class);
            recording.start();
            RunListener marking = new RunListener() {
                @Override
                public void onSample(io.nexus.engine.measure.Sample sample) {
                    listener.onSample(sample);
                }

                @Override
                public void onMeasuring() {
                    new MeasuredPhaseEvent(Instant.now().toEpochMilli()).commit();
                    listener.onMeasuring();
                }
            };
            try {
                result = runner.run(spec, marking, control);
            } finally {
                recording.stop();
            }
            try {
                recording.dump(partial);
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                return new Profiled(result.withNote("profile not kept: the recording could not be written: " + IoErrors.describe(e)),
                        Optional.empty());
            }
        } catch (ParseException e) {
            Files.deleteIfExists(partial);
            throw new IOException("the JDK's own \"profile\" settings could not be read: " + e.getMessage(), e);
        } catch (InvalidSpecException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Path file = Files.move(partial, fileOf(result.id()), StandardCopyOption.ATOMIC_MOVE);
            RunProfile profile = RunProfile.read(file, result.startedAt());
            List<String> notes = new ArrayList<>(result.notes());
            notes.add(profile.header());
            notes.add(OVERHEAD_NOTE);
            profile.self().stream().limit(3).forEach(s -> notes.add(String.format(java.util.Locale.ROOT, "profile: %.1f %% of samples in %s",
                    100 * s.share(), s.method())));
            return new Profiled(result.withNotes(notes), Optional.of(profile));
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            return new Profiled(result.withNote("profile not kept: " + IoErrors.describe(e)), Optional.empty());
        }
    }

    /**
     * @return the profile of run {@code runId}, if it was profiled: its measured phase, or from {@code runStart} on if the
     *     recording does not say when that began
     * @throws IOException if its recording exists but cannot be read
     */
    public Optional<RunProfile> read(String runId, Instant runStart) throws IOException {
        Path file = fileOf(runId);
        return Files.isRegularFile(file) ? Optional.of(RunProfile.read(file, runStart)) : Optional.empty();
    }

    private Path fileOf(String runId) {
        if (!runId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return dir.resolve(runId + ".jfr");
    }
}
