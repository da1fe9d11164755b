package io.nexus.engine.workload;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code dst = a ^ b} on the Vector API, in the widest vectors this CPU has (chosen at run time: 512 bits
 * with AVX-512, 256 with AVX2). Stateless and thread-safe. Needs {@code --add-modules jdk.incubator.vector};
 * load it only when {@link MatrixMultiply#vectorApiAvailable()}.
 */
final class VectorXor {
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long VECTOR_BYTES = SPECIES.vectorByteSize();

    private VectorXor() {
    }

    /** @return the vector width in use, e.g. {@code "512-bit"} */
    static String width() {
        return SPECIES.vectorBitSize() + "-bit";
    }

    /** @return bytes in one vector: 16 to 64 */
    static long vectorBytes() {
        return VECTOR_BYTES;
    }

    /**
     * {@code dst = a ^ b} over {@code bytes} bytes, where the three are ranges of one segment: {@code a} at offset 0,
     * {@code b} at {@code stride} and {@code dst} at {@code 2 * stride} (one segment, so an op loads one segment's base
     * and bounds, not three: at 64 B in JMH 560M ops/s against 358M for three segments). The loop is a do-while: over
     * three segments a counted {@code for} loop ran 255M against the do-while's 358M (C2 gives it pre- and post-loops).
     *
     * @param bytes a positive multiple of {@link #vectorBytes()}, at most {@code stride}
     */
    static void xorVectors(MemorySegment buffers, long stride, long bytes) {
        assert bytes >= VECTOR_BYTES && bytes % VECTOR_BYTES == 0 && bytes <= stride : bytes + " bytes, stride " + stride;
        ByteOrder order = ByteOrder.nativeOrder();
        long dst = 2 * stride;
        long last = bytes - VECTOR_BYTES;
        long i = 0;
        do {
            LongVector a = LongVector.fromMemorySegment(SPECIES, buffers, i, order);
            LongVector b = LongVector.fromMemorySegment(SPECIES, buffers, stride + i, order);
            a.lanewise(VectorOperators.XOR, b).intoMemorySegment(buffers, dst + i, order);
            i += VECTOR_BYTES;
        } while (i <= last);
    }
}
