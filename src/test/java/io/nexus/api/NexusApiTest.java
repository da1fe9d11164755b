package io.nexus.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.profile.ProfileFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The API as a client sees it: a real server on a loopback port, called over HTTP/1.1 with the JDK's client. Every call
 * has a timeout, so a hang fails the test instead of stalling the build.
 */
class NexusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final List<NexusApi> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(NexusApi::close);
        client.close();
    }

    private NexusApi serve(String toml) throws Exception {
        NexusApi api = NexusApi.start(ProfileFiles.parse("test", toml), 2);
        started.add(api);
        return api;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(NexusApi api, String path, String accept) throws Exception {
        return send(HttpRequest.newBuilder(api.uri(path)).header("Accept", accept).GET());
    }

    private HttpResponse<byte[]> post(NexusApi api, String path, String type, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** @return the problem's detail, after checking the response is RFC 9457 problem details with {@code status} */
    private static String problem(HttpResponse<byte[]> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), new String(response.body()));
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = json(response);
        assertEquals(status, p.get("status").intValue());
        assertEquals("about:blank", p.get("type").textValue());
        assertTrue(p.get("title").textValue().length() > 3 && p.get("detail").textValue().length() > 10, p.toString());
        return p.get("detail").textValue();
    }

    @Test
    void computeEndpointsAnswerWithTheKernelsResults() throws Exception {
        NexusApi api = serve("[api]\nport = 0\n");
        assertEquals("UP", json(get(api, "/health", "*/*")).get("status").textValue());
        assertEquals("READY", json(get(api, "/ready", "*/*")).get("status").textValue());

        byte[] input = new byte[100];
        new SplittableRandom(7).nextBytes(input);
        HttpResponse<byte[]> xor = post(api, "/compute/xor", "application/octet-stream", input);
        assertEquals(200, xor.statusCode());
        assertEquals(input.length, xor.body().length);
        assertNotEquals(HexFormat.of().formatHex(input), HexFormat.of().formatHex(xor.body()));
        assertArrayEquals(input, post(api, "/compute/xor", "application/octet-stream", xor.body()).body(), "XOR with the key twice is the input");
        JsonNode viaJson = json(post(api, "/compute/xor", "application/json",
                ("{\"data\":\"" + Base64.getEncoder().encodeToString(input) + "\"}").getBytes()));
        assertArrayEquals(xor.body(), Base64.getDecoder().decode(viaJson.get("result").textValue()), "the same result as JSON");

        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        assertEquals(digest, json(post(api, "/compute/sha256", "application/octet-stream", input)).get("sha256").textValue());
    }

    @Test
    void aMatrixJobIsAcceptedThenPolledToItsResult() throws Exception {
        NexusApi api = serve("[api]\nport = 0\n");
        HttpResponse<byte[]> accepted = post(api, "/compute/matrix", "application/json", "{\"n\": 16, \"seed\": 3}".getBytes());
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/jobs/"), location);
        JsonNode job = json(get(api, location, "application/json"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!job.get("status").textValue().equals("done")) {
            assertTrue(System.nanoTime() < deadline && !job.get("status").textValue().equals("failed"), job.toString());
            Thread.onSpinWait();
            job = json(get(api, location, "application/json"));
        }
        assertEquals(trace(16, 3), job.get("result").get("trace").doubleValue(), 1e-9, "the trace of the seeded product");
        problem(get(api, "/jobs/no-such-job", "*/*"), 404);
    }

    /** The trace of A x B for the seeded matrices, by the schoolbook loop. */
    private static double trace(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = random.doubles((long) n * n, -1, 1).toArray();
        double[] b = random.doubles((long) n * n, -1, 1).toArray();
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                trace += a[i * n + k] * b[k * n + i];
            }
        }
        return trace;
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndRateLimitHeadersPerEndpoint() throws Exception {
        NexusApi api = serve("[api]\nport = 0\nbinary_per_minute = 3\n");
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> ok = post(api, "/compute/xor", "application/octet-stream", new byte[64]);
            assertEquals(200, ok.statusCode());
            assertEquals("3", ok.headers().firstValue("RateLimit-Limit").orElse(""));
            assertEquals(Integer.toString(2 - i), ok.headers().firstValue("RateLimit-Remaining").orElse(""));
        }
        HttpResponse<byte[]> limited = post(api, "/compute/xor", "application/octet-stream", new byte[64]);
        assertTrue(problem(limited, 429).contains("3 requests per minute"));
        long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 20, "a token comes back every 20 s: " + retry);
        assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElse(""));
        assertEquals(200, post(api, "/compute/sha256", "application/octet-stream", new byte[64]).statusCode(), "each endpoint has its own bucket");
    }

    @Test
    void badRequestsGetProblemDetailsAndTheConnectionServesOn() throws Exception {
        NexusApi api = serve("[api]\nport = 0\nmax_body_bytes = 64\nmax_matrix_order = 32\n");
        assertTrue(problem(post(api, "/compute/xor", "application/octet-stream", new byte[65]), 413).contains("64 bytes"));
        assertTrue(problem(post(api, "/compute/sha256", "application/json", "{\"data\": 12".getBytes()), 400).contains("not valid JSON"));
        assertTrue(problem(post(api, "/compute/sha256", "application/json", "{\"data\": \"!!\"}".getBytes()), 400).contains("base64"));
        assertTrue(problem(post(api, "/compute/xor", "application/octet-stream", new byte[0]), 400).contains("empty"));
        assertTrue(problem(post(api, "/compute/matrix", "application/json", "{\"n\": 33}".getBytes()), 400).contains("[1, 32]"));
        assertTrue(problem(get(api, "/compute/nothing", "*/*"), 404).contains("/compute/xor"));
        HttpResponse<byte[]> wrongMethod = get(api, "/compute/xor", "*/*");
        problem(wrongMethod, 405);
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals(200, post(api, "/compute/xor", "application/octet-stream", new byte[64]).statusCode(), "still serving");
    }

    @Test
    void fullQueuesAndAFullJobStoreAnswer503AndReadinessFollows() throws Exception {
        NexusApi api = serve("[threads]\ncount = 1\n[api]\nport = 0\nqueue_capacity = 2\nmax_matrix_order = 2048\njob_capacity = 1000\n");
        int busy = 0;
        for (int i = 0; i < 12 && busy == 0; i++) {
            HttpResponse<byte[]> r = post(api, "/compute/matrix", "application/json", "{\"n\": 1024}".getBytes());
            if (r.statusCode() == 503) {
                assertTrue(problem(r, 503).contains("queues are full"));
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                busy++;
            } else {
                assertEquals(202, r.statusCode());
            }
        }
        assertEquals(1, busy, "one worker with 2 queue slots takes 3 multiplies of 1024 (each tens of ms) before refusing");
        assertTrue(problem(get(api, "/ready", "*/*"), 503).contains("90 %"), "not ready while the queues are full");

        NexusApi small = serve("[api]\nport = 0\njob_capacity = 1\njob_ttl_s = 600\n");
        assertEquals(202, post(small, "/compute/matrix", "application/json", "{\"n\": 8}".getBytes()).statusCode());
        HttpResponse<byte[]> full = post(small, "/compute/matrix", "application/json", "{\"n\": 8}".getBytes());
        assertTrue(problem(full, 503).contains("job store is full"));
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void metricsAreServedFromTheCacheWithinItsTtlAndRenewedAfter() throws Exception {
        NexusApi api = serve("[api]\nport = 0\ncache_ttl_ms = 300\n");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, post(api, "/compute/sha256", "application/octet-stream", new byte[64]).statusCode());
        }
        long before = System.nanoTime();
        HttpResponse<byte[]> first = get(api, "/metrics", "application/json");
        HttpResponse<byte[]> second = get(api, "/metrics", "application/json");
        if (System.nanoTime() - before < 250_000_000L) {
            assertArrayEquals(first.body(), second.body(), "within the TTL the same value");
        }
        assertEquals("application/json", first.headers().firstValue("Content-Type").orElse(""));
        JsonNode m = json(first);
        for (String key : List.of("throughput_per_second", "latency_p50_ns", "latency_p99_ns", "latency_p999_ns", "error_rate",
                "queue_depth", "cpu_usage", "heap_used_bytes")) {
            assertTrue(m.has(key), key + " in " + m);
        }
        String computed = m.get("computed_at").textValue();
        long completed = m.get("completed").longValue();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (completed < 20) {
            assertTrue(System.nanoTime() < deadline, "every request is counted in some period: " + completed);
            JsonNode next = json(get(api, "/metrics", "application/json"));
            if (!next.get("computed_at").textValue().equals(computed)) {
                computed = next.get("computed_at").textValue();
                completed += next.get("completed").longValue();
            }
            Thread.onSpinWait();
        }
        assertEquals(20, completed, "and none twice");
        String text = new String(get(api, "/metrics", "text/plain").body());
        assertTrue(text.contains("# TYPE nexus_response_seconds summary") && text.contains("nexus_response_seconds{quantile=\"0.99\"}")
                && text.contains("nexus_queue_depth 0"), text);
    }

    /** Requests sent back to back on one connection: every one answered, in order, a bad one included. */
    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenOneIsBadOrTooLarge() throws Exception {
        NexusApi api = serve("[api]\nport = 0\nmax_body_bytes = 64\n");
        String post = "POST /compute/sha256 HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 64\r\n\r\n"
                + "x".repeat(64);
        String tooLarge = "POST /compute/xor HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + "y".repeat(100);
        List<String> statuses = pipeline(api, post + "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n" + post + tooLarge + post);
        assertEquals(List.of("200", "400", "200", "413"), statuses, "the 413 closes the connection: what follows is not read");
    }

    /** @return the status codes of the responses read until the server closes the connection or goes quiet for 10 s */
    private static List<String> pipeline(NexusApi api, String requests) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(api.address().getAddress(), api.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    read.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // the connection stayed open: all that came is in
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(read.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            List<String> statuses = new ArrayList<>();
            while (m.find()) {
                statuses.add(m.group(1));
            }
            return statuses;
        }
    }

    @Test
    void onlyLoopbackUnlessAllowedAndAPortInUseIsNamed() throws Exception {
        NexusApi api = serve("[api]\nport = 0\n");
        try {
            serve("[api]\nport = " + api.address().getPort() + "\n");
            fail("two servers on one port");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage().contains("api.port") && e.getMessage().contains(Integer.toString(api.address().getPort())), e.getMessage());
        }
        assertTrue(api.address().getAddress().isLoopbackAddress());
        assertEquals(URI.create("http://127.0.0.1:" + api.address().getPort() + "/x"), api.uri("/x"));
    }
}
