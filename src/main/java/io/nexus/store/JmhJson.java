package io.nexus.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A stored run in the shape of JMH 1.37's {@code -rf json} output, so jmh-visualizer and other JMH tooling
 * open it. A run becomes two benchmarks named {@code nexus.<workload>}: a {@code thrpt} one (ops/s, one
 * iteration per sample interval) and a {@code sample} one (the response-time histogram in µs/op, as JMH's
 * SampleTime mode keeps it, with its {@code p0.00}..{@code p1.00} secondary metrics). As in JMH, the
 * throughput score is the mean of the iterations (the run's own ops / time weighs them by length; they differ
 * only by uneven intervals), and the score error the half-width of a 99.9 % Student-t interval, "NaN" with two
 * values or fewer (JMH assumes independent iterations; {@code nexus compare} does not). Stateless and thread-safe.
 */
public final class JmhJson {
    /** The JMH version whose output this follows. */
    public static final String JMH_VERSION = "1.37";
    private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};
    private static final double[] SECONDARY = {0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0};
    private static final double NANOS_PER_MICRO = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JmhJson() {
    }

    /** @return {@code run} as JMH's JSON result file: an array of two benchmarks */
    public static String write(StoredRun run) {
        JsonNode result = ResultJson.read(run.resultJson());
        ArrayNode benchmarks = MAPPER.createArrayNode();
        double[] perInterval = run.samples().stream().mapToDouble(s -> s.opsPerSecond()).toArray();
        ObjectNode throughput = benchmarks.addObject().setAll(header(run, result, "thrpt", perInterval.length));
        double mean = perInterval.length == 0 ? run.opsPerSecond() : Arrays.stream(perInterval).average().orElseThrow();
        throughput.set("primaryMetric", metric(mean, perInterval, "ops/s"));
        throughput.putObject("secondaryMetrics");
        Histogram response = run.responseHistogramDecoded();
        ObjectNode sample = benchmarks.addObject().setAll(header(run, result, "sample", 1));
        sample.set("primaryMetric", histogramMetric(response));
        ObjectNode secondary = sample.putObject("secondaryMetrics");
        for (double q : SECONDARY) {
            double value = micros(response.getValueAtPercentile(q * 100));
            secondary.set(String.format(Locale.ROOT, q == 0.999 || q == 0.9999 ? "p%s" : "p%.2f", q), metric(value, new double[]{value}, "us/op"));
        }
        try {
            return MAPPER.writeValueAsString(benchmarks);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    private static ObjectNode header(StoredRun run, JsonNode result, String mode, int iterations) {
        JsonNode spec = result.path("spec");
        JsonNode env = result.path("environment");
        ObjectNode node = MAPPER.createObjectNode();
        node.put("jmhVersion", JMH_VERSION);
        node.put("benchmark", "nexus." + run.workload());
        node.put("mode", mode);
        node.put("threads", run.threads());
        node.put("forks", 1);
        List<String> jvm = Arrays.asList(env.path("jvm").asText("unknown").split(" "));
        node.put("jvm", env.path("jvm").asText("unknown"));
        node.set("jvmArgs", env.path("jvmArgs").isArray() ? env.get("jvmArgs").deepCopy() : MAPPER.createArrayNode());
        String runtime = jvm.getLast();
        node.put("jdkVersion", runtime.split("\\+")[0]);
        node.put("vmName", String.join(" ", jvm.subList(0, jvm.size() - 1)));
        node.put("vmVersion", runtime);
        node.put("warmupIterations", spec.path("warmupSeconds").asDouble() > 0 ? 1 : 0);
        node.put("warmupTime", seconds(spec.path("warmupSeconds").asDouble()));
        node.put("warmupBatchSize", 1);
        node.put("measurementIterations", iterations);
        node.put("measurementTime", seconds(spec.path("sampleIntervalMillis").asDouble() / 1000));
        node.put("measurementBatchSize", 1);
        ObjectNode params = node.putObject("params");
        params.put("size", Integer.toString(run.size()));
        params.put("engine", spec.path("engine").asText());
        params.put("timing", spec.path("timing").asText());
        params.put("window", Integer.toString(run.window()));
        params.put("profile", run.profile());
        params.put("run", run.id());
        return node;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%s s", s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s));
    }

    /** A metric of independent values, as JMH scores iterations. */
    private static ObjectNode metric(double score, double[] values, String unit) {
        ObjectNode metric = MAPPER.createObjectNode();
        metric.put("score", score);
        double error = values.length <= 2 ? Double.NaN : halfWidth(sd(values), values.length);
        putError(metric, score, error);
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        Percentile estimator = new Percentile();
        for (double p : PERCENTILES) {
            percentiles.put(Double.toString(p), values.length == 0 ? Double.NaN
                    : p == 0 ? Arrays.stream(values).min().orElseThrow() : estimator.evaluate(values, p));
        }
        metric.put("scoreUnit", unit);
        ArrayNode fork = metric.putArray("rawData").addArray();
        Arrays.stream(values).forEach(fork::add);
        return metric;
    }

    /** A SampleTime metric: every recorded value in µs with its count, one iteration. */
    private static ObjectNode histogramMetric(Histogram h) {
        ObjectNode metric = MAPPER.createObjectNode();
        double mean = micros(h.getMean());
        metric.put("score", mean);
        putError(metric, mean, h.getTotalCount() <= 2 ? Double.NaN : halfWidth(micros(h.getStdDeviation()), h.getTotalCount()));
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (double p : PERCENTILES) {
            percentiles.put(Double.toString(p), micros(h.getValueAtPercentile(p)));
        }
        metric.put("scoreUnit", "us/op");
        ArrayNode iteration = metric.putArray("rawDataHistogram").addArray().addArray();
        for (HistogramIterationValue v : h.recordedValues()) {
            iteration.addArray().add(micros(h.highestEquivalentValue(v.getValueIteratedTo()))).add(v.getCountAtValueIteratedTo());
        }
        return metric;
    }

    private static void putError(ObjectNode metric, double score, double error) {
        ArrayNode confidence = MAPPER.createArrayNode();
        if (Double.isNaN(error)) {
            metric.put("scoreError", "NaN");
            confidence.add("NaN").add("NaN");
        } else {
            metric.put("scoreError", error);
            confidence.add(score - error).add(score + error);
        }
        metric.set("scoreConfidence", confidence);
    }

    private static double halfWidth(double sd, long n) {
        return new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2) * sd / Math.sqrt(n);
    }

    private static double sd(double[] values) {
        return Math.sqrt(new Variance().evaluate(values));
    }

    private static double micros(double nanos) {
        return nanos / NANOS_PER_MICRO;
    }
}
