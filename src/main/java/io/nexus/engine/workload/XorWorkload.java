package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;

/**
 * Binary XOR: {@code dst = a ^ b} over three buffers of {@code size} bytes (64 B to 64 MiB), laid out in one
 * off-heap block taken from the worker's pool (so first touched on the worker's NUMA node): {@code a} at 0,
 * {@code b} at {@link #stride(int)}, {@code dst} at twice that. Runs on the Vector API ({@link VectorXor})
 * when the JVM has it (the bytes past the last whole vector on the word loop), otherwise on the word loop.
 */
public final class XorWorkload extends SizedWorkload {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    public XorWorkload() {
        super("xor", "dst = a XOR b over byte buffers", "bytes", 64, 64 << 20, 64);
    }

    /** @return bytes from one buffer's start to the next's in the kernel's block: {@code size} rounded up to a cache line */
    static long stride(int size) {
        return FixedBlockPool.alignUp(size);
    }

    @Override
    public int blocksNeeded(int size) {
        return 1;
    }

    @Override
    public long blockBytes(int size) {
        return 3 * stride(size);
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
        long stride = stride(size);
        MemorySegment block = memory.blockBytes() < blockBytes(size) ? null : memory.allocate();
        if (block == null) {
            throw new IllegalStateException("worker pool too small for xor of " + size + " bytes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < size; i++) {
            block.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
            block.set(ValueLayout.JAVA_BYTE, stride + i, (byte) random.nextInt());
        }
        MemorySegment buffers = block.asSlice(0, 3 * stride);
        long vectorBytes = MatrixMultiply.vectorApiAvailable() ? size - size % VectorXor.vectorBytes() : 0;
        // the bytes the word loop does: all of them without the Vector API, else those past the last whole vector
        MemorySegment a = buffers.asSlice(vectorBytes, size - vectorBytes);
        MemorySegment b = buffers.asSlice(stride + vectorBytes, size - vectorBytes);
        MemorySegment dst = buffers.asSlice(2 * stride + vectorBytes, size - vectorBytes);
        if (vectorBytes == size) {
            return new XorKernel(memory, block) {
                @Override
                void xorOnce() {
                    VectorXor.xorVectors(buffers, stride, vectorBytes);
                }
            };
        }
        if (vectorBytes > 0) {
            return new XorKernel(memory, block) {
                @Override
                void xorOnce() {
                    VectorXor.xorVectors(buffers, stride, vectorBytes);
                    xor(a, b, dst);
                }
            };
        }
        return new XorKernel(memory, block) {
            @Override
            void xorOnce() {
                xor(a, b, dst);
            }
        };
    }

    /** One worker's xor kernel: each op behind a compiler barrier; gives its block back to the pool on close. */
    private abstract static class XorKernel implements Kernel {
        private final FixedBlockPool memory;
        private final MemorySegment block;

        XorKernel(FixedBlockPool memory, MemorySegment block) {
            this.memory = memory;
            this.block = block;
        }

        /**
         * One op. The acquire fence is a compiler barrier (no instruction on x86), as C's {@code asm volatile("" :::
         * "memory")}: without it C2, inlining the kernel into the engine's loop, sees each op xor the same bytes and keeps
         * the loads out of the loop (measured: 2.77G ops/s, 532 GB/s, past what the L1 cache can move; 639M with it).
         */
        @Override
        public final void execute() {
            VarHandle.acquireFence();
            xorOnce();
        }

        abstract void xorOnce();

        @Override
        public final void close() {
            memory.release(block);
        }
    }

    /**
     * {@code dst[i] = a[i] ^ b[i]} for every byte of {@code dst}, eight bytes at a time: the kernel without the
     * Vector API, the bytes past its last whole vector with it, and the API's xor. {@code a} and {@code b} must be at
     * least as long as {@code dst}.
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
