package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;
import java.util.SplittableRandom;

/**
 * Dense matrix multiply: {@code C = A x B} for square {@code double} matrices of order n (16 to 2048,
 * default 512). Each op is a full multiply of {@code 2 n^3} floating-point operations. The matrices
 * are heap arrays allocated on the worker's thread (with {@code -XX:+UseNUMA} the JVM places them on
 * the worker's node).
 */
public final class MatrixWorkload extends SizedWorkload {
    public MatrixWorkload() {
        super("matrix", "C = A x B for square double matrices", "n (matrix order)", 16, 2048, 512);
    }

    @Override
    public double flopsPerOp(int size) {
        return 2.0 * size * size * size;
    }

    @Override
    public String implementation() {
        return MatrixMultiply.vectorApiAvailable() ? MatrixMultiply.fastest().name()
                : "scalar kernel (start the JVM with --add-modules jdk.incubator.vector for the fast one)";
    }

    @Override
    public Kernel newKernel(int size, FixedBlockPool memory, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = random.doubles((long) size * size, -1, 1).toArray();
        double[] b = random.doubles((long) size * size, -1, 1).toArray();
        double[] c = new double[size * size];
        MatrixMultiply multiply = MatrixMultiply.fastest();
        multiply.multiply(a, b, c, size); // sizes the packing buffers now, not during the run
        return () -> multiply.multiply(a, b, c, size);
    }
}
