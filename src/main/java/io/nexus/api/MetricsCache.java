package io.nexus.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nexus.engine.RequestPool;
import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.measure.JvmProbe;
import io.nexus.engine.measure.LatencySummary;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's live metrics as {@code GET /metrics} serves them, computed once per time-to-live on a background thread
 * and never per request (the guide's response cache): requests completed per second by the engine's workers over the
 * last period, response-time percentiles from that period's merged histograms (ns, from each request's hand-over, so
 * queue wait counts) and the median service time (the request's own run on its worker), the error rate, the queue depth, process CPU and heap. Both forms (JSON and Prometheus text) are
 * rendered when computed, so a request only writes bytes.
 *
 * <p><b>Thread-safety:</b> {@link #current()} from any thread (a volatile read); the refresher thread is the pool's only
 * reader of its recorders. {@link #close()} stops the refresher.
 */
final class MetricsCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One computed value in both forms, each rendered once into a direct buffer that every response shares (a
     * {@link ByteBuf#duplicate()} of it: releasing a response leaves it whole, and the socket writes it without the copy
     * a heap array costs); {@code computedAt} says when.
     */
    record Snapshot(Instant computedAt, ByteBuf json, ByteBuf prometheus) {
        Snapshot(Instant computedAt, byte[] json, byte[] prometheus) {
            this(computedAt, shared(json), shared(prometheus));
        }

        /** @return {@code bytes} in a read-only direct buffer that ignores releases (the JDK frees it when unreachable) */
        private static ByteBuf shared(byte[] bytes) {
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
        }
    }

    private final RequestPool pool;
    private final JvmProbe jvm = new JvmProbe();
    private final Histogram response = IntervalRecorder.newHistogram();
    private final Histogram service = IntervalRecorder.newHistogram();
    private final ScheduledExecutorService refresher;
    private final Runnable afterRefresh;
    private long lastNanos = System.nanoTime();
    private long lastCpuNanos = jvm.processCpuNanos();
    private volatile Snapshot current;

    /**
     * Computes the first value now and then every {@code ttlMillis}.
     *
     * @param afterRefresh run on the refresher thread after each refresh (housekeeping that shares its schedule)
     */
    MetricsCache(RequestPool pool, long ttlMillis, Runnable afterRefresh) {
        this.pool = pool;
        this.afterRefresh = afterRefresh;
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nexus-api-metrics").daemon(true).factory());
        refresher.scheduleAtFixedRate(this::refreshKeepingTheSchedule, ttlMillis, ttlMillis, TimeUnit.MILLISECONDS);
    }

    /** @return the value computed last */
    Snapshot current() {
        return current;
    }

    /** A failed refresh keeps the last value; an exception would end a fixed-rate schedule for good. */
    private void refreshKeepingTheSchedule() {
        try {
            refresh();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(MetricsCache.class.getName()).log(java.util.logging.Level.WARNING,
                    "metrics refresh failed; /metrics serves the last value", e);
        }
    }

    private void refresh() {
        response.reset();
        service.reset();
        long errors = pool.drainInto(response, service);
        long now = System.nanoTime();
        long cpu = jvm.processCpuNanos();
        long completed = response.getTotalCount();
        double seconds = Math.max(1, now - lastNanos) / 1e9;
        LatencySummary latency = LatencySummary.of(response);
        long serviceP50 = service.getValueAtPercentile(50);
        double errorRate = completed + errors == 0 ? 0 : (double) errors / (completed + errors);
        double cpuFraction = jvm.cpuFraction(lastCpuNanos, cpu, now - lastNanos);
        lastNanos = now;
        lastCpuNanos = cpu;
        Instant at = Instant.now();
        long depth = pool.queueDepth();
        long heap = jvm.heapUsedBytes();
        current = new Snapshot(at, json(at, seconds, completed / seconds, latency, serviceP50, errorRate, depth, cpuFraction, heap),
                prometheus(seconds, completed / seconds, latency, errorRate, depth, cpuFraction, heap));
        afterRefresh.run();
    }

    private byte[] json(Instant at, double seconds, double throughput, LatencySummary l, long serviceP50, double errorRate, long depth,
                        double cpu, long heap) {
        ObjectNode n = JSON.createObjectNode();
        n.put("computed_at", at.toString());
        n.put("period_seconds", seconds);
        n.put("throughput_per_second", throughput);
        n.put("completed", l.count());
        n.put("latency_p50_ns", l.p50());
        n.put("latency_p99_ns", l.p99());
        n.put("latency_p999_ns", l.p999());
        n.put("latency_max_ns", l.max());
        n.put("service_p50_ns", serviceP50);
        n.put("error_rate", errorRate);
        n.put("queue_depth", depth);
        n.put("queue_capacity", (long) pool.capacityPerWorker() * pool.threads());
        n.put("rejected_total", pool.rejected());
        n.put("cpu_usage", cpu);
        n.put("heap_used_bytes", heap);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] prometheus(double seconds, double throughput, LatencySummary l, double errorRate, long depth, double cpu, long heap) {
        StringBuilder t = new StringBuilder(1024);
        gauge(t, "nexus_period_seconds", "Length of the period the other values cover.", seconds);
        gauge(t, "nexus_throughput_per_second", "Requests completed per second by the engine's workers in the period.", throughput);
        t.append("# HELP nexus_response_seconds Response time from hand-over to the engine to the result, in the period.\n")
                .append("# TYPE nexus_response_seconds summary\n");
        quantile(t, "0.5", l.p50());
        quantile(t, "0.99", l.p99());
        quantile(t, "0.999", l.p999());
        t.append("nexus_response_seconds_count ").append(l.count()).append('\n');
        gauge(t, "nexus_error_ratio", "Failed requests over all finished in the period.", errorRate);
        gauge(t, "nexus_queue_depth", "Requests waiting in the engine workers' queues.", depth);
        t.append("# HELP nexus_rejected_total Requests refused because every queue was full.\n# TYPE nexus_rejected_total counter\n")
                .append("nexus_rejected_total ").append(pool.rejected()).append('\n');
        gauge(t, "nexus_cpu_ratio", "Process CPU time over the period, as a fraction of all cores (-1: unknown).", cpu);
        gauge(t, "nexus_heap_used_bytes", "Heap in use.", heap);
        return t.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void gauge(StringBuilder t, String name, String help, double value) {
        t.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(number(value)).append('\n');
    }

    private static void quantile(StringBuilder t, String q, long nanos) {
        t.append("nexus_response_seconds{quantile=\"").append(q).append("\"} ").append(number(nanos / 1e9)).append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.9g", v);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
