package io.nexus.engine.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event-loop HTTP client against real loopback servers. */
class HttpEventKernelTest {
    /** Collects ended ops. */
    private static final class Ends implements EventKernel.Ended {
        final List<String> ends = new ArrayList<>();

        @Override
        public void ended(int lane, boolean ok) {
            ends.add(lane + (ok ? ":ok" : ":failed"));
        }

        /** Awaits until {@code n} ops ended, polling the kernel. */
        void awaitEnds(EventKernel kernel, int n) {
            while (ends.size() < n) {
                kernel.await(1_000_000, this);
            }
        }
    }

    private static HttpServer server(ExecutorService executor, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status) {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, 2);
            exchange.getResponseBody().write("ok".getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/echo");
    }

    /**
     * A server that answers only once three requests are inside it at the same time: one thread with three connections
     * gets all three answers, which a client sending one request at a time never would (it would time out).
     */
    @Test
    void oneThreadKeepsEveryConnectionsRequestInFlightAtOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(3);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        HttpServer server = server(executor, exchange -> {
            try {
                together.await(3, TimeUnit.SECONDS);
                answer(exchange, 200);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                answer(exchange, 500);
            }
        });
        HttpWorkload workload = HttpWorkload.to(url(server));
        try (EventKernel kernel = workload.newEventKernel(64, 3, 1)) {
            assertEquals(3, kernel.lanes());
            Ends ends = new Ends();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int lane = 0; lane < 3; lane++) {
                    kernel.begin(lane);
                }
                ends.awaitEnds(kernel, 3);
            });
            assertEquals(List.of("0:ok", "1:ok", "2:ok"), ends.ends.stream().sorted().toList());
            assertEquals(3L, workload.outcomeCounts().get("2xx"), "all three met inside the server: " + workload.outcomeCounts());
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** A response that closes its connection ends its op, counted by status; the lane's next op opens a new connection. */
    @Test
    void aConnectionTheServerClosesIsOpenedAgainByTheNextOp() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        HttpServer server = server(executor, exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            answer(exchange, requests.incrementAndGet() == 1 ? 503 : 200);
        });
        HttpWorkload workload = HttpWorkload.to(url(server));
        try (EventKernel kernel = workload.newEventKernel(0, 1, 1)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                kernel.execute();
                kernel.execute();
            });
            assertEquals(2, requests.get());
            assertEquals(1L, workload.outcomeCounts().get("503"));
            assertEquals(1L, workload.outcomeCounts().get("2xx"));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** A response without a length runs to the connection's end (HTTP/1.0 style): the close ends it, as an answer. */
    @Test
    void aResponseThatEndsWithItsConnectionIsAnAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofPlatform().daemon(true).start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nno length".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            HttpWorkload workload = HttpWorkload.to(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"));
            try (EventKernel kernel = workload.newEventKernel(0, 1, 1)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), kernel::execute);
            }
            answering.join();
            assertEquals(1L, workload.outcomeCounts().get("2xx"), workload.outcomeCounts().toString());
            assertEquals(0L, workload.outcomeCounts().get("error"));
        }
    }

    /** A server that accepts and never reads: the request's write cannot finish, and the op fails as a timeout. */
    @Test
    void aWriteTheServerNeverTakesEndsAsATimeoutInsteadOfHoldingItsWorker() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            URI target = URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/compute/xor");
            HttpWorkload workload = HttpWorkload.to(target);
            // a body past any socket buffer (the workload's sizes stop at 1 MiB, which loopback's buffers can hold)
            try (EventKernel kernel = new HttpEventKernel(target, 64 << 20, 1, 1, workload); Socket accepted = deaf.accept()) {
                Ends ends = new Ends();
                long start = System.nanoTime();
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    kernel.begin(0);
                    ends.awaitEnds(kernel, 1);
                }, "a write that never finishes holds its lane");
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(List.of("0:failed"), ends.ends);
                assertTrue(seconds >= HttpEventKernel.TIMEOUT_NANOS / 1e9 && seconds < HttpEventKernel.TIMEOUT_NANOS / 1e9 + 1,
                        "ended at the timeout: " + seconds + " s");
                assertEquals(1L, workload.outcomeCounts().get("timeout"));
                assertFalse(accepted.isClosed());
            }
        }
    }
}
