import io.helidon.webserver.WebServer;
import io.nexus.engine.workload.XorWorkload;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API's two hot paths on Helidon SE 4 (a virtual thread per request, blocking handlers calling the kernel directly),
 * for measure-helidon.sh: GET /metrics answers the same bytes from memory as the Netty server's cache, POST /compute/xor
 * XORs the body with a 4 KiB key on the engine's xor kernel as the API does (without its queue hand-off).
 * Usage: java -cp HELIDON:nexus.jar HelidonMetrics.java PORT BODY_FILE
 */
public final class HelidonMetrics {
    private static final byte[] KEY = new byte[4096];

    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        WebServer server = WebServer.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .routing(r -> r.get("/metrics", (req, res) -> {
                    res.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    res.send(body);
                }).post("/compute/xor", (req, res) -> {
                    byte[] in = req.content().as(byte[].class);
                    byte[] out = new byte[in.length];
                    for (int at = 0; at < in.length; at += KEY.length) {
                        long n = Math.min(KEY.length, in.length - at);
                        XorWorkload.xor(MemorySegment.ofArray(in).asSlice(at, n), MemorySegment.ofArray(KEY), MemorySegment.ofArray(out).asSlice(at, n));
                    }
                    res.header("Content-Type", "application/octet-stream");
                    res.send(out);
                }))
                .build().start();
        System.out.println("helidon listening on " + server.port());
        Thread.currentThread().join();
    }
}
