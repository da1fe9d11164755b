package io.nexus.engine;

import io.nexus.engine.workload.Workload;
import java.time.Duration;
import java.util.Objects;

/**
 * What load the engine applies in one run. Immutable and validated on construction.
 *
 * @param workload       the kind of op
 * @param size           the workload's size parameter, within its range
 * @param warmup         time before measurement starts; ops in it are run but not reported, may be zero
 * @param duration       measured time after warm-up; zero for no time limit (then {@code opsPerWorker} ends the run)
 * @param opsPerWorker   measured ops each worker runs before it stops; 0 for no limit
 * @param targetRate     ops per second over all workers for a constant-rate run; 0 for a closed loop
 * @param sampleInterval time between samples, at least 10 ms
 * @param seed           seed of the kernels' input data
 */
public record LoadPlan(Workload workload, int size, Duration warmup, Duration duration, long opsPerWorker,
                       double targetRate, Duration sampleInterval, long seed) {
    public LoadPlan {
        Objects.requireNonNull(workload, "workload");
        String sizeError = workload.checkSize(size);
        if (sizeError != null) {
            throw new IllegalArgumentException(sizeError);
        }
        if (warmup.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("warm-up and duration must not be negative");
        }
        if (opsPerWorker < 0) {
            throw new IllegalArgumentException("ops per worker must not be negative, got " + opsPerWorker);
        }
        if (duration.isZero() && opsPerWorker == 0) {
            throw new IllegalArgumentException("a run needs a duration or an op count");
        }
        if (!(targetRate >= 0) || Double.isInfinite(targetRate)) {
            throw new IllegalArgumentException("target rate must be a finite number >= 0, got " + targetRate);
        }
        if (sampleInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("sample interval must be at least 10 ms, got " + sampleInterval.toMillis() + " ms");
        }
    }

    /** @return whether ops are issued on a fixed schedule rather than as soon as a window slot frees */
    public boolean isConstantRate() {
        return targetRate > 0;
    }
}
