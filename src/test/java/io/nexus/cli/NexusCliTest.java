package io.nexus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.store.ResultJson;
import io.nexus.app.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NexusCliTest {
    private static final Workbench WORKBENCH = io.nexus.app.TestWorkbench.create(Path.of("profiles"));

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run nexus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NexusCli.commandLine(WORKBENCH);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aProfiledRunKeepsItsRecordingAndShowPrintsWhereTheTimeWent() throws Exception {
        Run profiled = nexus("benchmark", "--workload", "sha256", "--duration", "1", "--warmup", "0.2", "--profile-run", "--json");
        assertEquals(0, profiled.exit(), profiled.err());
        JsonNode result = new ObjectMapper().readTree(profiled.out());
        String id = result.get("id").asText();
        assertTrue(result.get("notes").toString().contains(id + ".jfr"), result.get("notes").toString());
        Run show = nexus("show", id, "--profile");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("execution samples") && show.out().contains("GC: ") && show.out().contains("allocation: "), show.out());
        assertTrue(show.out().contains("io.nexus.engine."), "the engine's methods are on the profile: " + show.out());
        assertTrue(result.get("findings").isArray(), "the advisor's findings are in the result: " + result.get("findings"));
        java.nio.file.Files.delete(java.nio.file.Path.of(result.get("notes").toString().replaceAll(".*profile: ([^ ]*\\.jfr).*", "$1")));
        Run kept = nexus("show", id, "--profile");
        assertEquals(show.out(), kept.out(), "the profile is kept in the store, not only in the recording: " + kept.err());

        Run plain = nexus("benchmark", "--workload", "xor", "--duration", "0.2", "--warmup", "0", "--json");
        Run notProfiled = nexus("show", new ObjectMapper().readTree(plain.out()).get("id").asText(), "--profile");
        assertEquals(1, notProfiled.exit());
        assertTrue(notProfiled.err().contains("was not profiled"), notProfiled.err());
    }

    @Test
    void adviseExplainsAStoredRunWithTheDiffOfItsProfileChange() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Run crowded = nexus("benchmark", "--workload", "xor", "--threads", String.valueOf(2 * cores), "--duration", "0.3", "--warmup", "0.1",
                "--json");
        assertEquals(0, crowded.exit(), crowded.err());
        JsonNode result = new ObjectMapper().readTree(crowded.out());
        assertTrue(result.get("findings").toString().contains("threads-over-cores"), result.get("findings").toString());
        Run advice = nexus("advise", result.get("id").asText().substring(0, 8));
        assertEquals(3, advice.exit(), "something found: " + advice.out() + advice.err());
        assertTrue(advice.out().contains("warning [threads-over-cores]: more workers than processors"), advice.out());
        assertTrue(advice.out().contains("profile: threads.count = " + cores), advice.out());
        assertTrue(advice.out().contains("change " + Path.of("profiles", "default.toml").toAbsolutePath().normalize())
                || advice.out().contains("change profiles/default.toml"), "the operator's profile file is the one changed: " + advice.out());
        assertTrue(advice.out().lines().anyMatch(l -> l.strip().matches("\\+ count = " + cores)), "its diff adds the count: " + advice.out());

        Run one = nexus("benchmark", "--workload", "xor", "--duration", "0.3", "--warmup", "0.1", "--json");
        Run none = nexus("advise", new ObjectMapper().readTree(one.out()).get("id").asText(), "--json");
        assertTrue(none.exit() == 0 || none.exit() == 3, none.err());
        assertFalse(none.out().contains("threads-over-cores"), "one worker fits: " + none.out());
        assertEquals(2, nexus("advise", "zz").exit(), "a bad run id is bad input");
    }

    @Test
    void runsAreStoredAndHistoryShowCompareAndExportReadThemBack() throws Exception {
        Run first = nexus("benchmark", "--workload", "xor", "--duration", "0.4", "--warmup", "0.1", "--interval", "100", "--json");
        Run second = nexus("benchmark", "--workload", "xor", "--duration", "0.4", "--warmup", "0.1", "--interval", "100", "--json");
        String a = new ObjectMapper().readTree(first.out()).get("id").asText();
        String b = new ObjectMapper().readTree(second.out()).get("id").asText();
        JsonNode history = new ObjectMapper().readTree(nexus("history", "--workload", "xor", "--json").out());
        assertEquals(b, history.get(0).get("id").asText(), "newest first");
        assertEquals(a, history.get(1).get("id").asText());

        Run show = nexus("show", a.substring(0, 8));
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().startsWith("run " + a), show.out());
        Run compare = nexus("compare", a.substring(0, 8), b.substring(0, 8));
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(compare.out().contains("base") && compare.out().contains(b.substring(0, 8)), compare.out());

        Path hlog = dir.resolve("run.hlog");
        Run exported = nexus("show", a, "--export", "hlog", "--out", hlog.toString());
        assertEquals(0, exported.exit(), exported.err());
        org.HdrHistogram.HistogramLogReader reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile());
        org.HdrHistogram.Histogram response = (org.HdrHistogram.Histogram) reader.nextIntervalHistogram();
        assertEquals("response", response.getTag());
        assertEquals(new ObjectMapper().readTree(first.out()).at("/summary/ops").asLong(), response.getTotalCount());
        String csv = nexus("show", a, "--export", "csv").out();
        assertTrue(csv.startsWith("elapsed_s,interval_s,ops,ops_per_s"), csv);
        assertTrue(csv.lines().count() >= 4, "a row per sample");

        JsonNode jmh = new ObjectMapper().readTree(nexus("show", a, "--format", "jmh").out());
        assertEquals("thrpt", jmh.get(0).path("mode").asText());
        assertEquals(new ObjectMapper().readTree(first.out()).at("/samples").size(), jmh.get(0).at("/primaryMetric/rawData/0").size());

        Path report = dir.resolve("report.html");
        Run reported = nexus("report", a.substring(0, 8), b, "--out", report.toString());
        assertEquals(0, reported.exit(), reported.err());
        assertTrue(Files.readString(report).contains(a.substring(0, 8) + " xor x1"), "the report names its runs");
        Run again = nexus("report", a, "--out", report.toString());
        assertEquals(2, again.exit(), "an existing report is not overwritten without --force");
        assertTrue(again.err().contains("exists: give --force"), again.err());
        assertEquals(0, nexus("report", a, "--out", report.toString(), "--force").exit());
        Path blocked = Files.createFile(dir.resolve("not-a-dir"));
        Run unwritable = nexus("show", a, "--export", "csv", "--out", blocked.resolve("run.csv").toString());
        assertEquals(1, unwritable.exit());
        assertEquals("nexus: " + blocked + ": is a file, not a directory", unwritable.err().strip(), "the file and the reason");

        Run missing = nexus("show", "ffffffff");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no stored run 'ffffffff'"), missing.err());
        Run down = nexus("history", "--store", "jdbc:postgresql://127.0.0.1:1/none");
        assertEquals(1, down.exit());
        assertTrue(down.err().startsWith("nexus: cannot reach the results store at PostgreSQL 127.0.0.1:1/none"), down.err());
        assertEquals(1, down.err().strip().lines().count());
    }

    @Test
    void exportWritesEveryFileOrNone() throws Exception {
        Path out = dir.resolve("bundle");
        Run ok = nexus("export", "--out", out.toString(), "--ram-gib", "64", "--cores", "16", "--db-workload", "oltp");
        assertEquals(0, ok.exit(), ok.err());
        for (String f : List.of("90-nexus.conf", "91-nexus-postgres.conf", "90-nexus-limits.conf", "nexus-engine.service.d-limits.conf",
                "nexus-tuning.conf", "nexus-tuning.sql", "pgbouncer.ini", "pgbouncer.service.d-limits.conf", "cpu.sh", "nexus-sysusers.conf",
                "nexus-engine.service", "jvm.options", "default.toml", "APPLY.md")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("docker-compose.yml")), "one deployment path: the systemd service by default");
        assertTrue(Files.readString(out.resolve("nexus-tuning.conf")).contains("PostgreSQL sized for the"), "the RAM the engine leaves");
        Run check = nexus("export", "--check", out.toString());
        assertEquals(0, check.exit(), check.err());
        Run again = nexus("export", "--out", out.toString(), "--ram-gib", "64", "--cores", "16");
        assertEquals(2, again.exit(), "an existing bundle is not overwritten silently");
        assertTrue(again.err().contains("is not empty (a bundle is there): give --force"), again.err());
        assertEquals(0, nexus("export", "--out", out.toString(), "--ram-gib", "64", "--cores", "16", "--db-workload", "oltp", "--force").exit());
        Files.writeString(out.resolve("90-nexus.conf"), Files.readString(out.resolve("90-nexus.conf"))
                .replaceAll("net.ipv4.tcp_rmem = .*", "net.ipv4.tcp_rmem = 4096 87380 1024"));
        Run broken = nexus("export", "--check", out.toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains("90-nexus.conf: net.ipv4.tcp_rmem: must be min default max"), broken.err());

        Path none = dir.resolve("none");
        Run bad = nexus("export", "--out", none.toString(), "--ram-gib", "-1", "--max-clients", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("pooler.max_client_conn") || bad.err().contains("host.ram"), bad.err());
        assertFalse(Files.exists(none), "nothing written");
        Run pool = nexus("export", "--out", none.toString(), "--max-connections", "20", "--pool-size", "25", "--target", "pgbouncer");
        assertEquals(2, pool.exit());
        assertTrue(pool.err().contains("pooler.default_pool_size: pool 25 + reserve 5 exceeds the 15 connections"), pool.err());
        assertFalse(Files.exists(none));
        Run both = nexus("export", "--out", none.toString(), "--target", "numa,compose");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("target: numa (the systemd service) and compose (the container)"), both.err());
        Run notABundle = nexus("export", "--check", none.toString());
        assertEquals(2, notABundle.exit(), "a missing directory is not a valid bundle");
        assertTrue(notABundle.err().contains("does not exist"), notABundle.err());
    }

    @Test
    void noCommandPrintsUsage() {
        Run r = nexus();
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("benchmark") && r.out().contains("sweep") && r.out().contains("stress"));
    }

    @Test
    void benchmarkJsonHasThroughputPercentilesEnvironmentAndADecodableHistogram() throws Exception {
        Run r = nexus("benchmark", "--workload", "sha256", "--duration", "0.5", "--warmup", "0.2", "--interval", "100", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("COMPLETED", json.get("status").asText());
        assertEquals(1, json.at("/spec/threads").asInt(), "the guide's single-thread baseline by default");
        assertTrue(json.at("/summary/opsPerSecond").asDouble() > 0);
        long p99 = json.at("/latencyNanos/response/p99").asLong();
        assertTrue(p99 > 0 && p99 <= json.at("/latencyNanos/response/max").asLong());
        assertFalse(json.at("/environment/cpuModel").asText().isBlank());
        assertTrue(json.at("/environment/cores").asInt() >= 1);
        assertTrue(json.get("samples").size() >= 4);
        Histogram h = ResultJson.decode(json.at("/histograms/response").asText());
        assertEquals(json.at("/summary/ops").asLong(), h.getTotalCount());
        assertEquals(p99, h.getValueAtPercentile(99), "percentiles recompute exactly from the stored histogram");
    }

    @Test
    void zeroThreadsIsRefusedWithOneLineNamingTheOption() {
        Run r = nexus("benchmark", "--threads", "0");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--threads: must be in [1, 4096], got 0"), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void aSweepOverServerThreadsStartsTheOwnApiWithEachCountAndKeepsTheConnections() throws Exception {
        Run sweep = nexus("sweep", "--workload", "http", "--vary", "server-threads", "--threads", "1,2", "--connections-per-point", "3",
                "--duration", "0.3", "--warmup", "0.1", "--no-save", "--json");
        assertEquals(0, sweep.exit(), sweep.err());
        JsonNode points = new ObjectMapper().readTree(sweep.out()).get("points");
        for (int i = 0; i < 2; i++) {
            JsonNode result = points.get(i).get("result");
            assertEquals(i + 1, points.get(i).get("threads").asInt());
            assertEquals(3, result.at("/spec/threads").asInt(), "the connections stay");
            assertTrue(result.get("notes").toString().contains("in this process, " + (i + 1) + " engine workers"), result.get("notes").toString());
        }
        Run refused = nexus("sweep", "--workload", "xor", "--vary", "server-threads", "--threads", "1,2");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--vary: server threads are the engine's own API's"), refused.err());
        assertEquals(2, nexus("sweep", "--vary", "clients").exit(), "an unknown axis is bad input");
    }

    @Test
    void aProfileWithABadCapacityIsRefusedNamingTheField() throws Exception {
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "[queue]\ncapacity = 1000\n");
        Run r = nexus("benchmark", "--profile", bad.toString(), "--duration", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("queue.capacity: must be a power of two"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void unknownOptionsAndBadNumbersAreOneLineToo() {
        Run unknown = nexus("benchmark", "--thread", "2");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--thread") && unknown.err().contains("(see 'nexus benchmark --help')"), unknown.err());
        Run command = nexus("benhcmark");
        assertEquals(2, command.exit());
        assertTrue(command.err().strip().endsWith("(see 'nexus --help')"), command.err());
        Run notANumber = nexus("stress", "--duration", "soon");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("'soon' is not a number of seconds"), notANumber.err());
        Run size = nexus("benchmark", "--workload", "matrix", "--size", "4096");
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("--size: matrix size must be in [16, 2048]"), size.err());
    }

    @Test
    void sweepPrintsSpeedupAndEfficiencyPerThreadCount() {
        Run r = nexus("sweep", "--workload", "xor", "--threads", "1,2", "--duration", "0.3", "--warmup", "0.1", "--interval", "100");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("speedup") && r.out().contains("efficiency"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("1 ") && l.contains("1.00x") && l.contains("100.0%")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("2 ")), r.out());
        assertTrue(r.out().contains("fewer than 4 thread counts (2): no model fitted"), "two points say why there is no USL model: " + r.out());
        Run four = nexus("sweep", "--workload", "xor", "--threads", "1,2,3,4", "--duration", "0.2", "--warmup", "0.1", "--interval", "100", "--json");
        assertEquals(0, four.exit(), four.err());
        assertTrue(four.out().contains("\"model\"") && four.out().contains("\"law\" : \"usl\"") && four.out().contains("\"sigma\""), four.out());
        Run sweeps = nexus("history", "--sweeps");
        assertEquals(0, sweeps.exit(), sweeps.err());
        assertTrue(sweeps.out().contains("4 threads: ") && sweeps.out().contains("USL: lambda"), "the sweep is kept as one: " + sweeps.out());
    }

    @Test
    void constantRateStressPrintsAchievedAgainstTarget() {
        Run r = nexus("stress", "--rate", "2000", "--threads", "1", "--duration", "0.5", "--warmup", "0", "--interval", "100");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("target 2.0k ops/s, achieved"), r.out());
    }

    @Test
    void stressCsvHasAHeaderAndOneRow() {
        Run r = nexus("stress", "--threads", "2", "--duration", "5", "--ops-per-thread", "20000", "--warmup", "0", "--csv");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("workload,size,mode,threads"));
        assertTrue(lines[1].startsWith("xor,64,stress,2,"), lines[1]);
        assertTrue(lines[1].contains(",40000,"), "2 threads x 20000 ops: " + lines[1]);
    }
}
