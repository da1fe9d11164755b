package io.nexus.engine.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.memory.FixedBlockPool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kernel against an independent reference. */
class WorkloadKernelsTest {
    /** The word loop (the kernel without the Vector API, and the API's xor) against a byte loop. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 71, 4096})
    void xorWordLoopMatchesAByteLoop(int size) {
        SplittableRandom random = new SplittableRandom(size);
        byte[] a = new byte[size];
        byte[] b = new byte[size];
        random.nextBytes(a);
        random.nextBytes(b);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(size);
            XorWorkload.xor(arena.allocateFrom(ValueLayout.JAVA_BYTE, a), arena.allocateFrom(ValueLayout.JAVA_BYTE, b), dst);
            assertXor(a, b, dst.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /**
     * The kernel a worker runs (the Vector API one: the tests run with it), at sizes of whole vectors, with bytes past the
     * last one, and below one vector (the word loop alone), against a byte loop over its own buffers: read back from its
     * block once it is given back.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 33, 64, 65, 71, 127, 128, 4096, 100_003})
    void xorKernelMatchesAByteLoop(int size) throws Exception {
        assertTrue(MatrixMultiply.vectorApiAvailable(), "the tests run with the Vector API");
        Workload xor = Workloads.byName("xor").orElseThrow();
        long stride = XorWorkload.stride(size);
        try (FixedBlockPool pool = new FixedBlockPool(xor.blockBytes(size), xor.blocksNeeded(size))) {
            try (Kernel k = xor.newKernel(size, pool, size)) {
                k.execute();
            }
            MemorySegment block = pool.allocate();
            assertXor(block.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE), block.asSlice(stride, size).toArray(ValueLayout.JAVA_BYTE),
                    block.asSlice(2 * stride, size).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    private static void assertXor(byte[] a, byte[] b, byte[] dst) {
        for (int i = 0; i < dst.length; i++) {
            assertEquals((byte) (a[i] ^ b[i]), dst[i], "byte " + i);
        }
    }

    @Test
    void xorKernelUsesThePoolAndGivesItBack() throws Exception {
        Workload xor = Workloads.byName("xor").orElseThrow();
        try (FixedBlockPool pool = new FixedBlockPool(xor.blockBytes(128), 2)) {
            try (Kernel k = xor.newKernel(128, pool, 1)) {
                assertEquals(1, pool.available());
                k.execute();
            }
            assertEquals(2, pool.available());
        }
        try (FixedBlockPool small = new FixedBlockPool(xor.blockBytes(128) - 1, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> xor.newKernel(128, small, 1));
            assertEquals(2, small.available(), e.getMessage());
        }
    }

    static Stream<Arguments> multipliers() {
        return Stream.of(Arguments.of(new VectorMatrixMultiply()), Arguments.of(new ScalarMatrixMultiply()));
    }

    @ParameterizedTest
    @MethodSource("multipliers")
    void matrixMatchesANaiveTripleLoop(MatrixMultiply multiply) {
        for (int n : new int[] {16, 17, 33, 64, 100, 257}) {
            SplittableRandom random = new SplittableRandom(n);
            double[] a = random.doubles((long) n * n, -1, 1).toArray();
            double[] b = random.doubles((long) n * n, -1, 1).toArray();
            double[] c = new double[n * n];
            java.util.Arrays.fill(c, 42.0); // must be overwritten, not added to
            multiply.multiply(a, b, c, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int k = 0; k < n; k++) {
                        expected += a[i * n + k] * b[k * n + j];
                    }
                    assertEquals(expected, c[i * n + j], 1e-9 * n, multiply.name() + " n=" + n + " C[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void matrixIdentityLeavesTheMatrixUnchanged() {
        int n = 40;
        double[] a = new SplittableRandom(7).doubles(n * n).toArray();
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1;
        }
        double[] c = new double[n * n];
        MatrixMultiply.fastest().multiply(a, identity, c, n);
        assertArrayEquals(a, c, 0.0);
    }

    @Test
    void sha256MatchesNistVectors() throws Exception {
        assertDigest("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertDigest("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        assertDigest("a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    private static void assertDigest(String message, String hex) throws Exception {
        Sha256Workload.Sha256Kernel kernel = new Sha256Workload.Sha256Kernel(message.getBytes(StandardCharsets.US_ASCII));
        kernel.execute();
        kernel.execute(); // a reused digest starts afresh each op
        assertEquals(hex, HexFormat.of().formatHex(kernel.lastDigest()));
    }

    @Test
    void sizesAreCheckedAgainstEachWorkloadsRange() {
        Workload xor = Workloads.byName("xor").orElseThrow();
        assertNull(xor.checkSize(64));
        assertNotNull(xor.checkSize(63));
        assertNotNull(xor.checkSize((64 << 20) + 1));
        Workload matrix = Workloads.byName("matrix").orElseThrow();
        assertEquals(512, matrix.defaultSize());
        assertNotNull(matrix.checkSize(4096));
        assertEquals(2.0 * 512 * 512 * 512, matrix.flopsPerOp(512));
        assertTrue(MatrixMultiply.vectorApiAvailable(), "tests run with --add-modules jdk.incubator.vector");
    }
}
