package io.nexus.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link TuningProfile} against the engine's limits and a host, naming each bad field and why.
 * Stateless and thread-safe.
 */
public final class ProfileValidator {
    /** The most workers a profile may ask for. */
    public static final int MAX_THREADS = 4096;
    /** The largest queue capacity: 2^30. */
    public static final int MAX_CAPACITY = 1 << 30;

    private ProfileValidator() {
    }

    /**
     * @param profile the profile to check
     * @param host    the host it is meant for, or {@code null} to skip the host-specific checks (CPU ids)
     * @return every problem found; empty when the profile is valid
     */
    public static List<FieldError> validate(TuningProfile profile, HostFacts host) {
        List<FieldError> errors = new ArrayList<>();
        if (profile.name() == null || !profile.name().matches("[A-Za-z0-9._-]{1,64}")) {
            errors.add(new FieldError("name", "must be 1-64 letters, digits, '.', '_' or '-', got '" + profile.name() + "'"));
        }
        profile.threads().ifPresent(t -> {
            if (t < 1 || t > MAX_THREADS) {
                errors.add(new FieldError("threads.count", "must be in [1, " + MAX_THREADS + "], got " + t
                        + " (leave it out for one worker per CPU)"));
            }
        });
        int capacity = profile.queueCapacity();
        boolean capacityOk = capacity >= 2 && capacity <= MAX_CAPACITY && Integer.bitCount(capacity) == 1;
        if (!capacityOk) {
            errors.add(new FieldError("queue.capacity", "must be a power of two in [2, 2^30], got " + capacity
                    + nearestPowerOfTwo(capacity)));
        }
        if (profile.batch() < 1) {
            errors.add(new FieldError("queue.batch", "must be at least 1, got " + profile.batch()));
        } else if (capacityOk && profile.batch() > capacity) {
            errors.add(new FieldError("queue.batch", "must not exceed queue.capacity (" + capacity + "), got " + profile.batch()));
        }
        if (profile.window() < 1 && profile.window() != TuningProfile.AUTO_WINDOW) {
            errors.add(new FieldError("queue.window", "must be \"auto\" (or 0) or at least 1, got " + profile.window()));
        } else if (capacityOk && profile.window() > capacity) {
            errors.add(new FieldError("queue.window", "must not exceed queue.capacity (" + capacity + "), got " + profile.window()));
        }
        if (profile.blockBytes() < 64) {
            errors.add(new FieldError("memory.block_bytes", "must be at least 64, got " + profile.blockBytes()));
        }
        if (profile.blocksPerWorker() < 1) {
            errors.add(new FieldError("memory.blocks_per_worker", "must be at least 1, got " + profile.blocksPerWorker()));
        } else if (profile.blockBytes() >= 64 && profile.blockBytes() * profile.blocksPerWorker() > (1L << 40)) {
            errors.add(new FieldError("memory.blocks_per_worker", "block_bytes x blocks_per_worker exceeds 1 TiB per worker"));
        }
        errors.addAll(profile.system().validate());
        errors.addAll(profile.api().validate());
        if (host != null) {
            for (int cpu : profile.cpus()) {
                if (!host.onlineCpus().contains(cpu)) {
                    errors.add(new FieldError("threads.cpus", "CPU " + cpu + " does not exist or is offline on this host (online: "
                            + host.onlineCpus() + ")"));
                }
            }
        }
        return errors;
    }

    private static String nearestPowerOfTwo(int capacity) {
        if (capacity < 2 || capacity > MAX_CAPACITY) {
            return "";
        }
        int lower = Integer.highestOneBit(capacity);
        return " (nearest: " + lower + " or " + (lower << 1) + ")";
    }
}
