package io.nexus.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets (Bucket4j) per endpoint and client address: each holds {@code perMinute} tokens and refills them
 * evenly over a minute, as the guide's {@code 1000/minute}. Buckets of clients that stopped calling are dropped by
 * {@link #forgetIdle()} once they are full again, so the map is bounded by the clients active within a minute.
 *
 * <p><b>Thread-safety:</b> safe for any number of threads (Bucket4j's buckets are lock-free).
 */
final class RateLimits {
    /** What one request took from its bucket. {@code limit} 0 means unlimited. */
    record Decision(boolean allowed, long limit, long remaining, long secondsToReset, long secondsToRetry) {
    }

    private static final Decision UNLIMITED = new Decision(true, 0, 0, 0, 0);

    private record Held(Bucket bucket, long capacity) {
    }

    private final ConcurrentMap<String, Held> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one token from the bucket of {@code endpoint} and {@code client}.
     *
     * @param perMinute the endpoint's limit; 0 for none
     */
    Decision take(String endpoint, String client, int perMinute) {
        if (perMinute == 0) {
            return UNLIMITED;
        }
        Held held = buckets.computeIfAbsent(endpoint + ' ' + client, _ -> new Held(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build(), perMinute));
        ConsumptionProbe probe = held.bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), ceilSeconds(probe.getNanosToWaitForReset()),
                ceilSeconds(probe.getNanosToWaitForRefill()));
    }

    /** Drops the buckets that are full: their clients have not called for as long as a refill takes. */
    void forgetIdle() {
        buckets.values().removeIf(held -> held.bucket.getAvailableTokens() >= held.capacity);
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
