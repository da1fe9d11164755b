package io.nexus.engine.workload;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code dst = a ^ b} on the Vector API, in the widest vectors this CPU has (chosen at run time: 512 bits
 * with AVX-512, 256 with AVX2), then word by word for what is left. Stateless and thread-safe. Needs
 * {@code --add-modules jdk.incubator.vector}; load it only when {@link MatrixMultiply#vectorApiAvailable()}.
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

    /** {@code dst[i] = a[i] ^ b[i]} for every byte of {@code dst}; {@code a} and {@code b} are at least as long. */
    static void xor(MemorySegment a, MemorySegment b, MemorySegment dst) {
        long n = dst.byteSize();
        long vectors = n - n % VECTOR_BYTES;
        ByteOrder order = ByteOrder.nativeOrder();
        for (long i = 0; i < vectors; i += VECTOR_BYTES) {
            LongVector va = LongVector.fromMemorySegment(SPECIES, a, i, order);
            LongVector vb = LongVector.fromMemorySegment(SPECIES, b, i, order);
            va.lanewise(VectorOperators.XOR, vb).intoMemorySegment(dst, i, order);
        }
        if (vectors < n) {
            XorWorkload.xor(a.asSlice(vectors), b.asSlice(vectors), dst.asSlice(vectors));
        }
    }
}
