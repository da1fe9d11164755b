package io.nexus.engine.workload;

/**
 * {@code C = A x B} for square row-major {@code double} matrices of order {@code n}.
 *
 * <p>Implementations keep packing buffers and so are <b>not thread-safe</b>: one instance per thread.
 */
public interface MatrixMultiply {
    /**
     * Overwrites {@code c} with {@code a x b}.
     *
     * @param n order of the matrices; each array holds at least {@code n * n} elements
     */
    void multiply(double[] a, double[] b, double[] c, int n);

    /** @return a short name of the algorithm, for results */
    String name();

    /**
     * @return the fastest implementation this JVM can run: the Vector API kernel when
     *     {@code jdk.incubator.vector} is in the boot layer, otherwise the scalar blocked kernel
     */
    static MatrixMultiply fastest() {
        return vectorApiAvailable() ? new VectorMatrixMultiply() : new ScalarMatrixMultiply();
    }

    /** @return whether the JVM was started with {@code --add-modules jdk.incubator.vector} */
    static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
