package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * Binary XOR: {@code dst = a ^ b} over three off-heap buffers of {@code size} bytes (64 B to 64 MiB)
 * taken from the worker's pool, so they are first touched on the worker's NUMA node. Runs on the Vector
 * API ({@link VectorXor}) when the JVM has it, otherwise on a word loop.
 */
public final class XorWorkload extends SizedWorkload {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    public XorWorkload() {
        super("xor", "dst = a XOR b over byte buffers", "bytes", 64, 64 << 20, 64);
    }

    @Override
    public int blocksNeeded(int size) {
        return 3;
    }

    @Override
    public long blockBytes(int size) {
        return size;
    }

    @Override
    public long bytesPerOp(int size) {
        return 3L * size;
    }

    @Override
    public String implementation() {
        return MatrixMultiply.vectorApiAvailable() ? "Vector API " + VectorXor.width() + " kernel" : "word-loop kernel";
    }

    @Override
    public Kernel newKernel(int size, FixedBlockPool memory, long seed) {
        MemorySegment a = memory.allocate();
        MemorySegment b = memory.allocate();
        MemorySegment dst = memory.allocate();
        if (a == null || b == null || dst == null || memory.blockBytes() < size) {
            throw new IllegalStateException("worker pool too small for xor of " + size + " bytes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < size; i++) {
            a.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
            b.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
        }
        MemorySegment sa = a.asSlice(0, size);
        MemorySegment sb = b.asSlice(0, size);
        MemorySegment sd = dst.asSlice(0, size);
        boolean vector = MatrixMultiply.vectorApiAvailable();
        return new Kernel() {
            @Override
            public void execute() {
                if (vector) {
                    VectorXor.xor(sa, sb, sd);
                } else {
                    xor(sa, sb, sd);
                }
            }

            @Override
            public void close() {
                memory.release(dst);
                memory.release(b);
                memory.release(a);
            }
        };
    }

    /**
     * {@code dst[i] = a[i] ^ b[i]} for every byte of {@code dst}, eight bytes at a time: the fallback
     * without the Vector API. {@code a} and {@code b} must be at least as long as {@code dst}.
     */
    public static void xor(MemorySegment a, MemorySegment b, MemorySegment dst) {
        long n = dst.byteSize();
        long words = n & ~7L;
        for (long i = 0; i < words; i += 8) {
            dst.set(WORD, i, a.get(WORD, i) ^ b.get(WORD, i));
        }
        for (long i = words; i < n; i++) {
            dst.set(ValueLayout.JAVA_BYTE, i, (byte) (a.get(ValueLayout.JAVA_BYTE, i) ^ b.get(ValueLayout.JAVA_BYTE, i)));
        }
    }
}
