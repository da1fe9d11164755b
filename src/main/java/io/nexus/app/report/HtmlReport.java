package io.nexus.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nexus.app.RunComparison;
import io.nexus.bench.Units;
import io.nexus.store.ResultJson;
import io.nexus.store.RunExport;
import io.nexus.store.StoredRun;
import io.nexus.store.StoredSweep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One self-contained HTML file of stored runs, for people who will not install the workbench: summary,
 * the comparison with the first run (95 % intervals, verdicts) when there are several, a sweep's points and
 * USL model, throughput and latency percentiles over time, the percentile distribution on a nines axis,
 * each run's environment, how it was measured and its notes, and downloads of its HdrHistogram log and full
 * result JSON. Everything is inlined (the uPlot chart library from its WebJar, the styles, the data, the
 * downloads as {@code data:} links): it opens without a network. Text from runs is HTML-escaped, the data
 * JSON-escaped with {@code <} written as {@code \u003c}, so no run can close a tag. Stateless, thread-safe.
 */
public final class HtmlReport {
    /** Where the uPlot WebJar keeps its files (the version is the pom's). */
    static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HtmlReport() {
    }

    /**
     * @param runs      one or more runs; with several, the first is the baseline of the comparison; a run given twice is shown once
     * @param generated when the report is made
     * @return the report
     * @throws IllegalArgumentException with no runs
     */
    public static String ofRuns(List<StoredRun> runs, Instant generated) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        List<StoredRun> distinct = List.copyOf(runs.stream().collect(java.util.stream.Collectors.toMap(StoredRun::id, r -> r, (a, b) -> a,
                LinkedHashMap::new)).values());
        String title = distinct.size() == 1 ? "Run " + shortId(distinct.getFirst()) : distinct.size() + " runs compared";
        return render(title, distinct, null, generated);
    }

    /**
     * @param sweep     the sweep
     * @param points    its points' runs, in the sweep's order
     * @param generated when the report is made
     * @return the report of the sweep: its scaling chart and model (from its completed points, as the model was fitted), then
     *     each point as a run
     */
    public static String ofSweep(StoredSweep sweep, List<StoredRun> points, Instant generated) {
        if (points.isEmpty() || points.size() != sweep.points().size()) {
            throw new IllegalArgumentException("sweep " + sweep.id() + " has " + sweep.points().size() + " points, " + points.size() + " runs given");
        }
        List<Integer> threads = new java.util.ArrayList<>();
        List<Double> throughput = new java.util.ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).status().equals("COMPLETED")) {
                threads.add(sweep.points().get(i).threads());
                throughput.add(points.get(i).opsPerSecond());
            }
        }
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("sweep " + sweep.id() + " has no completed point to report");
        }
        var data = new ReportCharts.SweepData(threads, throughput, sweep.model());
        return render("Sweep of " + sweep.workload() + ", " + data.threads() + " threads", points, data, generated);
    }

    private static String render(String title, List<StoredRun> runs, ReportCharts.SweepData sweep, Instant generated) {
        Map<String, StoredRun> labelled = new LinkedHashMap<>();
        runs.forEach(r -> labelled.put(labelled.containsKey(label(r)) ? r.id() + " " + r.workload() + " x" + r.threads() : label(r), r));
        ObjectNode data = MAPPER.createObjectNode();
        data.put("title", title);
        data.set("charts", ReportCharts.of(labelled, sweep));
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"Nexus Workbench\">\n")
                .append("<title>").append(Html.escape(title)).append(" - Nexus Workbench</title>\n<style>\n")
                .append(resource(UPLOT + "uPlot.min.css")).append('\n').append(resource("report.css")).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(Html.escape(title)).append("</h1><p>Nexus Workbench report, made ")
                .append(Html.escape(generated.toString())).append(". Self-contained: it needs no network; each chart has a PNG button.</p></header>\n");
        summary(html, labelled);
        if (sweep != null) {
            html.append("<section id=\"sweep\"><h2>Scaling</h2><figure class=\"chart\" data-chart=\"sweep\"></figure><p class=\"model\">")
                    .append(Html.escape(sweep.modelText())).append("</p></section>\n");
        } else if (runs.size() > 1) {
            comparison(html, runs);
        }
        html.append("<section id=\"over-time\"><h2>Throughput over time</h2><figure class=\"chart\" data-chart=\"throughput\"></figure>\n")
                .append("<h2>Response-time percentiles over time</h2>\n");
        for (int i = 0; i < runs.size(); i++) {
            html.append("<figure class=\"chart\" data-chart=\"latency\" data-index=\"").append(i).append("\"></figure>\n");
        }
        html.append("</section>\n<section id=\"distribution\"><h2>Response-time distribution</h2>")
                .append("<p>From each run's merged HdrHistogram; the axis is in nines (90 %, 99 %, 99.9 %, ...).</p>")
                .append("<figure class=\"chart\" data-chart=\"distribution\"></figure></section>\n");
        labelled.forEach((label, run) -> details(html, label, run));
        html.append("<script type=\"application/json\" id=\"nexus-data\">").append(scriptSafe(data)).append("</script>\n<script>")
                .append(resource(UPLOT + "uPlot.iife.min.js")).append("</script>\n<script>").append(resource("report.js"))
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** @return the run's name in tables and legends: short id, workload and threads (the whole id where short ids clash) */
    static String label(StoredRun run) {
        return shortId(run) + " " + run.workload() + " x" + run.threads();
    }

    private static String shortId(StoredRun run) {
        return run.id().substring(0, Math.min(8, run.id().length()));
    }

    private static void summary(StringBuilder html, Map<String, StoredRun> runs) {
        html.append("<section id=\"summary\"><h2>Summary</h2><table class=\"summary\"><thead><tr><th></th>");
        runs.keySet().forEach(label -> html.append("<th>").append(Html.escape(label)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        List<StoredRun> list = List.copyOf(runs.values());
        row(html, "Status", list, r -> r.status() + (r.failure() == null ? "" : ": " + r.failure()));
        row(html, "Started", list, r -> r.startedAt().toString());
        row(html, "Host", list, StoredRun::host);
        row(html, "Workload", list, r -> r.workload() + ", size " + r.size());
        row(html, "Run", list, r -> r.mode().toLowerCase(Locale.ROOT) + ", " + r.threads() + " threads, batch " + r.batch() + ", window " + r.window());
        row(html, "Profile", list, StoredRun::profile);
        row(html, "Measured", list, r -> String.format(Locale.ROOT, "%,d ops in %.2f s, %,d errors", r.ops(), r.measuredNanos() / 1e9, r.errors()));
        row(html, "Throughput", list, r -> Units.rate(r.opsPerSecond()) + " ops/s");
        row(html, "Response p50 / p90 / p99", list, r -> Units.nanos(r.response().p50()) + " / " + Units.nanos(r.response().p90()) + " / "
                + Units.nanos(r.response().p99()));
        row(html, "Response p99.9 / max", list, r -> Units.nanos(r.response().p999()) + " / " + Units.nanos(r.response().max()));
        row(html, "Service p50 / p99", list, r -> Units.nanos(r.service().p50()) + " / " + Units.nanos(r.service().p99()));
        html.append("</tbody></table></section>\n");
    }

    private static void row(StringBuilder html, String name, List<StoredRun> runs, Function<StoredRun, String> cell) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th>");
        runs.forEach(r -> html.append("<td>").append(Html.escape(cell.apply(r))).append("</td>"));
        html.append("</tr>\n");
    }

    private static void comparison(StringBuilder html, List<StoredRun> runs) {
        html.append("<section id=\"comparison\"><h2>Compared with ").append(Html.escape(label(runs.getFirst()))).append("</h2>\n");
        RunComparison comparison;
        try {
            comparison = RunComparison.of(runs, false);
        } catch (IllegalArgumentException e) {
            html.append("<p class=\"warning\">Not compared: ").append(Html.escape(e.getMessage())).append("</p></section>\n");
            return;
        }
        comparison.warnings().forEach(w -> html.append("<p class=\"warning\">").append(Html.escape(w)).append("</p>\n"));
        html.append("<table class=\"comparison\"><thead><tr><th>Run</th>");
        for (RunComparison.Metric m : RunComparison.Metric.values()) {
            html.append("<th>").append(Html.escape(m.label())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (RunComparison.Row row : comparison.rows()) {
            html.append("<tr><th>").append(Html.escape(label(row.run()))).append("</th>");
            for (RunComparison.Metric m : RunComparison.Metric.values()) {
                RunComparison.Cell c = row.cell(m);
                String verdict = c.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
                html.append("<td class=\"").append(verdict).append("\">").append(Html.escape(m.format(c.value()) + (m == RunComparison.Metric.THROUGHPUT ? " ops/s" : "")));
                if (c.verdict() != RunComparison.Verdict.BASELINE) {
                    html.append("<br><span class=\"change\">").append(String.format(Locale.ROOT, "%+.1f %%", 100 * c.change()));
                    if (!Double.isNaN(c.low())) {
                        html.append(String.format(Locale.ROOT, " [%+.1f, %+.1f]", 100 * c.low(), 100 * c.high()));
                    }
                    html.append("</span><br><span class=\"verdict\">").append(Html.escape(c.verdict().words())).append("</span>");
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table><p class=\"method\">").append(Html.escape(RunComparison.method())).append("</p></section>\n");
    }

    private static void details(StringBuilder html, String label, StoredRun run) {
        JsonNode result = ResultJson.read(run.resultJson());
        html.append("<section class=\"run\"><h2>").append(Html.escape(label)).append(": environment and method</h2>\n<table class=\"facts\">");
        result.path("environment").properties().forEach(e -> fact(html, e.getKey(), e.getValue()));
        result.path("method").properties().forEach(e -> fact(html, "method: " + e.getKey(), e.getValue()));
        html.append("</table>\n");
        if (!result.path("notes").isEmpty()) {
            html.append("<ul class=\"notes\">");
            result.path("notes").forEach(n -> html.append("<li>").append(Html.escape(n.asText())).append("</li>"));
            html.append("</ul>\n");
        }
        if (!run.findings().isEmpty()) {
            html.append("<h3>Advisor</h3><ul class=\"findings\">");
            run.findings().forEach(f -> html.append("<li><b>").append(Html.escape(f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.title()))
                    .append("</b><br>").append(Html.escape("Evidence: " + f.evidence())).append("<br>").append(Html.escape("Advice: " + f.advice()))
                    .append(f.change().isEmpty() ? "" : "<br>" + Html.escape("Profile: " + f.change().entrySet().stream()
                            .map(e -> e.getKey().key() + " = " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))))
                    .append("</li>"));
            html.append("</ul>\n");
        }
        run.profiled().ifPresent(profile -> {
            html.append("<h3>Where the time went (JDK Flight Recorder)</h3><pre class=\"profile\">");
            profile.lines(10).forEach(line -> html.append(Html.escape(line)).append('\n'));
            html.append("</pre>\n");
        });
        html.append("<p class=\"downloads\">Raw data: ")
                .append(download("nexus-" + run.id() + ".hlog", "text/plain", RunExport.export(run, RunExport.Format.HLOG), "HdrHistogram log (.hlog)"))
                .append(" · ").append(download("nexus-" + run.id() + ".json", "application/json", run.resultJson(), "full result (JSON)"))
                .append(run.profiled().map(p -> " · " + download("nexus-" + run.id() + ".folded", "text/plain", p.foldedText(),
                        "folded stacks (flamegraph.pl, speedscope)")).orElse(""))
                .append("</p></section>\n");
    }

    private static void fact(StringBuilder html, String name, JsonNode value) {
        String text = value.isContainerNode() ? value.toString() : value.asText();
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(text)).append("</td></tr>");
    }

    private static String download(String file, String type, String content, String text) {
        return "<a download=\"" + Html.escape(file) + "\" href=\"data:" + type + ";charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\">" + Html.escape(text) + "</a>";
    }

    /** JSON that cannot end its script element: every {@code <} becomes {@code \u003c}, valid inside JSON strings. */
    static String scriptSafe(JsonNode data) {
        try {
            return MAPPER.writeValueAsString(data).replace("<", "\\u003c");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report's data", e);
        }
    }

    /** @return a resource of the report (a bare name: beside this class) or of a WebJar; missing is a broken build */
    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's resource " + name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's resource " + name, e);
        }
    }
}
