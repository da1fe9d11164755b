package io.nexus.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket from the JDK's HTTP client):
 * opens a page, collects its console errors, exceptions and network requests, and evaluates script in it.
 * One page per instance; not thread-safe.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Where Debian's package puts it ({@code apt-get install chromium}). */
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile and no background network, and attaches to its blank page. */
    static HeadlessChromium start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the report's browser test needs Debian's chromium (apt-get install chromium)");
        }
        Path profile = Files.createTempDirectory("nexus-chromium");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(profile.resolve("chromium.log"));
                stop(process, profile);
                throw new IllegalStateException("Chromium did not open its DevTools port: " + log);
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        try {
            return attach(process, profile, Files.readAllLines(portFile).getFirst().strip());
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop(process, profile);
            throw e;
        }
    }

    private static HeadlessChromium attach(Process process, Path profile, String port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                page = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            throw new IllegalStateException("Chromium has no page to attach to: " + targets);
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).join();
        HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
        listener.owner = chromium;
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            chromium.call(domain + ".enable", MAPPER.createObjectNode());
        }
        return chromium;
    }

    /** Navigates to {@code file} and waits for its load event. */
    void open(Path file) throws InterruptedException {
        call("Page.navigate", MAPPER.createObjectNode().put("url", file.toUri().toString()));
        awaitEvent("Page.loadEventFired");
    }

    /** @return the value of {@code expression} (a promise is awaited), as JSON */
    JsonNode evaluate(String expression) {
        JsonNode reply = call("Runtime.evaluate", MAPPER.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (reply.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** @return the page's console errors, uncaught exceptions and error log entries so far, in words */
    List<String> errors() {
        drain();
        List<String> errors = new ArrayList<>();
        for (JsonNode e : seen) {
            JsonNode p = e.path("params");
            switch (e.path("method").asText()) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if (p.path("type").asText().equals("error")) {
                        errors.add("console.error: " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                    }
                }
                default -> {
                }
            }
        }
        return errors;
    }

    /** @return every URL the page requested, the page's own included */
    List<String> requests() {
        drain();
        return seen.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
    }

    private void drain() {
        events.drainTo(seen);
    }

    private void awaitEvent(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + method + " within " + TIMEOUT_SECONDS + " s");
            }
            seen.add(e);
            if (e.path("method").asText().equals(method)) {
                return;
            }
        }
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        JsonNode answer = reply.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = MAPPER.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException("DevTools sent no JSON: " + text, e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        stop(process, profile);
    }

    /** Ends Chromium and its helper processes and deletes its profile. */
    private static void stop(Process process, Path profile) throws IOException {
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        try (var files = Files.walk(profile)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Joins a message's fragments and hands whole ones to the page's owner. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                owner.receive(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
