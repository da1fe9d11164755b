package io.nexus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The packaged command line, run as a user runs it: {@code java -jar target/nexus.jar ...}. */
class JarLauncherIT {
    private static final Path JAR = Path.of("target", "nexus.jar");
    /** The processes' config home: where the presets are installed as the user's profiles. */
    private static final Path CONFIG = Path.of("target", "it-config");

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    private static Result runWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "package builds " + JAR);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_DATA_HOME", Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath().toString());
        builder.environment().put("XDG_CONFIG_HOME", CONFIG.toAbsolutePath().toString());
        Process p = builder.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xor", "matrix", "sha256"})
    void benchmarkPrintsAJsonResultWithThroughputPercentilesAndEnvironment(String workload) throws Exception {
        Result r = run("benchmark", "--workload", workload, "--threads", "1", "--duration", "1", "--warmup", "0.3", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "nothing on standard error: no JVM warnings, no progress line when piped");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.at("/summary/opsPerSecond").asDouble() > 0);
        assertTrue(json.at("/latencyNanos/response/p99").asLong() > 0);
        assertTrue(json.at("/latencyNanos/response/p999").asLong() >= json.at("/latencyNanos/response/p99").asLong());
        assertFalse(json.at("/environment/jvm").asText().isBlank());
        if (workload.equals("matrix")) {
            assertTrue(json.at("/summary/gflops").asDouble() > 0);
        }
    }

    /** The full stack from the command line: the engine's own API started for the run, loaded over 2 connections. */
    @Test
    void benchmarkOfTheHttpWorkloadLoadsTheEnginesOwnApi() throws Exception {
        Result r = run("benchmark", "--workload", "http", "--connections", "2", "--duration", "1", "--warmup", "0.3", "--json", "--no-save");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.at("/summary/opsPerSecond").asDouble() > 100, r.out());
        assertEquals(0, json.at("/summary/errors").asLong(), r.out());
        String notes = json.at("/notes").toString();
        assertTrue(notes.contains("target: http://127.0.0.1:") && notes.contains("/compute/xor") && notes.contains("outcomes: 2xx "), notes);
        assertFalse(notes.contains("not 2xx"), notes);
        long ok = 0;
        for (JsonNode sample : json.at("/samples")) {
            ok += sample.at("/outcomes/2xx").asLong();
        }
        assertTrue(ok > 0, "every sample counts its responses by status: " + json.at("/samples"));
    }

    /** {@code nexus serve} runs until SIGTERM, answering on the port it prints, and stops cleanly. */
    @Test
    void serveAnswersUntilSigterm() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--port", "0");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertTrue(first != null && first.startsWith("nexus serve: listening on http://127.0.0.1:"), first);
            String base = first.replaceAll(".*listening on (http://[0-9.:]+).*", "$1");
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                var health = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health"))
                        .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("UP"), health.body());
            }
            p.toHandle().destroy(); // SIGTERM, leaving our end of its output open (Process.destroy closes it)
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the server");
            assertEquals("nexus serve: stopped", lines.readLine());
        } finally {
            p.destroyForcibly();
        }
    }

    /** {@code java -jar} has no way to add the Vector API: the jar relaunches itself with it, silently. */
    @ParameterizedTest
    @ValueSource(strings = {"xor", "matrix"})
    void javaDashJarRunsTheVectorApiKernels(String workload) throws Exception {
        Result r = run("benchmark", "--workload", workload, "--size", "64", "--duration", "0.3", "--warmup", "0", "--json", "--no-save");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "the child's incubator warning is not passed on");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.at("/environment/vectorApi").asBoolean(), r.out());
        assertTrue(json.at("/notes").toString().contains("kernel: " + (workload.equals("xor") ? "xor " : "") + "Vector API"),
                json.at("/notes").toString());
        assertTrue(json.at("/environment/jvmArgs").toString().contains("jdk.incubator.vector"));
    }

    @Test
    void repeatRunsFreshJvmsAndReportsTheMedianAndSpread() throws Exception {
        Result r = run("benchmark", "--duration", "0.3", "--warmup", "0", "--repeat", "2", "--json", "--no-save");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "the children's incubator warnings are not passed on either");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.at("/repeats").asInt());
        assertEquals(2, json.at("/results").size());
        double median = json.at("/medianOpsPerSecond").asDouble();
        assertTrue(median >= json.at("/minOpsPerSecond").asDouble() && median <= json.at("/maxOpsPerSecond").asDouble());
        assertTrue(json.at("/unstable").isBoolean());
    }

    @Test
    void twoProcessesShareTheDefaultH2StoreAtOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> run("benchmark", "--duration", "1", "--warmup", "0.2", "--csv"));
            var second = pool.submit(() -> run("benchmark", "--workload", "sha256", "--duration", "1", "--warmup", "0.2", "--csv"));
            assertEquals(0, first.get().exit(), first.get().err());
            assertEquals(0, second.get().exit(), second.get().err());
        } finally {
            pool.shutdown();
        }
        Result history = run("history", "--limit", "1000", "--json");
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().contains("\"sha256\"") && history.out().contains("\"xor\""), history.out());
    }

    /** The CI gate as a CI system runs it: equal runs pass, a planted 20 % throughput regression exits 3 with its reports. */
    @Test
    void compareFailIfExitsThreeOnARegressionAndWritesItsReports() throws Exception {
        String base = rateRun(20_000);
        String slower = rateRun(16_000);
        Path reports = Files.createDirectories(Path.of("target", "it-data", "gate"));
        // Against itself, not a second run of the same settings: the intervals are within-run, and two such runs on a
        // noisy machine differed in p99 beyond them (12.2 against 17.6 µs at 20k ops/s, [+17.9 %, +72.0 %]).
        Result equal = run("compare", base, base, "--fail-if", "worse-than=5%");
        assertEquals(0, equal.exit(), equal.out() + equal.err());
        assertTrue(equal.out().contains("OK: nothing worse than 5.0 %"), equal.out());
        Result regressed = run("compare", base, slower, "--fail-if", "worse-than=5%", "--junit", reports.resolve("gate.xml").toString(),
                "--markdown", reports.resolve("gate.md").toString());
        assertEquals(3, regressed.exit(), regressed.out() + regressed.err());
        assertTrue(regressed.out().contains("REGRESSION") && regressed.out().contains("ops/s -20."), regressed.out());
        String junit = Files.readString(reports.resolve("gate.xml"));
        // the ops/s regression is failed; p99 may be too (two runs' p99s differ beyond their within-run intervals, see above)
        long failed = junit.lines().filter(line -> line.contains("<failure ")).count();
        assertTrue(junit.contains("failures=\"" + failed + "\"") && junit.contains("<failure message=\"ops/s -20."), junit);
        assertTrue(Files.readString(reports.resolve("gate.md")).contains("| ops/s |"));
    }

    /**
     * @return the threads named nexus-worker-N of the process and its children (java -jar relaunches itself with the Vector
     *     API module), by their names as the kernel keeps them (comm)
     */
    private static long workers(Process process) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .mapToLong(h -> workers(Path.of("/proc", Long.toString(h.pid()), "task"))).sum();
    }

    private static long workers(Path tasks) {
        try (java.util.stream.Stream<Path> list = Files.list(tasks)) {
            return list.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).startsWith("nexus-worker");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * @return the id of a stored 4 s constant-rate xor run at {@code rate} ops/s, sampled every 100 ms: 40 intervals, so a
     *     stall of tens of ms on this shared machine (seen: 65 ms) does not widen the interval past the planted change
     */
    private static String rateRun(int rate) throws Exception {
        Result r = run("stress", "--workload", "xor", "--threads", "1", "--rate", Integer.toString(rate), "--duration", "4", "--warmup", "0.3",
                "--interval", "100", "--json");
        assertEquals(0, r.exit(), r.err());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\" : \"([0-9a-f-]{36})\"").matcher(r.out());
        assertTrue(id.find(), r.out());
        return id.group(1);
    }

    /** Run from anywhere (the packaged app has no profiles/ beside it): the presets come from inside the jar, named by --profile. */
    @Test
    void presetsAreInstalledForTheUserAndNamedByProfile() throws Exception {
        Result r = run("benchmark", "--profile", "latency", "--duration", "0.3", "--warmup", "0.1", "--no-save", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"profile\" : \"latency\""), r.out());
        for (String preset : io.nexus.profile.ProfilePresets.NAMES) {
            assertTrue(Files.isRegularFile(CONFIG.resolve("nexus-workbench/profiles/" + preset + ".toml")), preset + " installed");
        }
        Result unknown = run("benchmark", "--profile", "fastest", "--duration", "0.3");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no profile named 'fastest'"), unknown.err());
    }

    /** Workers whose queues cannot fit the heap are refused before any starts, with what would fit (it died of OutOfMemoryError). */
    @Test
    void workersThatCannotFitTheHeapAreRefusedWithWhatWouldFit() throws Exception {
        Result r = runWith(List.of("-Xmx256m"), "stress", "--threads", "100", "--mode", "queued", "--duration", "1", "--no-save");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--threads: 100 workers need") && r.err().contains("of which 8.0 MiB is the queue")
                && r.err().contains("use at most"), r.err());
        assertFalse(r.err().contains("OutOfMemoryError"), r.err());
    }

    /** SIGTERM ends a busy, oversubscribed run within seconds, with what it measured printed. */
    @Test
    void sigtermEndsARunWithinSeconds() throws Exception {
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "benchmark", "--profile", "latency", "--threads", Integer.toString(threads), "--duration", "60", "--warmup", "0.2", "--no-save");
        builder.environment().put("XDG_CONFIG_HOME", CONFIG.toAbsolutePath().toString());
        Path log = Files.createDirectories(Path.of("target", "it-data")).resolve("sigterm.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workers(p) < threads && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the workers are running
        }
        assertEquals(threads, workers(p), "the workers started");
        long term = System.nanoTime();
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "still running 15 s after SIGTERM");
        double seconds = (System.nanoTime() - term) / 1e9;
        String text = Files.readString(log);
        assertTrue(seconds < 15, seconds + " s");
        assertTrue(text.contains("cancelled after"), "what was measured is printed: " + text);
    }

    @Test
    void zeroThreadsFailsWithOneClearLineAndNoStackTrace() throws Exception {
        Result r = run("benchmark", "--threads", "0");
        assertEquals(2, r.exit());
        assertEquals("nexus: --threads: must be in [1, 4096], got 0", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: nexus"), r.out());
    }

    @Test
    void noDisplayIsOneLineNotAStackTrace() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.redirectErrorStream(true);
        Process p = builder.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), said);
        assertTrue(said.startsWith("nexus: no display to open the window on"), said);
        assertEquals(1, said.strip().lines().count(), said);
    }

    @Test
    void noCommandOpensTheWorkbenchWindow() throws Exception {
        Result r = runWith(List.of("-Dglass.platform=Headless", "-Dprism.order=sw"), "--exit-after=1500");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Nexus Workbench window shown"), r.err());
    }
}
