package io.nexus.engine.workload;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked {@code C = A x B} on the Vector API, in the manner of BLIS/GotoBLAS, in the widest
 * vectors the CPU has (chosen at run time: 512 bits with AVX-512, 256 with AVX2). For each depth block
 * of {@link #KC}, B is packed into panels {@link #NR} columns wide; for each block of {@link #MC} rows,
 * A is packed into micro-panels {@link #MR} rows tall (the block stays in L2); a micro-kernel keeps an
 * MR x NR block of C in twelve vector registers (eight with AVX2) and does one fused multiply-add per element pair. Edges are
 * zero-padded in the packed copies, so any order works. Shapes chosen by measurement (512x512, one JVM running
 * each shape in turn, medians of 4-6 slices of 1.5-2 s): on a 2-vCPU AVX-512 Xeon, 512-bit vectors 93/s against
 * 256-bit 71/s; on a 2-vCPU AVX-512 Zen 5 (2026-12-06), 4x24 302-315/s against 4x16 274-286, 5x24 270, 6x16 252,
 * 6x24 251, 3x32 272, 4x32 247 and 8x16 225/s; KC 128 against 192 (289) and 256 (284); MC 128 and 256 alike.
 *
 * <p>Not thread-safe: the packing buffers belong to the instance. Needs
 * {@code --add-modules jdk.incubator.vector}; load it only through {@link MatrixMultiply#fastest()}.
 */
public final class VectorMatrixMultiply implements MatrixMultiply {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of C held in registers by the micro-kernel. */
    static final int MR = 4;
    /**
     * Whether the micro-kernel holds a third vector of columns: where vectors are 512 bits the CPU has 32 vector
     * registers, and 12 accumulators keep both FMA pipes of a Zen 5 busy (8 left them idle for the
     * 4-cycle latency: 274 against 302 multiplies/s); with 256-bit vectors (16 registers) 12 accumulators spill
     * (86 against 153/s under {@code -XX:UseAVX=2}), so AVX2 keeps two.
     */
    static final boolean THIRD_COLUMN = SPECIES.vectorBitSize() >= 512;
    /** Columns of C held in registers: two or three vectors of doubles. */
    static final int NR = (THIRD_COLUMN ? 3 : 2) * LANES;
    /** Depth of one packed block: a KC x NR micro-panel of B stays in L1 (8 KiB with AVX2, 24 KiB with AVX-512). */
    static final int KC = 128;
    /** Rows of A packed at once: MC x KC doubles (128 KiB) stay in L2. */
    static final int MC = 32 * MR;

    private double[] packedA = new double[0];
    private double[] packedB = new double[0];
    private final double[] edge = new double[MR * NR];

    @Override
    public String name() {
        return "Vector API " + SPECIES.vectorBitSize() + "-bit " + MR + "x" + NR + " FMA micro-kernel, packed A and B";
    }

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        int panelsB = (n + NR - 1) / NR;
        ensureCapacity(MC * KC, panelsB * NR * KC);
        Arrays.fill(c, 0, n * n, 0.0);
        for (int k0 = 0; k0 < n; k0 += KC) {
            int kc = Math.min(KC, n - k0);
            packB(b, n, k0, kc, panelsB);
            for (int i0 = 0; i0 < n; i0 += MC) {
                int panelsA = (Math.min(MC, n - i0) + MR - 1) / MR;
                packA(a, n, i0, k0, kc, panelsA);
                for (int pb = 0; pb < panelsB; pb++) {
                    for (int pa = 0; pa < panelsA; pa++) {
                        microKernel(kc, pa * MR * kc, pb * NR * kc, c, n, i0 + pa * MR, pb * NR);
                    }
                }
            }
        }
    }

    private void ensureCapacity(int aLength, int bLength) {
        if (packedA.length < aLength) {
            packedA = new double[aLength];
        }
        if (packedB.length < bLength) {
            packedB = new double[bLength];
        }
    }

    /** Packs B[k0..k0+kc)[*] into NR-wide panels laid out k-major: panel p holds B[k][p*NR..p*NR+NR). */
    private void packB(double[] b, int n, int k0, int kc, int panels) {
        for (int p = 0; p < panels; p++) {
            int j0 = p * NR;
            int width = Math.min(NR, n - j0);
            int base = p * NR * kc;
            for (int k = 0; k < kc; k++) {
                int dst = base + k * NR;
                System.arraycopy(b, (k0 + k) * n + j0, packedB, dst, width);
                Arrays.fill(packedB, dst + width, dst + NR, 0.0);
            }
        }
    }

    /**
     * Packs A[i0..i0+panels*MR)[k0..k0+kc) into MR-tall micro-panels laid out k-major: panel p holds
     * A[i0+p*MR+r][k0+k] at p*MR*kc + k*MR + r; rows past n are zeros.
     */
    private void packA(double[] a, int n, int i0, int k0, int kc, int panels) {
        for (int p = 0; p < panels; p++) {
            int base = p * MR * kc;
            for (int r = 0; r < MR; r++) {
                int i = i0 + p * MR + r;
                if (i < n) {
                    int row = i * n + k0;
                    for (int k = 0; k < kc; k++) {
                        packedA[base + k * MR + r] = a[row + k];
                    }
                } else {
                    for (int k = 0; k < kc; k++) {
                        packedA[base + k * MR + r] = 0.0;
                    }
                }
            }
        }
    }

    private void microKernel(int kc, int aOff, int bOff, double[] c, int n, int i0, int j0) {
        double[] pa = packedA;
        double[] pb = packedB;
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = DoubleVector.zero(SPECIES), c02 = DoubleVector.zero(SPECIES);
        DoubleVector c10 = DoubleVector.zero(SPECIES), c11 = DoubleVector.zero(SPECIES), c12 = DoubleVector.zero(SPECIES);
        DoubleVector c20 = DoubleVector.zero(SPECIES), c21 = DoubleVector.zero(SPECIES), c22 = DoubleVector.zero(SPECIES);
        DoubleVector c30 = DoubleVector.zero(SPECIES), c31 = DoubleVector.zero(SPECIES), c32 = DoubleVector.zero(SPECIES);
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * NR;
            int ak = aOff + k * MR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bk);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bk + LANES);
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[ak]);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[ak + 1]);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[ak + 2]);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[ak + 3]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            if (THIRD_COLUMN) { // a constant: C2 drops the branch, and with it c*2, where there is no third column
                DoubleVector b2 = DoubleVector.fromArray(SPECIES, pb, bk + 2 * LANES);
                c02 = a0.fma(b2, c02);
                c12 = a1.fma(b2, c12);
                c22 = a2.fma(b2, c22);
                c32 = a3.fma(b2, c32);
            }
        }
        if (i0 + MR <= n && j0 + NR <= n) {
            accumulate(c, i0 * n + j0, c00, c01, c02);
            accumulate(c, (i0 + 1) * n + j0, c10, c11, c12);
            accumulate(c, (i0 + 2) * n + j0, c20, c21, c22);
            accumulate(c, (i0 + 3) * n + j0, c30, c31, c32);
        } else {
            // Stored here, not through a method: C2 does not inline a cold callee this size, and passing it the
            // vectors would make it box them on the hot path too (17 multiplies/s instead of 300).
            c00.intoArray(edge, 0);
            c01.intoArray(edge, LANES);
            c10.intoArray(edge, NR);
            c11.intoArray(edge, NR + LANES);
            c20.intoArray(edge, 2 * NR);
            c21.intoArray(edge, 2 * NR + LANES);
            c30.intoArray(edge, 3 * NR);
            c31.intoArray(edge, 3 * NR + LANES);
            if (THIRD_COLUMN) {
                c02.intoArray(edge, 2 * LANES);
                c12.intoArray(edge, NR + 2 * LANES);
                c22.intoArray(edge, 2 * NR + 2 * LANES);
                c32.intoArray(edge, 3 * NR + 2 * LANES);
            }
            for (int r = 0; r < MR && i0 + r < n; r++) {
                for (int s = 0; s < NR && j0 + s < n; s++) {
                    c[(i0 + r) * n + j0 + s] += edge[r * NR + s];
                }
            }
        }
    }

    /** Adds one row of the micro-kernel's block to C at {@code offset}. */
    private static void accumulate(double[] c, int offset, DoubleVector v0, DoubleVector v1, DoubleVector v2) {
        DoubleVector.fromArray(SPECIES, c, offset).add(v0).intoArray(c, offset);
        DoubleVector.fromArray(SPECIES, c, offset + LANES).add(v1).intoArray(c, offset + LANES);
        if (THIRD_COLUMN) {
            DoubleVector.fromArray(SPECIES, c, offset + 2 * LANES).add(v2).intoArray(c, offset + 2 * LANES);
        }
    }
}
