package io.nexus.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [api]} section of a profile: how {@code nexus serve} (the engine's HTTP API) listens, limits and caches.
 * Immutable; {@link #validate()} names each bad key.
 *
 * @param port             TCP port, in [0, 65535]; 0 lets the system choose one
 * @param bind             address to listen on; loopback unless {@code allowRemote}
 * @param allowRemote      whether {@code bind} may be other than a loopback address (an explicit opt-in)
 * @param binaryPerMinute  requests per minute per client address to each binary endpoint (xor, sha256); 0: no limit
 * @param heavyPerMinute   requests per minute per client address to the matrix endpoint; 0: no limit
 * @param cacheTtlMillis   how long {@code /metrics} serves one computed value, in ms, in [100, 3,600,000]
 * @param maxBodyBytes     largest request body accepted (413 past it), in [64, 64 MiB]
 * @param maxMatrixOrder   largest matrix order a job may ask for, in [1, 2048]
 * @param maxConnections   open connections accepted at once (more are closed at accept), in [1, 1,000,000]
 * @param queueCapacity    requests each engine worker's queue holds before the API answers 503, a power of two
 * @param jobCapacity      matrix jobs kept at once, queued, running or done (503 past it), in [1, 100,000]
 * @param jobTtlSeconds    how long a finished job's result is kept, in s, in [1, 86,400]
 * @param ioThreads        the server's event-loop threads, in [0, 256]; 0: one per four CPUs, at least one
 */
public record ApiSettings(int port, String bind, boolean allowRemote, int binaryPerMinute, int heavyPerMinute,
                          int cacheTtlMillis, int maxBodyBytes, int maxMatrixOrder, int maxConnections, int queueCapacity,
                          int jobCapacity, int jobTtlSeconds, int ioThreads) {
    /** @return the guide's values: 1000/minute for binary ops, 100/minute for the heavy one, a 5 s metrics cache, loopback */
    public static ApiSettings defaults() {
        return new ApiSettings(8080, "127.0.0.1", false, 1000, 100, 5_000, 1 << 20, 512, 10_000, 1024, 64, 300, 0);
    }

    /** @return a copy listening on another port (0: any free one) */
    public ApiSettings withPort(int newPort) {
        return new ApiSettings(newPort, bind, allowRemote, binaryPerMinute, heavyPerMinute, cacheTtlMillis, maxBodyBytes,
                maxMatrixOrder, maxConnections, queueCapacity, jobCapacity, jobTtlSeconds, ioThreads);
    }

    /** @return a copy for a load generator in this process: loopback, any free port, no rate limits */
    public ApiSettings forLoadFromThisProcess() {
        return new ApiSettings(0, "127.0.0.1", false, 0, 0, cacheTtlMillis, maxBodyBytes, maxMatrixOrder, maxConnections, queueCapacity,
                jobCapacity, jobTtlSeconds, ioThreads);
    }

    /** @return event-loop threads for {@code cpus} CPUs: {@link #ioThreads()}, or one per four CPUs when it is 0 */
    public int ioThreadCount(int cpus) {
        return ioThreads > 0 ? ioThreads : Math.max(1, cpus / 4);
    }

    List<FieldError> validate() {
        List<FieldError> e = new ArrayList<>();
        range(e, "api.port", port, 0, 65_535);
        if (bind == null || bind.isBlank()) {
            e.add(new FieldError("api.bind", "must be an address to listen on, e.g. 127.0.0.1"));
        } else if (!allowRemote && !isLoopback(bind)) {
            e.add(new FieldError("api.bind", "'" + bind + "' is not a loopback address: the API has no authentication, so"
                    + " listening beyond this machine needs allow_remote = true"));
        }
        range(e, "api.binary_per_minute", binaryPerMinute, 0, 100_000_000);
        range(e, "api.heavy_per_minute", heavyPerMinute, 0, 100_000_000);
        range(e, "api.cache_ttl_ms", cacheTtlMillis, 100, 3_600_000);
        range(e, "api.max_body_bytes", maxBodyBytes, 64, 64 << 20);
        range(e, "api.max_matrix_order", maxMatrixOrder, 1, 2048);
        range(e, "api.max_connections", maxConnections, 1, 1_000_000);
        if (queueCapacity < 2 || queueCapacity > 1 << 30 || Integer.bitCount(queueCapacity) != 1) {
            e.add(new FieldError("api.queue_capacity", "must be a power of two in [2, 2^30], got " + queueCapacity));
        }
        range(e, "api.job_capacity", jobCapacity, 1, 100_000);
        range(e, "api.job_ttl_s", jobTtlSeconds, 1, 86_400);
        range(e, "api.io_threads", ioThreads, 0, 256);
        return e;
    }

    private static void range(List<FieldError> errors, String key, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new FieldError(key, "must be in [" + min + ", " + max + "], got " + value));
        }
    }

    /** @return whether {@code address} is a literal loopback address or a name that resolves only to loopback */
    private static boolean isLoopback(String address) {
        try {
            for (InetAddress a : InetAddress.getAllByName(address)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
