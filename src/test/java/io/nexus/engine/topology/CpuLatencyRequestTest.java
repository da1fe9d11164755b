package io.nexus.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PM QoS request as the kernel reads it: /dev/cpu_dma_latency's aggregate value follows the held request. */
class CpuLatencyRequestTest {
    @TempDir
    Path dir;

    private static int read(Path device) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(device)).order(ByteOrder.nativeOrder()).getInt();
    }

    @Test
    void writesTheBoundAsOneNativeInteger() throws Exception {
        Path file = Files.createFile(dir.resolve("cpu_dma_latency"));
        try (CpuLatencyRequest r = CpuLatencyRequest.hold(file, 7)) {
            assertEquals(7, r.microseconds());
            assertEquals(4, Files.size(file));
            assertEquals(7, read(file));
        }
    }

    /** On the real device (root here and in CI): the kernel's target drops to the request while held and returns after. */
    @Test
    void theKernelsTargetFollowsTheRequestWhileItIsHeld() throws Exception {
        assumeTrue(Files.isWritable(CpuLatencyRequest.DEVICE), "needs write access to " + CpuLatencyRequest.DEVICE);
        int before = read(CpuLatencyRequest.DEVICE);
        assumeTrue(before > 3, "another process already holds a request of " + before + " µs");
        try (CpuLatencyRequest _ = CpuLatencyRequest.hold(CpuLatencyRequest.DEVICE, 3)) {
            assertEquals(3, read(CpuLatencyRequest.DEVICE));
        }
        assertEquals(before, read(CpuLatencyRequest.DEVICE), "released on close");
    }
}
