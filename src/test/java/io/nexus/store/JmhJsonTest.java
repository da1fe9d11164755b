package io.nexus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JMH export has the shape of JMH's own output and the run's figures. The reference is a file JMH 1.37
 * wrote itself: {@code java -jar target/benchmarks.jar 'KernelBenchmark.kernel$' -p workload=sha256:64
 * -bm thrpt,sample -f 1 -wi 1 -w 1s -i 2 -r 1s -rf json} (after {@code ./mvnw -Pjmh package -DskipTests}).
 */
class JmhJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static StoredRun run;
    private static JsonNode exported;
    private static JsonNode jmh;

    @BeforeAll
    static void exportARealRun() throws Exception {
        run = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(600)));
        exported = MAPPER.readTree(RunExport.export(run, RunExport.Format.JMH));
        try (InputStream in = JmhJsonTest.class.getResourceAsStream("/jmh/kernel-sha256-thrpt-sample.json")) {
            jmh = MAPPER.readTree(in);
        }
    }

    private static JsonNode byMode(JsonNode benchmarks, String mode) {
        for (JsonNode b : benchmarks) {
            if (b.path("mode").asText().equals(mode)) {
                return b;
            }
        }
        throw new AssertionError("no " + mode + " benchmark in " + benchmarks);
    }

    @Test
    void everyFieldJmhWritesIsThereWithItsType() {
        for (String mode : List.of("thrpt", "sample")) {
            assertEquals(JmhJson.JMH_VERSION, byMode(jmh, mode).path("jmhVersion").asText(), "the reference's JMH");
            List<String> problems = new ArrayList<>();
            sameShape("$[" + mode + "]", byMode(jmh, mode), byMode(exported, mode), problems);
            assertEquals(List.of(), problems, mode);
        }
    }

    /** Objects: every key of JMH's is ours too (params are free-form); arrays: each of ours like JMH's first. */
    private static void sameShape(String path, JsonNode theirs, JsonNode ours, List<String> problems) {
        if (ours == null || ours.isMissingNode()) {
            problems.add(path + " missing");
        } else if (theirs.isObject()) {
            if (!ours.isObject()) {
                problems.add(path + " is not an object");
                return;
            }
            if (path.endsWith(".params")) {
                ours.properties().forEach(e -> {
                    if (!e.getValue().isTextual()) {
                        problems.add(path + "." + e.getKey() + " is not text");
                    }
                });
                return;
            }
            for (var property : theirs.properties()) {
                String key = property.getKey();
                sameShape(path + "." + key, theirs.get(key), ours.get(key), problems);
            }
        } else if (theirs.isArray()) {
            if (!ours.isArray()) {
                problems.add(path + " is not an array");
            } else if (!theirs.isEmpty()) {
                for (int i = 0; i < ours.size(); i++) {
                    sameShape(path + "[" + i + "]", theirs.get(Math.min(i, theirs.size() - 1)), ours.get(i), problems);
                }
            }
        } else if (isNumber(theirs) != isNumber(ours) || theirs.isTextual() && !isNumber(theirs) && !ours.isTextual()) {
            problems.add(path + " is " + ours.getNodeType() + ", JMH writes " + theirs.getNodeType());
        }
    }

    /** JMH writes NaN as the string "NaN" where a number goes. */
    private static boolean isNumber(JsonNode node) {
        return node.isNumber() || node.isTextual() && node.asText().equals("NaN");
    }

    @Test
    void throughputIsTheRunsWithOneIterationPerSample() {
        JsonNode thrpt = byMode(exported, "thrpt");
        assertEquals("nexus.xor", thrpt.path("benchmark").asText());
        double mean = run.samples().stream().mapToDouble(s -> s.opsPerSecond()).average().orElseThrow();
        assertEquals(mean, thrpt.at("/primaryMetric/score").asDouble(), 1e-6, "JMH's score: the mean of the iterations");
        JsonNode raw = thrpt.at("/primaryMetric/rawData/0");
        assertEquals(run.samples().size(), raw.size());
        assertEquals(run.samples().size(), thrpt.path("measurementIterations").asInt());
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(run.samples().get(i).opsPerSecond(), raw.get(i).asDouble(), 1e-6, "iteration " + i);
        }
        JsonNode confidence = thrpt.at("/primaryMetric/scoreConfidence");
        double error = thrpt.at("/primaryMetric/scoreError").asDouble();
        assertTrue(error > 0, "a 99.9 % interval over " + raw.size() + " iterations");
        assertEquals(mean - error, confidence.get(0).asDouble(), 1e-6);
    }

    @Test
    void sampleModeHoldsTheResponseHistogramInMicroseconds() {
        JsonNode sample = byMode(exported, "sample");
        Histogram response = run.responseHistogramDecoded();
        assertEquals("us/op", sample.at("/primaryMetric/scoreUnit").asText());
        assertEquals(response.getMean() / 1000, sample.at("/primaryMetric/score").asDouble(), 1e-9);
        assertEquals(response.getValueAtPercentile(99) / 1000.0, sample.at("/primaryMetric/scorePercentiles/99.0").asDouble(), 1e-9);
        assertEquals(response.getValueAtPercentile(99.9) / 1000.0, sample.at("/secondaryMetrics/p0.999/score").asDouble(), 1e-9);
        long counted = 0;
        for (JsonNode pair : sample.at("/primaryMetric/rawDataHistogram/0/0")) {
            counted += pair.get(1).asLong();
        }
        assertEquals(response.getTotalCount(), counted, "every recorded op is in the histogram once");
    }
}
