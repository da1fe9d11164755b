package io.nexus.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nexus.bench.ScalabilityModel;
import io.nexus.engine.measure.Sample;
import io.nexus.store.StoredRun;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The data of a report's charts, as the JSON its script draws: throughput over time (runs overlaid on
 * one elapsed-time axis), response-time percentiles over time (one chart per run), the percentile
 * distribution on a nines axis (from each run's merged histogram, never from averaged percentiles) and a
 * sweep's measured points with the fitted USL curve and the ideal line. Latencies in ns, rates in ops/s,
 * times in s. Stateless and thread-safe.
 */
final class ReportCharts {
    /** Nines between distribution points: 0.05 gives 20 points per decade. */
    static final double NINES_STEP = 0.05;
    /** The deepest percentile drawn: 99.9999 %. */
    static final double MAX_NINES = 6;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, ToLongFunction<Sample>> PERCENTILES_OVER_TIME = percentilesOverTime();

    private ReportCharts() {
    }

    private static Map<String, ToLongFunction<Sample>> percentilesOverTime() {
        Map<String, ToLongFunction<Sample>> lines = new java.util.LinkedHashMap<>();
        lines.put("p50", s -> s.latency().p50());
        lines.put("p90", s -> s.latency().p90());
        lines.put("p99", s -> s.latency().p99());
        lines.put("p99.9", s -> s.latency().p999());
        lines.put("max", s -> s.latency().max());
        return lines;
    }

    /**
     * @param runs   the runs, each with its label
     * @param sweep  a sweep's thread counts and throughputs, or {@code null}
     * @return the charts' data
     */
    static ObjectNode of(Map<String, StoredRun> runs, SweepData sweep) {
        ObjectNode charts = MAPPER.createObjectNode();
        charts.set("throughput", throughput(runs));
        ArrayNode latency = charts.putArray("latency");
        runs.forEach((label, run) -> latency.add(latencyOverTime(label, run)));
        charts.set("distribution", distribution(runs));
        if (sweep != null) {
            charts.set("sweep", sweep(sweep));
        }
        return charts;
    }

    /**
     * One elapsed-time axis for all runs (the union of their sample times); a run has null where it has no sample, and
     * no line at all without samples (a line of nulls leaves the chart no range to draw in).
     */
    private static ObjectNode throughput(Map<String, StoredRun> runs) {
        TreeSet<Long> millis = new TreeSet<>();
        runs.values().forEach(r -> r.samples().forEach(s -> millis.add(elapsedMillis(s))));
        ObjectNode chart = MAPPER.createObjectNode();
        ArrayNode x = chart.putArray("x");
        millis.forEach(ms -> x.add(ms / 1000.0));
        ArrayNode series = chart.putArray("series");
        runs.forEach((label, run) -> {
            if (run.samples().isEmpty()) {
                return;
            }
            Map<Long, Double> byTime = new TreeMap<>();
            run.samples().forEach(s -> byTime.put(elapsedMillis(s), s.opsPerSecond()));
            ObjectNode line = series.addObject().put("label", label);
            ArrayNode values = line.putArray("values");
            millis.forEach(ms -> {
                Double v = byTime.get(ms);
                if (v == null) {
                    values.addNull();
                } else {
                    values.add(v);
                }
            });
        });
        return chart;
    }

    private static long elapsedMillis(Sample s) {
        return Math.round(s.elapsedNanos() / 1e6);
    }

    private static ObjectNode latencyOverTime(String label, StoredRun run) {
        ObjectNode chart = MAPPER.createObjectNode().put("label", label);
        ArrayNode x = chart.putArray("x");
        run.samples().forEach(s -> x.add(s.elapsedNanos() / 1e9));
        ArrayNode series = chart.putArray("series");
        PERCENTILES_OVER_TIME.forEach((name, value) -> {
            ArrayNode values = series.addObject().put("label", name).putArray("values");
            run.samples().forEach(s -> values.add(value.applyAsLong(s)));
        });
        return chart;
    }

    /**
     * x = nines, -log10(1 - q), from 0 (the minimum) to the deepest percentile the largest run resolves
     * (log10 of its count, at most {@value #MAX_NINES}); a run's value past its own resolution is its maximum.
     */
    private static ObjectNode distribution(Map<String, StoredRun> runs) {
        Map<String, Histogram> histograms = new java.util.LinkedHashMap<>();
        runs.forEach((label, run) -> histograms.put(label, run.responseHistogramDecoded()));
        long largest = histograms.values().stream().mapToLong(Histogram::getTotalCount).max().orElse(1);
        double deepest = Math.min(MAX_NINES, Math.log10(Math.max(10, largest)));
        int points = (int) Math.floor(deepest / NINES_STEP) + 1;
        ObjectNode chart = MAPPER.createObjectNode();
        ArrayNode x = chart.putArray("x");
        for (int i = 0; i < points; i++) {
            x.add(i * NINES_STEP);
        }
        ArrayNode series = chart.putArray("series");
        histograms.forEach((label, h) -> {
            ArrayNode values = series.addObject().put("label", label).putArray("values");
            for (int i = 0; i < points; i++) {
                values.add(h.getValueAtPercentile(percentile(i * NINES_STEP)));
            }
        });
        return chart;
    }

    /** @return the percentile (0..100) at {@code nines} nines: 1 is 90, 2 is 99 */
    static double percentile(double nines) {
        return 100 * (1 - Math.pow(10, -nines));
    }

    private static ObjectNode sweep(SweepData sweep) {
        ObjectNode chart = MAPPER.createObjectNode();
        ArrayNode threads = chart.putArray("threads");
        ArrayNode measured = chart.putArray("measured");
        sweep.threads().forEach(threads::add);
        sweep.opsPerSecond().forEach(measured::add);
        ScalabilityModel.fit(sweep.threads(), sweep.opsPerSecond()).ifPresent(model -> {
            ArrayNode curveN = chart.putArray("curveThreads");
            ArrayNode curveX = chart.putArray("curve");
            int last = Math.max(2 * sweep.threads().stream().mapToInt(Integer::intValue).max().orElse(1), 32);
            for (int n = 1; n <= last; n++) {
                curveN.add(n);
                curveX.add(model.throughput(n));
            }
        });
        double perThread = sweep.opsPerSecond().getFirst() / sweep.threads().getFirst();
        ArrayNode ideal = chart.putArray("ideal");
        sweep.threads().forEach(n -> ideal.add(perThread * n));
        return chart;
    }

    /**
     * A sweep's points, fewest threads first.
     *
     * @param threads      thread counts
     * @param opsPerSecond the throughput at each
     * @param modelText    the fitted model in words, or why there is none
     */
    record SweepData(List<Integer> threads, List<Double> opsPerSecond, String modelText) {
        SweepData {
            threads = List.copyOf(threads);
            opsPerSecond = List.copyOf(opsPerSecond);
            if (threads.isEmpty() || threads.size() != opsPerSecond.size()) {
                throw new IllegalArgumentException("a sweep needs one throughput per thread count, got " + threads + " and " + opsPerSecond);
            }
        }
    }
}
