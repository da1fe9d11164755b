package io.nexus.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.nexus.bench.Environment;
import io.nexus.bench.RateOutcome;
import io.nexus.bench.RunMode;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.bench.SweepPoint;
import io.nexus.engine.EngineMode;
import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.measure.TimingMode;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TuningProfile;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * JSON form of results: every figure with its unit in its name ({@code Nanos}, {@code PerSecond}),
 * the samples, the environment, and the merged histograms in HdrHistogram's compressed encoding
 * (Base64), from which every percentile can be recomputed. Thread-safe.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /** @return the result as a JSON tree */
    public static ObjectNode toTree(RunResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", r.id());
        root.put("startedAt", r.startedAt().toString());
        root.put("status", r.status().name());
        r.failure().ifPresent(f -> root.put("failure", f));
        root.set("spec", spec(r.spec()));
        ObjectNode summary = root.putObject("summary");
        summary.put("measuredSeconds", r.measuredSeconds());
        summary.put("ops", r.ops());
        summary.put("errors", r.errors());
        summary.put("errorRate", r.errorRate());
        summary.put("opsPerSecond", r.opsPerSecond());
        if (r.gflops() > 0) {
            summary.put("gflops", r.gflops());
        }
        if (r.bytesPerSecond() > 0) {
            summary.put("bytesPerSecond", r.bytesPerSecond());
        }
        ObjectNode latency = root.putObject("latencyNanos");
        latency.set("response", MAPPER.valueToTree(r.response()));
        latency.set("service", MAPPER.valueToTree(r.service()));
        r.rate().ifPresent(rate -> root.set("rate", MAPPER.valueToTree(rate)));
        root.set("notes", MAPPER.valueToTree(r.notes()));
        root.set("environment", MAPPER.valueToTree(r.environment()));
        if (r.method() != null) {
            root.set("method", MAPPER.valueToTree(r.method()));
        }
        root.set("samples", MAPPER.valueToTree(r.samples()));
        ObjectNode histograms = root.putObject("histograms");
        histograms.put("encoding", "HdrHistogram compressed, Base64, values in ns");
        histograms.put("response", encode(r.responseHistogram()));
        histograms.put("service", encode(r.serviceHistogram()));
        return root;
    }

    private static ObjectNode spec(RunSpec s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("workload", s.workload());
        node.put("size", s.size());
        node.put("mode", s.mode().name());
        node.put("threads", s.threads());
        node.put("batch", s.batch());
        node.put("window", s.window());
        node.put("engine", s.engine().name());
        node.put("timing", s.timing().name());
        node.put("warmupSeconds", s.warmup().toNanos() / 1e9);
        node.put("durationSeconds", s.duration().toNanos() / 1e9);
        node.put("opsPerThread", s.opsPerThread());
        node.put("bursts", s.bursts());
        node.put("burstPauseSeconds", s.burstPause().toNanos() / 1e9);
        node.put("targetRate", s.targetRate());
        node.put("sampleIntervalMillis", s.sampleInterval().toMillis());
        node.put("profile", s.profile().name());
        node.put("profileToml", ProfileFiles.toToml(s.profile()));
        s.url().ifPresent(url -> node.put("url", url.toString()));
        return node;
    }

    /**
     * @return the run as the engine returned it, rebuilt from its stored JSON, samples and histograms (for the advisor)
     * @throws IllegalStateException if the stored JSON lacks what a result needs (a corrupt store)
     */
    public static RunResult toResult(StoredRun run) {
        JsonNode root = read(run.resultJson());
        JsonNode s = root.path("spec");
        try {
            TuningProfile profile = profile(s);
            RunSpec spec = new RunSpec(s.path("workload").asText(), s.path("size").asInt(), RunMode.valueOf(s.path("mode").asText()),
                    s.path("threads").asInt(), s.path("batch").asInt(), s.path("window").asInt(), seconds(s.path("warmupSeconds")),
                    seconds(s.path("durationSeconds")), s.path("opsPerThread").asLong(), s.path("bursts").asInt(1),
                    seconds(s.path("burstPauseSeconds")), s.path("targetRate").asDouble(), Duration.ofMillis(s.path("sampleIntervalMillis").asLong(1000)),
                    profile, EngineMode.valueOf(s.path("engine").asText(profile.mode().name())),
                    TimingMode.valueOf(s.path("timing").asText(profile.timing().name())),
                    s.hasNonNull("url") ? Optional.of(URI.create(s.get("url").asText())) : Optional.empty());
            JsonNode summary = root.path("summary");
            List<String> notes = new java.util.ArrayList<>();
            root.path("notes").forEach(n -> notes.add(n.asText()));
            return new RunResult(run.id(), run.startedAt(), spec, RunStatus.valueOf(run.status()), Optional.ofNullable(run.failure()),
                    run.measuredNanos(), run.ops(), run.errors(), run.opsPerSecond(), summary.path("gflops").asDouble(0),
                    summary.path("bytesPerSecond").asDouble(0), run.response(), run.service(), run.responseHistogramDecoded(),
                    run.serviceHistogramDecoded(), root.hasNonNull("rate") ? Optional.of(MAPPER.treeToValue(root.get("rate"), RateOutcome.class))
                    : Optional.empty(), run.samples(), notes, MAPPER.treeToValue(root.path("environment"), Environment.class),
                    root.hasNonNull("method") ? MAPPER.treeToValue(root.get("method"), MeasurementMethod.class) : null);
        } catch (ProfileException | JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored run " + run.id() + " cannot be read back: " + e.getMessage(), e);
        }
    }

    /**
     * @return the profile a stored run used (its spec's TOML), without rebuilding the rest of the run
     * @throws IllegalStateException if the stored profile does not parse (a corrupt store)
     */
    public static TuningProfile profile(StoredRun run) {
        try {
            return profile(read(run.resultJson()).path("spec"));
        } catch (ProfileException e) {
            throw new IllegalStateException("stored run " + run.id() + " cannot be read back: " + e.getMessage(), e);
        }
    }

    private static TuningProfile profile(JsonNode spec) throws ProfileException {
        return ProfileFiles.parse(spec.path("profile").asText("default"), spec.path("profileToml").asText(""));
    }

    private static Duration seconds(JsonNode value) {
        return Duration.ofNanos(Math.round(value.asDouble() * 1e9));
    }

    /** @return the sweep as a JSON tree: one entry per thread count with its full result */
    public static ObjectNode sweepToTree(List<SweepPoint> points) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("points");
        for (SweepPoint p : points) {
            ObjectNode node = array.addObject();
            node.put("threads", p.threads());
            node.put("opsPerSecond", p.result().opsPerSecond());
            node.put("speedup", p.speedup());
            node.put("efficiency", p.efficiency());
            node.set("result", toTree(p.result()));
        }
        io.nexus.bench.ScalabilityModel.fit(points).ifPresentOrElse(m -> {
            ObjectNode model = root.putObject("model");
            model.put("law", "usl");
            model.put("lambda", m.lambda());
            model.put("sigma", m.sigma());
            model.put("kappa", m.kappa());
            model.put("rSquared", m.rSquared());
            m.peakThreads().ifPresent(peak -> model.put("peakThreads", peak));
            model.put("summary", m.describe());
        }, () -> root.put("modelNote", io.nexus.bench.ScalabilityModel.whyNot(points).orElse("")));
        return root;
    }

    /** @return any value (records, lists) as a JSON tree */
    public static JsonNode treeOf(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** @return any value (records, lists) as indented JSON text */
    public static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** @return the value of {@code type} that {@link #writeValue} wrote; an unreadable one is a corrupt store */
    public static <T> T readValue(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the tree of a result {@link #write} wrote; an unreadable one is a corrupt store */
    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return {@code tree} as indented JSON text */
    public static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** @return the histogram in HdrHistogram's compressed encoding, Base64 */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * @return the histogram encoded by {@link #encode}
     * @throws IllegalArgumentException if the text is not such an encoding
     */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }
}
