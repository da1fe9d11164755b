package io.nexus.bench;

import io.nexus.engine.EngineMode;
import io.nexus.engine.EngineSettings;
import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.profile.FieldError;
import io.nexus.profile.TuningProfile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that defines one run: what to run, how hard, for how long, and the profile that tunes the
 * engine. Immutable. {@link #validate()} names each bad field by its command-line option.
 *
 * @param workload       a workload name ({@link Workloads#names()})
 * @param size           the workload's size: bytes for xor and sha256, n for matrix
 * @param mode           the kind of run
 * @param threads        worker threads
 * @param batch          ops drained per pass (overrides the profile's)
 * @param window         ops in flight per worker (overrides the profile's); {@link EngineSettings#AUTO_WINDOW} sizes it
 *                       from the op's cost
 * @param warmup         unmeasured time before measurement
 * @param duration       measured time (per burst in {@link RunMode#BURST}); zero for none
 * @param opsPerThread   measured ops per thread; 0 for no limit
 * @param bursts         number of bursts ({@link RunMode#BURST} only)
 * @param burstPause     pause between bursts
 * @param targetRate     ops/s over all threads ({@link RunMode#RATE} only)
 * @param sampleInterval time between samples
 * @param profile        the engine's tuning
 * @param engine         how ops reach the workers
 * @param timing         how often workers read the clock
 * @param url            where the http workload sends its requests; empty: the engine's own API, started for the run
 */
public record RunSpec(String workload, int size, RunMode mode, int threads, int batch, int window, Duration warmup,
                      Duration duration, long opsPerThread, int bursts, Duration burstPause, double targetRate,
                      Duration sampleInterval, TuningProfile profile, EngineMode engine, TimingMode timing, Optional<URI> url) {
    /** Longest run accepted: a day. */
    public static final Duration MAX_DURATION = Duration.ofDays(1);

    public RunSpec {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(burstPause, "burstPause");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(url, "url");
    }

    /** A spec in the profile's engine mode and timing. */
    public RunSpec(String workload, int size, RunMode mode, int threads, int batch, int window, Duration warmup,
                   Duration duration, long opsPerThread, int bursts, Duration burstPause, double targetRate,
                   Duration sampleInterval, TuningProfile profile) {
        this(workload, size, mode, threads, batch, window, warmup, duration, opsPerThread, bursts, burstPause, targetRate,
                sampleInterval, profile, EngineMode.valueOf(profile.mode().name()), TimingMode.valueOf(profile.timing().name()), Optional.empty());
    }

    /** @return a benchmark of {@code workload} at its default size, one thread, the profile's queue settings */
    public static RunSpec benchmark(String workload, TuningProfile profile) {
        Workload w = Workloads.byName(workload).orElseThrow(() -> new IllegalArgumentException("unknown workload " + workload));
        return new RunSpec(workload, w.defaultSize(), RunMode.BENCHMARK, 1, profile.batch(), profile.window(),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 0, 1, Duration.ofSeconds(1), 0, Duration.ofSeconds(1), profile);
    }

    /** @return every problem with this spec, each under the name of its command-line option; empty if valid */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        Workload w = Workloads.byName(workload).orElse(null);
        if (w == null) {
            errors.add(new FieldError("--workload", "unknown workload '" + workload + "' (known: " + String.join(", ", Workloads.names()) + ")"));
        } else {
            String sizeError = w.checkSize(size);
            if (sizeError != null) {
                errors.add(new FieldError("--size", sizeError));
            }
        }
        url.ifPresent(u -> {
            if (!workload.equals("http")) {
                errors.add(new FieldError("--url", "only the http workload sends requests to a URL, not " + workload));
            } else {
                try {
                    io.nexus.engine.workload.HttpWorkload.to(u);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("--url", e.getMessage()));
                }
            }
        });
        if (threads < 1 || threads > 4096) {
            errors.add(new FieldError("--threads", "must be in [1, 4096], got " + threads));
        }
        if (batch < 1 || batch > profile.queueCapacity()) {
            errors.add(new FieldError("--batch", "must be in [1, queue capacity " + profile.queueCapacity() + "], got " + batch));
        }
        if (window != EngineSettings.AUTO_WINDOW && (window < 1 || window > profile.queueCapacity())) {
            errors.add(new FieldError("--window", "must be 0 (auto) or in [1, queue capacity " + profile.queueCapacity() + "], got " + window));
        }
        checkDuration(errors, "--warmup", warmup);
        checkDuration(errors, "--duration", duration);
        if (opsPerThread < 0) {
            errors.add(new FieldError("--ops-per-thread", "must not be negative, got " + opsPerThread));
        }
        if (duration.isZero() && opsPerThread == 0) {
            errors.add(new FieldError("--duration", "a run needs a duration or --ops-per-thread"));
        }
        if (mode == RunMode.BURST) {
            if (bursts < 1 || bursts > 10_000) {
                errors.add(new FieldError("--burst", "must be in [1, 10000], got " + bursts));
            }
            checkDuration(errors, "--burst-pause", burstPause);
        }
        if (mode == RunMode.RATE && (!(targetRate > 0) || targetRate > 1e9)) {
            errors.add(new FieldError("--rate", "must be in (0, 1e9] ops/s, got " + targetRate));
        }
        if (sampleInterval.compareTo(Duration.ofMillis(10)) < 0 || sampleInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            errors.add(new FieldError("--interval", "must be between 10 ms and 10 min, got " + sampleInterval.toMillis() + " ms"));
        }
        return errors;
    }

    private static void checkDuration(List<FieldError> errors, String field, Duration d) {
        if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
            errors.add(new FieldError(field, "must be between 0 and 24 h, got " + d.toMillis() / 1000.0 + " s"));
        }
    }

    /** @return the measured seconds the run is planned for (every burst's), 0 when only an op count ends it */
    public double plannedMeasuredSeconds() {
        return duration.toNanos() / 1e9 * (mode == RunMode.BURST ? Math.max(1, bursts) : 1);
    }

    /** @return this spec with another thread count (for sweeps) */
    public RunSpec withThreads(int newThreads) {
        return new RunSpec(workload, size, mode, newThreads, batch, window, warmup, duration, opsPerThread, bursts,
                burstPause, targetRate, sampleInterval, profile, engine, timing, url);
    }

    /** @return this spec with another profile (a sweep over the own API's threads) */
    public RunSpec withProfile(TuningProfile newProfile) {
        return new RunSpec(workload, size, mode, threads, batch, window, warmup, duration, opsPerThread, bursts,
                burstPause, targetRate, sampleInterval, newProfile, engine, timing, url);
    }

    /** @return this spec sending the http workload's requests to {@code target} */
    public RunSpec withUrl(URI target) {
        return new RunSpec(workload, size, mode, threads, batch, window, warmup, duration, opsPerThread, bursts,
                burstPause, targetRate, sampleInterval, profile, engine, timing, Optional.of(target));
    }

    /** @return this spec in another engine mode and timing */
    public RunSpec withEngine(EngineMode newEngine, TimingMode newTiming) {
        return new RunSpec(workload, size, mode, threads, batch, window, warmup, duration, opsPerThread, bursts,
                burstPause, targetRate, sampleInterval, profile, newEngine, newTiming, url);
    }
}
