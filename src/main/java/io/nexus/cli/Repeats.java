package io.nexus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nexus.bench.Units;
import io.nexus.store.ResultJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --repeat N}: the same run N times, each in a fresh JVM (as JMH forks), because a JVM's JIT and
 * memory layout make runs differ by more than any one run's own noise shows. Reports every repeat, the
 * median and range of throughput and p99, and flags a throughput spread above {@link #UNSTABLE_SPREAD}
 * of the median as unstable. Each child keeps its own result in the store as a single run would.
 * Stateless; blocks for the N runs.
 */
final class Repeats {
    /** Spread (max - min) / median of throughput above which repeats are flagged unstable: 10 %. */
    static final double UNSTABLE_SPREAD = 0.10;
    /** Most repeats accepted. */
    static final int MAX = 100;

    private Repeats() {
    }

    /**
     * @param args the command's own arguments; {@code --repeat}, {@code --csv} and {@code --json} are replaced
     * @return the first non-zero exit of a child, or 0
     */
    static int run(List<String> args, int repeats, boolean json, PrintWriter out) throws IOException, InterruptedException {
        List<String> childArgs = childArgs(args);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> results = new ArrayList<>();
        int exit = 0;
        for (int i = 1; i <= repeats && exit == 0; i++) {
            Process child = new ProcessBuilder(JvmCommand.likeThisOne(List.of(), childArgs))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            Thread err = Thread.ofPlatform().daemon(true).start(() -> VectorRelaunch.passStandardError(child.getErrorStream(), System.err));
            byte[] output = child.getInputStream().readAllBytes();
            exit = child.waitFor();
            err.join();
            if (output.length == 0) {
                break;
            }
            JsonNode result = mapper.readTree(new String(output, StandardCharsets.UTF_8));
            results.add(result);
            if (!json) {
                out.println(String.format(Locale.ROOT, "repeat %d/%d: %s ops/s, p99 %s%s", i, repeats,
                        Units.rate(throughput(result)), Units.nanos(p99(result)), exit == 0 ? "" : " (exit " + exit + ")"));
                out.flush();
            }
        }
        Summary s = Summary.of(results);
        if (json) {
            ObjectNode root = mapper.createObjectNode();
            root.put("repeats", results.size());
            root.put("medianOpsPerSecond", s.medianThroughput());
            root.put("minOpsPerSecond", s.minThroughput());
            root.put("maxOpsPerSecond", s.maxThroughput());
            root.put("spread", s.spread());
            root.put("unstable", s.unstable());
            root.put("medianP99Nanos", s.medianP99());
            ArrayNode runs = root.putArray("results");
            results.forEach(runs::add);
            out.println(ResultJson.write(root));
        } else if (!results.isEmpty()) {
            out.println(String.format(Locale.ROOT, "median %s ops/s (range %s .. %s, spread %.1f %%), p99 median %s (range %s .. %s)",
                    Units.rate(s.medianThroughput()), Units.rate(s.minThroughput()), Units.rate(s.maxThroughput()),
                    100 * s.spread(), Units.nanos(s.medianP99()), Units.nanos(s.minP99()), Units.nanos(s.maxP99())));
            if (s.unstable()) {
                out.println(String.format(Locale.ROOT, "UNSTABLE: throughput differs by %.0f %% between fresh JVMs (over %.0f %%):"
                        + " one run of this says little; compare medians of repeats", 100 * s.spread(), 100 * UNSTABLE_SPREAD));
            }
        }
        out.flush();
        return exit;
    }

    /** @return {@code args} without {@code --repeat N}, {@code --csv} or {@code --json}, with {@code --json} added */
    static List<String> childArgs(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--repeat")) {
                i++;
            } else if (!a.startsWith("--repeat=") && !a.equals("--csv") && !a.equals("--json")) {
                out.add(a);
            }
        }
        out.add("--json");
        return out;
    }

    private static double throughput(JsonNode result) {
        return result.at("/summary/opsPerSecond").asDouble();
    }

    private static double p99(JsonNode result) {
        return result.at("/latencyNanos/response/p99").asDouble();
    }

    /** Medians and ranges over the repeats. */
    record Summary(double medianThroughput, double minThroughput, double maxThroughput, double medianP99, double minP99,
                   double maxP99) {
        static Summary of(List<JsonNode> results) {
            double[] t = results.stream().mapToDouble(Repeats::throughput).sorted().toArray();
            double[] p = results.stream().mapToDouble(Repeats::p99).sorted().toArray();
            if (t.length == 0) {
                return new Summary(0, 0, 0, 0, 0, 0);
            }
            return new Summary(median(t), t[0], t[t.length - 1], median(p), p[0], p[p.length - 1]);
        }

        double spread() {
            return medianThroughput == 0 ? 0 : (maxThroughput - minThroughput) / medianThroughput;
        }

        boolean unstable() {
            return spread() > UNSTABLE_SPREAD;
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
