package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The full stack as a client sees it: one op is one HTTP/1.1 request and its whole response, over one of the keep-alive
 * connections to {@code target} that each worker thread runs as an event loop ({@link HttpEventKernel}). Size is the
 * request body: {@code size} seeded bytes POSTed as {@code application/octet-stream}, or a GET when it is 0. With the
 * engine's event-loop workers this is wrk's model (connections spread over a few threads, each sending its next request
 * as its last is answered) and wrk2's (each request due at its place in a constant-rate schedule, its latency taken from
 * then, so a server's stall counts against every request it delays).
 *
 * <p>Every response is an op whose latency counts, whatever its status, as wrk counts them; failures to connect,
 * send or read, and requests that time out, are failed ops. {@link #outcomeCounts()} splits them by kind.
 *
 * <p>The registry's instance has no target and describes the workload; a run makes one with {@link #to(URI)}. Thread-safe: the counters are {@link LongAdder}s.
 */
public final class HttpWorkload extends SizedWorkload {
    /** The kinds of outcome counted, in the order {@link #outcomeCounts()} lists them. */
    public enum Outcome {
        /** 2xx. */ OK("2xx"),
        /** 3xx. */ REDIRECT("3xx"),
        /** 429 Too Many Requests: rate-limited. */ LIMITED("429"),
        /** Other 4xx. */ CLIENT_ERROR("4xx"),
        /** 503 Service Unavailable: the server's back-pressure. */ UNAVAILABLE("503"),
        /** Other 5xx. */ SERVER_ERROR("5xx"),
        /** No response: the connection failed or closed. */ ERROR("error"),
        /** No response within {@link HttpEventKernel#TIMEOUT_NANOS}. */ TIMEOUT("timeout");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** @return the outcome's name in samples and results, e.g. {@code 2xx} or {@code timeout} */
        public String label() {
            return label;
        }

        static Outcome ofStatus(int status) {
            return switch (status / 100) {
                case 2 -> OK;
                case 3 -> REDIRECT;
                case 4 -> status == 429 ? LIMITED : CLIENT_ERROR;
                default -> status == 503 ? UNAVAILABLE : SERVER_ERROR;
            };
        }
    }

    private final URI target;
    private final LongAdder[] counts = new LongAdder[Outcome.values().length];

    /** The registry's description of the workload, without a target. */
    HttpWorkload() {
        this(null);
    }

    private HttpWorkload(URI target) {
        super("http", "one HTTP/1.1 request per op over keep-alive connections, event loops as wrk's (POST of size bytes; 0: GET)",
                "bytes of request body (0: GET)", 0, 1 << 20, 64);
        this.target = target;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * @param target an {@code http://} URL with a host and a port
     * @return the workload sending its requests to {@code target}, with its own counters
     * @throws IllegalArgumentException if {@code target} is not such a URL
     */
    public static HttpWorkload to(URI target) {
        if (!"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 1) {
            throw new IllegalArgumentException("the http workload needs an http:// URL with a host and a port, e.g."
                    + " http://127.0.0.1:8080/compute/xor, got " + target);
        }
        return new HttpWorkload(target);
    }

    @Override
    public String implementation() {
        return "Netty HTTP/1.1 codec over non-blocking sockets, an event loop per worker thread";
    }

    @Override
    public boolean waitsOnIo() {
        return true;
    }

    @Override
    public long bytesPerOp(int size) {
        return size;
    }

    /** Connects a kernel of one connection to the target: {@link #newEventKernel} with one lane. */
    @Override
    public Kernel newKernel(int size, FixedBlockPool memory, long seed) {
        return newEventKernel(size, 1, seed);
    }

    /**
     * Connects an event loop of {@code lanes} connections to the target, on the worker's thread.
     *
     * @throws IllegalStateException if this instance has no target, or the target does not accept a connection
     */
    @Override
    public EventKernel newEventKernel(int size, int lanes, long seed) {
        if (target == null) {
            throw new IllegalStateException("the http workload needs a target: give --url, or let the workbench start its own API");
        }
        return new HttpEventKernel(target, size, lanes, seed, this);
    }

    void count(Outcome outcome) {
        counts[outcome.ordinal()].increment();
    }

    /** @return responses and failures of every kind so far, by {@link Outcome#label()}, in the enum's order */
    @Override
    public Map<String, Long> outcomeCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            out.put(o.label(), counts[o.ordinal()].sum());
        }
        return out;
    }
}
