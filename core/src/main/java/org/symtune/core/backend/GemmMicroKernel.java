package org.symtune.core.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link VectorGemm}: multiplies one packed MR×kc sliver of A
 * by one packed kc×NR sliver of B and merges the MR×NR product into C.
 *
 * <p>The vector species is fixed when the class loads (the JVM's preferred float vector) and stays a
 * constant, so C2 can intrinsify every vector operation. The tile shape follows from it: with 512-bit
 * vectors (AVX-512, 32 registers) a 12×32 tile keeps 24 accumulators + 2 B vectors + 1 broadcast in
 * registers; with narrower vectors a 4×(2 vectors) tile, which measured fastest when only 16 vector
 * registers exist (wider tiles spill under C2).
 *
 * <p>Packed layouts: an A sliver stores its MR rows one after the other, {@link #KC} floats apart, so
 * A(i+r, p) is at {@code r·KC + p} (packing a row-major A is then a plain copy), or, when A is
 * transposed, p-major: A(i+r, p) at {@code p·MR + r} (packing Aᵀ is then a copy of MR adjacent values
 * per p; the row-major layout needed a transpose there that cost a third of each weight-gradient
 * product). The two kernel variants differ only in these addresses. A B sliver stores, for
 * every p, its NR values B(p, j..j+NR-1) contiguously. Edge slivers are padded with zeros by the
 * packing, so the kernel always computes a full tile and only the store is clipped.
 */
final class GemmMicroKernel {
    /** The float vector species of every GEMM kernel, chosen once. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of C per tile. */
    static final int MR = SPECIES.vectorBitSize() >= 512 ? 12 : 4;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * LANES;
    /**
     * Depth of one block of the shared dimension, and the row stride of packed A slivers. A constant,
     * so the kernel addresses all MR rows of a sliver from one index register.
     */
    static final int KC = 256;

    private GemmMicroKernel() {
    }

    /**
     * {@code C[rows×cols] = alpha · (Ā · B̄) + beta · C}, where Ā, B̄ are the packed slivers; with
     * {@code beta == 0} C is only written. {@code acc} is MR·NR floats of per-thread scratch.
     */
    static void tile(int kc, float[] a, int aOff, boolean aPMajor, float[] b, int bOff,
                     float[] c, int cOff, int ldc, float alpha, float beta, int rows, int cols, float[] acc) {
        // A full tile with alpha = 1 and beta in {0, 1} accumulates in place: C is loaded into the
        // accumulators (beta = 1) or not (beta = 0) and stored back once. Other tiles go through `acc`.
        boolean inPlace = rows == MR && cols == NR && alpha == 1f && (beta == 0f || beta == 1f);
        float[] t = inPlace ? c : acc;
        int o = inPlace ? cOff : 0, ld = inPlace ? ldc : NR;
        boolean addTo = inPlace && beta == 1f;
        if (MR == 12) {
            if (aPMajor) {
                accumulate12PMajor(kc, a, aOff, b, bOff, t, o, ld, addTo);
            } else {
                accumulate12(kc, a, aOff, b, bOff, t, o, ld, addTo);
            }
        } else if (aPMajor) {
            accumulate4PMajor(kc, a, aOff, b, bOff, t, o, ld, addTo);
        } else {
            accumulate4(kc, a, aOff, b, bOff, t, o, ld, addTo);
        }
        if (!inPlace) store(acc, c, cOff, ldc, alpha, beta, rows, cols);
    }

    // The accumulators leave the kernel through memory (C itself, or a small buffer) rather than through
    // helper calls taking vectors: with 24 live vectors the method is at C2's inlining node limit, and a
    // vector argument to a call that is not inlined gets boxed, which costs ~20x.
    private static void accumulate12(int kc, float[] a, int aOff, float[] b, int bOff, float[] t, int o, int ld, boolean addTo) {
        // Row r of the tile starts at o + r·ld; accumulator c<r><v> holds vector v of row r (rows a, b = 10, 11).
        int o0 = o, o1 = o + ld, o2 = o + 2 * ld, o3 = o + 3 * ld, o4 = o + 4 * ld, o5 = o + 5 * ld;
        int o6 = o + 6 * ld, o7 = o + 7 * ld, o8 = o + 8 * ld, o9 = o + 9 * ld, oa = o + 10 * ld, ob = o + 11 * ld;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        FloatVector c60, c61, c70, c71, c80, c81, c90, c91, ca0, ca1, cb0, cb1;
        if (addTo) {
            c00 = FloatVector.fromArray(SPECIES, t, o0);
            c01 = FloatVector.fromArray(SPECIES, t, o0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, t, o1);
            c11 = FloatVector.fromArray(SPECIES, t, o1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, t, o2);
            c21 = FloatVector.fromArray(SPECIES, t, o2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, t, o3);
            c31 = FloatVector.fromArray(SPECIES, t, o3 + LANES);
            c40 = FloatVector.fromArray(SPECIES, t, o4);
            c41 = FloatVector.fromArray(SPECIES, t, o4 + LANES);
            c50 = FloatVector.fromArray(SPECIES, t, o5);
            c51 = FloatVector.fromArray(SPECIES, t, o5 + LANES);
            c60 = FloatVector.fromArray(SPECIES, t, o6);
            c61 = FloatVector.fromArray(SPECIES, t, o6 + LANES);
            c70 = FloatVector.fromArray(SPECIES, t, o7);
            c71 = FloatVector.fromArray(SPECIES, t, o7 + LANES);
            c80 = FloatVector.fromArray(SPECIES, t, o8);
            c81 = FloatVector.fromArray(SPECIES, t, o8 + LANES);
            c90 = FloatVector.fromArray(SPECIES, t, o9);
            c91 = FloatVector.fromArray(SPECIES, t, o9 + LANES);
            ca0 = FloatVector.fromArray(SPECIES, t, oa);
            ca1 = FloatVector.fromArray(SPECIES, t, oa + LANES);
            cb0 = FloatVector.fromArray(SPECIES, t, ob);
            cb1 = FloatVector.fromArray(SPECIES, t, ob + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(SPECIES);
            c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = ca0 = ca1 = cb0 = cb1 = c00;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOff);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOff + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[aOff + 1 * KC]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[aOff + 2 * KC]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[aOff + 3 * KC]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[aOff + 4 * KC]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[aOff + 5 * KC]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[aOff + 6 * KC]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[aOff + 7 * KC]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(SPECIES, a[aOff + 8 * KC]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(SPECIES, a[aOff + 9 * KC]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(SPECIES, a[aOff + 10 * KC]);
            ca0 = x.fma(b0, ca0);
            ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(SPECIES, a[aOff + 11 * KC]);
            cb0 = x.fma(b0, cb0);
            cb1 = x.fma(b1, cb1);
            aOff++;
            bOff += NR;
        }
        c00.intoArray(t, o0);
        c01.intoArray(t, o0 + LANES);
        c10.intoArray(t, o1);
        c11.intoArray(t, o1 + LANES);
        c20.intoArray(t, o2);
        c21.intoArray(t, o2 + LANES);
        c30.intoArray(t, o3);
        c31.intoArray(t, o3 + LANES);
        c40.intoArray(t, o4);
        c41.intoArray(t, o4 + LANES);
        c50.intoArray(t, o5);
        c51.intoArray(t, o5 + LANES);
        c60.intoArray(t, o6);
        c61.intoArray(t, o6 + LANES);
        c70.intoArray(t, o7);
        c71.intoArray(t, o7 + LANES);
        c80.intoArray(t, o8);
        c81.intoArray(t, o8 + LANES);
        c90.intoArray(t, o9);
        c91.intoArray(t, o9 + LANES);
        ca0.intoArray(t, oa);
        ca1.intoArray(t, oa + LANES);
        cb0.intoArray(t, ob);
        cb1.intoArray(t, ob + LANES);
    }

    private static void accumulate4(int kc, float[] a, int aOff, float[] b, int bOff, float[] t, int o, int ld, boolean addTo) {
        int o0 = o, o1 = o + ld, o2 = o + 2 * ld, o3 = o + 3 * ld;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (addTo) {
            c00 = FloatVector.fromArray(SPECIES, t, o0);
            c01 = FloatVector.fromArray(SPECIES, t, o0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, t, o1);
            c11 = FloatVector.fromArray(SPECIES, t, o1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, t, o2);
            c21 = FloatVector.fromArray(SPECIES, t, o2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, t, o3);
            c31 = FloatVector.fromArray(SPECIES, t, o3 + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(SPECIES);
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOff);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOff + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[aOff + 1 * KC]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[aOff + 2 * KC]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[aOff + 3 * KC]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            aOff++;
            bOff += NR;
        }
        c00.intoArray(t, o0);
        c01.intoArray(t, o0 + LANES);
        c10.intoArray(t, o1);
        c11.intoArray(t, o1 + LANES);
        c20.intoArray(t, o2);
        c21.intoArray(t, o2 + LANES);
        c30.intoArray(t, o3);
        c31.intoArray(t, o3 + LANES);
    }

    private static void accumulate12PMajor(int kc, float[] a, int aOff, float[] b, int bOff, float[] t, int o, int ld, boolean addTo) {
        // Row r of the tile starts at o + r·ld; accumulator c<r><v> holds vector v of row r (rows a, b = 10, 11).
        int o0 = o, o1 = o + ld, o2 = o + 2 * ld, o3 = o + 3 * ld, o4 = o + 4 * ld, o5 = o + 5 * ld;
        int o6 = o + 6 * ld, o7 = o + 7 * ld, o8 = o + 8 * ld, o9 = o + 9 * ld, oa = o + 10 * ld, ob = o + 11 * ld;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        FloatVector c60, c61, c70, c71, c80, c81, c90, c91, ca0, ca1, cb0, cb1;
        if (addTo) {
            c00 = FloatVector.fromArray(SPECIES, t, o0);
            c01 = FloatVector.fromArray(SPECIES, t, o0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, t, o1);
            c11 = FloatVector.fromArray(SPECIES, t, o1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, t, o2);
            c21 = FloatVector.fromArray(SPECIES, t, o2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, t, o3);
            c31 = FloatVector.fromArray(SPECIES, t, o3 + LANES);
            c40 = FloatVector.fromArray(SPECIES, t, o4);
            c41 = FloatVector.fromArray(SPECIES, t, o4 + LANES);
            c50 = FloatVector.fromArray(SPECIES, t, o5);
            c51 = FloatVector.fromArray(SPECIES, t, o5 + LANES);
            c60 = FloatVector.fromArray(SPECIES, t, o6);
            c61 = FloatVector.fromArray(SPECIES, t, o6 + LANES);
            c70 = FloatVector.fromArray(SPECIES, t, o7);
            c71 = FloatVector.fromArray(SPECIES, t, o7 + LANES);
            c80 = FloatVector.fromArray(SPECIES, t, o8);
            c81 = FloatVector.fromArray(SPECIES, t, o8 + LANES);
            c90 = FloatVector.fromArray(SPECIES, t, o9);
            c91 = FloatVector.fromArray(SPECIES, t, o9 + LANES);
            ca0 = FloatVector.fromArray(SPECIES, t, oa);
            ca1 = FloatVector.fromArray(SPECIES, t, oa + LANES);
            cb0 = FloatVector.fromArray(SPECIES, t, ob);
            cb1 = FloatVector.fromArray(SPECIES, t, ob + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(SPECIES);
            c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = ca0 = ca1 = cb0 = cb1 = c00;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOff);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOff + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[aOff + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[aOff + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[aOff + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[aOff + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[aOff + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[aOff + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[aOff + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(SPECIES, a[aOff + 8]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(SPECIES, a[aOff + 9]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(SPECIES, a[aOff + 10]);
            ca0 = x.fma(b0, ca0);
            ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(SPECIES, a[aOff + 11]);
            cb0 = x.fma(b0, cb0);
            cb1 = x.fma(b1, cb1);
            aOff += MR;
            bOff += NR;
        }
        c00.intoArray(t, o0);
        c01.intoArray(t, o0 + LANES);
        c10.intoArray(t, o1);
        c11.intoArray(t, o1 + LANES);
        c20.intoArray(t, o2);
        c21.intoArray(t, o2 + LANES);
        c30.intoArray(t, o3);
        c31.intoArray(t, o3 + LANES);
        c40.intoArray(t, o4);
        c41.intoArray(t, o4 + LANES);
        c50.intoArray(t, o5);
        c51.intoArray(t, o5 + LANES);
        c60.intoArray(t, o6);
        c61.intoArray(t, o6 + LANES);
        c70.intoArray(t, o7);
        c71.intoArray(t, o7 + LANES);
        c80.intoArray(t, o8);
        c81.intoArray(t, o8 + LANES);
        c90.intoArray(t, o9);
        c91.intoArray(t, o9 + LANES);
        ca0.intoArray(t, oa);
        ca1.intoArray(t, oa + LANES);
        cb0.intoArray(t, ob);
        cb1.intoArray(t, ob + LANES);
    }

    private static void accumulate4PMajor(int kc, float[] a, int aOff, float[] b, int bOff, float[] t, int o, int ld, boolean addTo) {
        int o0 = o, o1 = o + ld, o2 = o + 2 * ld, o3 = o + 3 * ld;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (addTo) {
            c00 = FloatVector.fromArray(SPECIES, t, o0);
            c01 = FloatVector.fromArray(SPECIES, t, o0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, t, o1);
            c11 = FloatVector.fromArray(SPECIES, t, o1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, t, o2);
            c21 = FloatVector.fromArray(SPECIES, t, o2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, t, o3);
            c31 = FloatVector.fromArray(SPECIES, t, o3 + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(SPECIES);
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOff);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOff + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[aOff + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[aOff + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[aOff + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            aOff += MR;
            bOff += NR;
        }
        c00.intoArray(t, o0);
        c01.intoArray(t, o0 + LANES);
        c10.intoArray(t, o1);
        c11.intoArray(t, o1 + LANES);
        c20.intoArray(t, o2);
        c21.intoArray(t, o2 + LANES);
        c30.intoArray(t, o3);
        c31.intoArray(t, o3 + LANES);
    }

    /** Merges a raw MR×NR product into C: {@code alpha·acc}, or {@code alpha·acc + beta·C} when beta ≠ 0. */
    private static void store(float[] acc, float[] c, int cOff, int ldc, float alpha, float beta, int rows, int cols) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        FloatVector vb = FloatVector.broadcast(SPECIES, beta);
        int fullVectors = cols == NR ? 2 : cols >= LANES ? 1 : 0;
        for (int i = 0; i < rows; i++) {
            int t = i * NR, o = cOff + i * ldc;
            for (int v = 0; v < fullVectors; v++, t += LANES, o += LANES) {
                FloatVector x = FloatVector.fromArray(SPECIES, acc, t);
                FloatVector r = beta == 0f ? x.mul(va) : x.fma(va, FloatVector.fromArray(SPECIES, c, o).mul(vb));
                r.intoArray(c, o);
            }
            // Same rounding as the vector lanes: one product, or one fused multiply-add.
            for (int j = fullVectors * LANES; j < cols; j++, t++, o++) {
                c[o] = beta == 0f ? acc[t] * alpha : Math.fma(acc[t], alpha, c[o] * beta);
            }
        }
    }
}
