package io.nexus.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The matrix endpoint's jobs (the guide's "return immediately, compute in the background"): at most {@code capacity}
 * kept at once, queued, running or done; a finished job is kept for its time-to-live after it finished, then
 * forgotten. Time comes from an injected clock so that expiry can be tested.
 *
 * <p><b>Thread-safety:</b> safe for any number of threads. {@link #add} checks the capacity and then adds, so concurrent
 * adds may exceed it by at most the adders in flight.
 */
final class MatrixJobs {
    /** A job's state. */
    enum Status { QUEUED, RUNNING, DONE, FAILED }

    /**
     * One job. Immutable; a new value replaces the old at each change.
     *
     * @param result   the multiply's summary once {@link Status#DONE}; its failure's message once {@link Status#FAILED}
     * @param finished when it finished, or {@code null}
     */
    record Job(String id, int n, long seed, Status status, Optional<String> result, Instant submitted, Instant finished) {
        Job with(Status next, Optional<String> newResult, Instant at) {
            return new Job(id, n, seed, next, newResult, submitted, next == Status.DONE || next == Status.FAILED ? at : null);
        }
    }

    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration ttl;
    private final Supplier<Instant> clock;

    MatrixJobs(int capacity, Duration ttl, Supplier<Instant> clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** @return a new queued job, or empty when {@code capacity} jobs are kept (after expired ones are dropped) */
    Optional<Job> add(int n, long seed) {
        if (jobs.size() >= capacity) {
            expire();
            if (jobs.size() >= capacity) {
                return Optional.empty();
            }
        }
        Job job = new Job(UUID.randomUUID().toString(), n, seed, Status.QUEUED, Optional.empty(), clock.get(), null);
        jobs.put(job.id(), job);
        return Optional.of(job);
    }

    /** Moves job {@code id} to {@code status}, with its result or failure when it finished. */
    void update(String id, Status status, Optional<String> result) {
        jobs.computeIfPresent(id, (_, job) -> job.with(status, result, clock.get()));
    }

    /** Forgets job {@code id} (it never ran: the engine refused it). */
    void remove(String id) {
        jobs.remove(id);
    }

    /** @return job {@code id}, unless unknown or expired */
    Optional<Job> get(String id) {
        Job job = jobs.get(id);
        if (job != null && expired(job, clock.get())) {
            jobs.remove(id, job);
            return Optional.empty();
        }
        return Optional.ofNullable(job);
    }

    /** Drops finished jobs past their time-to-live. */
    void expire() {
        Instant now = clock.get();
        jobs.values().removeIf(job -> expired(job, now));
    }

    /** @return the time-to-live of a finished job */
    Duration ttl() {
        return ttl;
    }

    private boolean expired(Job job, Instant now) {
        return job.finished() != null && job.finished().plus(ttl).isBefore(now);
    }
}
