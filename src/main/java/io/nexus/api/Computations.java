package io.nexus.api;

import io.nexus.engine.workload.MatrixMultiply;
import io.nexus.engine.workload.XorWorkload;

import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * What the compute endpoints compute, on the engine's kernels: XOR of the input with the API's key, SHA-256 of the
 * input, and the multiply of two seeded matrices. Stateless and thread-safe (the digest is one per thread).
 */
final class Computations {
    /** The key every XOR is taken with, repeated over longer inputs: 4 KiB of seeded bytes. */
    private static final MemorySegment KEY;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    static {
        byte[] key = new byte[4096];
        new SplittableRandom(0x5EEDL).nextBytes(key);
        KEY = MemorySegment.ofArray(key);
    }

    private Computations() {
    }

    /** @return {@code input ^ key}, byte by byte, the key repeated: XORing the result again gives the input back */
    static byte[] xor(byte[] input) {
        byte[] out = new byte[input.length];
        MemorySegment in = MemorySegment.ofArray(input);
        MemorySegment result = MemorySegment.ofArray(out);
        for (long at = 0; at < input.length; at += KEY.byteSize()) {
            long length = Math.min(KEY.byteSize(), input.length - at);
            XorWorkload.xor(in.asSlice(at, length), KEY, result.asSlice(at, length));
        }
        return out;
    }

    /** @return the SHA-256 digest of {@code input}, as lower-case hex */
    static String sha256Hex(byte[] input) {
        return HexFormat.of().formatHex(SHA256.get().digest(input));
    }

    /**
     * Multiplies two matrices of order {@code n} whose elements are drawn uniformly from [-1, 1) with {@code seed}.
     *
     * @return the result's trace and the sum of its elements, as JSON
     */
    static String multiply(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = random.doubles((long) n * n, -1, 1).toArray();
        double[] b = random.doubles((long) n * n, -1, 1).toArray();
        double[] c = new double[n * n];
        MatrixMultiply multiply = MatrixMultiply.fastest();
        long start = System.nanoTime();
        multiply.multiply(a, b, c, n);
        long nanos = System.nanoTime() - start;
        double trace = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            trace += c[i * n + i];
        }
        for (double v : c) {
            sum += v;
        }
        return "{\"trace\":" + trace + ",\"sum\":" + sum + ",\"multiply_ms\":" + nanos / 1e6 + ",\"kernel\":\"" + multiply.name() + "\"}";
    }
}
