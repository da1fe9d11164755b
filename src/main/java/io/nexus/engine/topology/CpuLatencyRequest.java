package io.nexus.engine.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A request to the kernel's PM QoS that no CPU enters an idle state whose wake-up takes longer than a
 * bound, made the way tuned's {@code force_latency} makes it: {@code /dev/cpu_dma_latency} held open with the
 * bound written as a 32-bit integer. The request holds until {@link #close()} (or the process ends), and
 * needs no reboot, unlike the {@code max_cstate} kernel parameters. Not thread-safe; close it once.
 */
public final class CpuLatencyRequest implements AutoCloseable {
    /** The kernel's PM QoS device for CPU wake-up latency. */
    public static final Path DEVICE = Path.of("/dev/cpu_dma_latency");

    private final FileChannel channel;
    private final int microseconds;

    private CpuLatencyRequest(FileChannel channel, int microseconds) {
        this.channel = channel;
        this.microseconds = microseconds;
    }

    /**
     * @param device       {@link #DEVICE}, or a file standing in for it
     * @param microseconds the longest wake-up latency allowed, at least 0 (0: stay in C0/C1)
     * @throws IOException if the device cannot be opened or written (it needs root, or a udev rule granting the user)
     */
    public static CpuLatencyRequest hold(Path device, int microseconds) throws IOException {
        if (microseconds < 0) {
            throw new IllegalArgumentException("latency must be at least 0 µs, got " + microseconds);
        }
        FileChannel channel = FileChannel.open(device, StandardOpenOption.WRITE);
        try {
            ByteBuffer value = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(microseconds).flip();
            while (value.hasRemaining()) {
                channel.write(value);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new CpuLatencyRequest(channel, microseconds);
    }

    /** @return the bound asked for, in µs */
    public int microseconds() {
        return microseconds;
    }

    /** Withdraws the request (should closing fail, the kernel withdraws it when the process ends). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException endsWithTheProcess) {
            // the descriptor is released at exit at the latest, and the request with it
        }
    }
}
