package io.nexus.engine.workload;

import java.util.Arrays;

/**
 * Cache-blocked i-k-j multiply in plain Java (C2 auto-vectorises the inner loop). The fallback when the
 * Vector API is not enabled. Not thread-safe (stateless, but see {@link MatrixMultiply}).
 */
public final class ScalarMatrixMultiply implements MatrixMultiply {
    private static final int BLOCK = 64;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        Arrays.fill(c, 0, n * n, 0.0);
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int kEnd = Math.min(k0 + BLOCK, n);
            for (int i = 0; i < n; i++) {
                int rowC = i * n;
                for (int k = k0; k < kEnd; k++) {
                    double aik = a[i * n + k];
                    int rowB = k * n;
                    for (int j = 0; j < n; j++) {
                        c[rowC + j] += aik * b[rowB + j];
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar blocked ikj";
    }
}
