package io.nexus.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.store.StoreFixtures;
import io.nexus.store.StoredRun;
import io.nexus.store.StoredSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of real runs: self-contained, escaped, with the runs' figures; and drawn by a real browser. */
class HtmlReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"nexus-data\">(.*?)</script>", Pattern.DOTALL);
    private static List<StoredRun> twoRuns;
    private static List<StoredRun> sweepRuns;
    private static StoredSweep sweep;

    @TempDir
    Path dir;

    @BeforeAll
    static void measure() throws Exception {
        twoRuns = List.of(StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(600))),
                StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(600))));
        sweepRuns = new ArrayList<>();
        List<StoredSweep.Point> points = new ArrayList<>();
        for (int threads = 1; threads <= 4; threads++) {
            StoredRun run = StoredRun.of(StoreFixtures.run("sha256", threads, Duration.ofMillis(300)));
            sweepRuns.add(run);
            points.add(new StoredSweep.Point(threads, run.id()));
        }
        sweep = new StoredSweep("5ee95ee9-0000-4000-8000-000000000001", Instant.now(), "sha256", points, "model in words");
    }

    private static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "the report inlines its data");
        return MAPPER.readTree(m.group(1));
    }

    @Test
    void needsNoNetwork() {
        String html = HtmlReport.ofRuns(twoRuns, Instant.now());
        Matcher references = Pattern.compile("(?:src|href)\\s*=\\s*\"(?!data:|#)([^\"]*)\"|@import|url\\((?!data:)").matcher(html);
        assertFalse(references.find(), () -> "an external reference: " + references.group());
        assertTrue(html.contains("uPlot"), "the chart library is inlined");
    }

    @Test
    void holdsEachRunsFiguresFromItsSamplesAndHistogram() throws Exception {
        JsonNode charts = data(HtmlReport.ofRuns(twoRuns, Instant.now())).path("charts");
        JsonNode series = charts.at("/throughput/series");
        assertEquals(2, series.size());
        JsonNode x = charts.at("/throughput/x");
        for (int r = 0; r < 2; r++) {
            StoredRun run = twoRuns.get(r);
            List<String> drawn = new ArrayList<>();
            JsonNode values = series.get(r).path("values");
            for (int i = 0; i < x.size(); i++) {
                if (!values.get(i).isNull()) {
                    drawn.add(x.get(i).asDouble() + " s: " + values.get(i).asDouble());
                }
            }
            assertEquals(run.samples().stream().map(s -> Math.round(s.elapsedNanos() / 1e6) / 1000.0 + " s: " + s.opsPerSecond()).toList(), drawn,
                    "run " + r + "'s samples, each at its time");
            JsonNode distribution = charts.at("/distribution/series/" + r + "/values");
            int nines2 = (int) Math.round(2 / ReportCharts.NINES_STEP);
            assertEquals(run.responseHistogramDecoded().getValueAtPercentile(99), distribution.get(nines2).asLong(), "p99 from the histogram");
        }
        assertEquals(2, charts.path("latency").size());
    }

    @Test
    void comparesSeveralRunsWithTheFirst() {
        String html = HtmlReport.ofRuns(twoRuns, Instant.now());
        assertTrue(html.contains("id=\"comparison\""), "two runs of one workload are compared");
        assertTrue(html.contains("95 % confidence intervals"), "the comparison says how it decides");
        String mixed = HtmlReport.ofRuns(List.of(twoRuns.getFirst(), sweepRuns.getFirst()), Instant.now());
        assertTrue(mixed.contains("Not compared: "), "xor against sha256 is not compared");
    }

    @Test
    void anAdvisedProfiledRunHasItsFindingsProfileAndFoldedStacksAllEscaped() throws Exception {
        StoredRun base = twoRuns.getFirst();
        String attack = "</pre><script>alert(3)</script>";
        io.nexus.bench.RunProfile profile = new io.nexus.bench.RunProfile(Path.of("x.jfr"), 2,
                List.of(new io.nexus.bench.RunProfile.Share("a.B" + attack, 2, 1)), List.of(), java.util.Map.of("a.B;c.D" + attack, 2L), 0, List.of(),
                1, 0, List.of(), 0, Duration.ZERO, Duration.ZERO, List.of());
        io.nexus.bench.Finding finding = new io.nexus.bench.Finding("noisy", io.nexus.bench.Finding.Severity.WARNING, "varied" + attack,
                "cv 30 %", "repeat it", java.util.Map.of(io.nexus.profile.ProfileKey.THREADS_PINNING, "cpu"));
        StoredRun advised = new StoredRun(base.id(), base.startedAt(), base.host(), base.workload(), base.mode(), base.threads(), base.size(),
                base.batch(), base.window(), base.profile(), base.status(), base.failure(), base.measuredNanos(), base.ops(), base.errors(),
                base.opsPerSecond(), base.response(), base.service(), base.resultJson(), base.samples(), base.responseHistogram(),
                base.serviceHistogram(), profile, List.of(finding));
        String html = HtmlReport.ofRuns(List.of(advised), Instant.now());
        assertTrue(html.contains("<h3>Advisor</h3>") && html.contains("warning: varied") && html.contains("Profile: threads.pinning = cpu"), "findings");
        assertTrue(html.contains("Where the time went") && html.contains("by self samples"), "the profile's summary");
        assertTrue(html.contains("download=\"nexus-" + base.id() + ".folded\""), "the folded stacks to download");
        assertFalse(html.contains("<script>alert(3)"), "finding and profile text is escaped");
    }

    @Test
    void noRunTextCanEscapeItsElement() throws Exception {
        StoredRun base = twoRuns.getFirst();
        String attack = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
        StoredRun hostile = new StoredRun(base.id(), base.startedAt(), attack, base.workload() + attack, base.mode(), base.threads(), base.size(),
                base.batch(), base.window(), attack, base.status(), attack, base.measuredNanos(), base.ops(), base.errors(), base.opsPerSecond(),
                base.response(), base.service(), base.resultJson(), base.samples(), base.responseHistogram(), base.serviceHistogram());
        String html = HtmlReport.ofRuns(List.of(hostile), Instant.now());
        assertFalse(html.contains("<script>alert(1)"), "run text is escaped");
        assertFalse(html.contains("<img src=x"), "run text is escaped");
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"), "and shown as text");
        assertEquals(HtmlReport.label(hostile), data(html).at("/charts/throughput/series/0/label").asText(), "the data block is whole");
    }

    @Test
    void aSweepHasItsPointsAndFittedCurve() throws Exception {
        String html = HtmlReport.ofSweep(sweep, sweepRuns, Instant.now());
        JsonNode chart = data(html).at("/charts/sweep");
        assertEquals(4, chart.path("threads").size());
        assertEquals(sweepRuns.get(2).opsPerSecond(), chart.path("measured").get(2).asDouble());
        assertEquals(32, chart.path("curve").size(), "the model drawn to 32 threads (2 x 4 is less)");
        assertTrue(html.contains("model in words"));
    }

    /** A run cancelled before its first sample: no samples, no ops; its id shares the first 8 characters of {@code r}'s. */
    private static StoredRun withoutSamples(StoredRun r) {
        return new StoredRun(r.id().replace('-', '0'), r.startedAt(), r.host(), r.workload(), r.mode(), r.threads(), r.size(), r.batch(),
                r.window(), r.profile(), "CANCELLED", null, 0, 0, 0, 0, r.response(), r.service(), r.resultJson(), List.of(),
                r.responseHistogram(), r.serviceHistogram());
    }

    @Test
    void rendersInARealBrowserWithEveryChartDrawnAndNoErrors() throws Exception {
        Path runs = dir.resolve("runs.html");
        Path sweepFile = dir.resolve("sweep.html");
        Path edges = dir.resolve("edges.html");
        Files.writeString(runs, HtmlReport.ofRuns(twoRuns, Instant.now()));
        Files.writeString(sweepFile, HtmlReport.ofSweep(sweep, sweepRuns, Instant.now()));
        StoredRun first = twoRuns.getFirst();
        Files.writeString(edges, HtmlReport.ofRuns(List.of(first, first, withoutSamples(first)), Instant.now()));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            for (Path report : List.of(runs, sweepFile, edges)) {
                chromium.open(report);
                JsonNode charts = chromium.evaluate(INKED_CHARTS);
                int expected = report == sweepFile ? 1 + 1 + sweepRuns.size() + 1 : 1 + 2 + 1;
                assertEquals(expected, charts.size(), report + ": one canvas per chart (a run given twice once): " + charts);
                for (JsonNode chart : charts) {
                    boolean empty = report == edges && chart.path("chart").asText().equals("latency1");
                    assertTrue(empty ? chart.path("coloured").asInt() == 0 : chart.path("coloured").asInt() > 200,
                            report + ": " + chart + (empty ? " is empty (no samples)" : " has its series drawn"));
                }
                String png = chromium.evaluate(CLICK_FIRST_PNG).asText();
                assertTrue(png.startsWith("data:image/png;base64,"), "the PNG button makes a PNG: " + png.substring(0, Math.min(40, png.length())));
                byte[] bytes = Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
                assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertEquals(List.of(), chromium.errors(), "no console errors or exceptions");
            assertEquals(List.of(runs.toUri().toString(), sweepFile.toUri().toString(), edges.toUri().toString()),
                    chromium.requests().stream().filter(u -> !u.startsWith("data:")).toList(), "nothing fetched but the reports");
        }
    }

    /** Per chart, the pixels in a saturated colour: the series (axes, grid and text are grey or black). */
    private static final String INKED_CHARTS = """
            new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))).then(() =>
              Array.from(document.querySelectorAll('figure.chart')).map(f => {
                const c = f.querySelector('canvas');
                if (!c) return { chart: f.dataset.chart, coloured: -1 };
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let coloured = 0;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] > 128 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) coloured++;
                }
                return { chart: f.dataset.chart + (f.dataset.index || ''), coloured: coloured };
              }))""";

    /** Clicks the first chart's PNG button and returns the link it would download. */
    private static final String CLICK_FIRST_PNG = """
            new Promise(done => {
              const click = HTMLAnchorElement.prototype.click;
              HTMLAnchorElement.prototype.click = function () { HTMLAnchorElement.prototype.click = click; done(this.href); };
              document.querySelector('figure.chart button.png').click();
            })""";
}
