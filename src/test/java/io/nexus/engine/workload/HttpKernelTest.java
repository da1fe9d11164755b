package io.nexus.engine.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpKernelTest {
    /** A server that accepts and never reads: a request bigger than the socket buffers blocks its write until the watchdog ends it. */
    @Test
    void aWriteTheServerNeverTakesEndsAsATimeoutInsteadOfHoldingItsWorker() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HttpWorkload workload = HttpWorkload.to(URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/compute/xor"));
            // a body past any socket buffer (the workload's sizes stop at 1 MiB, which loopback's buffers can hold)
            Kernel kernel = new HttpKernel(URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/compute/xor"), 64 << 20, 1, workload);
            try (Socket accepted = deaf.accept()) {
                long start = System.nanoTime();
                Exception failed = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> assertThrows(Exception.class, kernel::execute),
                        "a blocked write holds its worker");
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(failed.getMessage().contains("write did not finish"), failed.getMessage());
                assertTrue(seconds >= HttpKernel.TIMEOUT_MILLIS / 1e3 && seconds < HttpKernel.TIMEOUT_MILLIS / 1e3 + 3,
                        "ended by the watchdog after the timeout: " + seconds + " s");
                assertEquals(1L, workload.outcomeCounts().get("timeout"));
                assertTrue(accepted.isConnected());
            } finally {
                kernel.close();
            }
        }
    }
}
