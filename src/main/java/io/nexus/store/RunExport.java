package io.nexus.store;

import io.nexus.engine.measure.Sample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/** A stored run in the formats other tools read. Stateless and thread-safe. */
public final class RunExport {
    /** The formats. */
    public enum Format { CSV, JSON, HLOG, JMH }

    private RunExport() {
    }

    /** @return the run in {@code format}, as text */
    public static String export(StoredRun run, Format format) {
        return switch (format) {
            case CSV -> csv(run);
            case JSON -> run.resultJson();
            case HLOG -> hlog(run);
            case JMH -> JmhJson.write(run);
        };
    }

    /** @return one CSV row per sample, with a header */
    static String csv(StoredRun run) {
        StringBuilder csv = new StringBuilder("elapsed_s,interval_s,ops,ops_per_s,p50_ns,p90_ns,p99_ns,p999_ns,max_ns,service_p99_ns,errors,"
                + "queue_depth,process_cpu,heap_bytes,gc_ms\n");
        for (Sample s : run.samples()) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%.4f,%d,%d%n", s.elapsedNanos() / 1e9,
                    s.intervalNanos() / 1e9, s.ops(), s.opsPerSecond(), s.latency().p50(), s.latency().p90(), s.latency().p99(),
                    s.latency().p999(), s.latency().max(), s.serviceP99Nanos(), s.errors(), s.queueDepth(), s.processCpu(),
                    s.heapUsedBytes(), s.gcMillis()));
        }
        return csv.toString();
    }

    /**
     * @return an HdrHistogram interval log (what HistogramLogAnalyzer opens) with the run's merged
     *     response and service histograms as one interval each, tagged {@code response} and {@code service}
     */
    static String hlog(StoredRun run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(stream);
            long start = run.startedAt().toEpochMilli();
            log.outputComment("Nexus Workbench run " + run.id() + ": " + run.workload() + " " + run.mode() + " " + run.threads()
                    + " threads; values in ns");
            log.outputLogFormatVersion();
            log.outputStartTime(start);
            log.setBaseTime(start);
            log.outputLegend();
            for (var tagged : java.util.List.of(java.util.Map.entry("response", run.responseHistogramDecoded()),
                    java.util.Map.entry("service", run.serviceHistogramDecoded()))) {
                Histogram h = tagged.getValue();
                h.setStartTimeStamp(start);
                h.setEndTimeStamp(start + run.measuredNanos() / 1_000_000);
                h.setTag(tagged.getKey());
                log.outputIntervalHistogram(h);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
