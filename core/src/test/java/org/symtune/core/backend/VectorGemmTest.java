package org.symtune.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.symtune.core.parallel.Parallel;

class VectorGemmTest {
    private static final double TOLERANCE = 1e-5;
    private final GemmKernels fast = new VectorGemm();
    private final GemmKernels reference = new ScalarGemm();

    /** One sgemm call: sizes, transposes, scalars, offsets and the extra stride beyond the columns. */
    record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int offset, int pad) {
        int lda() {
            return Math.max(1, transA ? m : k) + pad;
        }

        int ldb() {
            return Math.max(1, transB ? k : n) + pad;
        }

        int ldc() {
            return Math.max(1, n) + pad;
        }

        int aLength() {
            return offset + (transA ? k : m) * lda();
        }

        int bLength() {
            return offset + (transB ? n : k) * ldb();
        }

        int cLength() {
            return offset + m * ldc();
        }
    }

    @Test
    void matchesReferenceOnAwkwardSizesForEveryTransposeCase() {
        int[] sizes = {1, 7, 33, 129};
        SplittableRandom random = new SplittableRandom(11);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int m : sizes) {
                    for (int n : sizes) {
                        for (int k : sizes) {
                            // Vary scalars, offsets and padding across the grid without multiplying its size.
                            int variant = random.nextInt(4);
                            float alpha = variant == 0 ? 1f : 0.75f;
                            float beta = variant < 2 ? 0f : variant == 2 ? 1f : -0.5f;
                            check(new Case(ta, tb, m, n, k, alpha, beta, variant * 3, variant == 1 ? 0 : variant + 2), random);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesReferenceOnRandomShapes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 40; i++) {
            check(new Case(random.nextBoolean(), random.nextBoolean(), 1 + random.nextInt(150), 1 + random.nextInt(150),
                    1 + random.nextInt(600), (float) random.nextDouble(-2, 2), random.nextBoolean() ? 0f : (float) random.nextDouble(-2, 2),
                    random.nextInt(20), random.nextInt(9)), random);
        }
    }

    @Test
    void leadingDimensionsOfOne() {
        SplittableRandom random = new SplittableRandom(3);
        // One column everywhere: every leading dimension is exactly 1.
        check(new Case(false, false, 40, 1, 1, 1f, 0f, 0, 0), random);
        check(new Case(false, true, 40, 1, 1, 2f, 1f, 5, 0), random);
        check(new Case(true, false, 1, 1, 300, 1f, 0.5f, 0, 0), random);
        check(new Case(true, true, 1, 1, 1, -1f, 0f, 2, 0), random);
        check(new Case(false, false, 300, 1, 1, 1f, 0f, 1, 0), random);
        check(new Case(true, false, 1, 70, 300, 1f, 0f, 0, 0), random);
    }

    @Test
    void largeShapesCoverSeveralKBlocksRowTasksAndColumnPanels() {
        SplittableRandom random = new SplittableRandom(21);
        check(new Case(false, false, 130, 200, 700, 1f, 0f, 0, 0), random);
        check(new Case(true, true, 97, 131, 530, 0.5f, 2f, 7, 3), random);
        // Enough rows for the larger row blocks, with a ragged last one.
        check(new Case(false, false, VectorGemm.MANY_ROWS + 37, 45, 300, 1f, 0f, 0, 0), random);
        // k·n above the packed-B budget: the product is done in several column panels.
        int n = VectorGemm.PACKED_B_FLOATS / 300 + 301;
        check(new Case(false, true, 13, n, 300, 1f, -1f, 1, 0), random);
        // A transposed with enough rows that all tasks pack its K blocks together (ragged last sliver,
        // three K blocks, offsets and padded leading dimensions), and just below that.
        int shared = VectorGemm.SHARED_TRANSPOSED_PACK_ROWS;
        check(new Case(true, false, shared + 7, 70, 600, 0.5f, 1f, 3, 2), random);
        check(new Case(true, true, shared + 13, 45, 530, 1f, 0f, 0, 1), random);
        check(new Case(true, false, shared - 1, 70, 600, 1f, -1f, 1, 0), random);
    }

    @Test
    void narrowProductsWithFewRowsOrColumnsMatchReference() {
        SplittableRandom random = new SplittableRandom(13);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int few = 1; few <= GemmNarrowKernel.FEW; few++) {
                    // Long dimension over several parallel chunks, with a ragged end.
                    check(new Case(ta, tb, few, 613, 97, 1f, 0f, 2, 1), random);
                    check(new Case(ta, tb, few, 530, 300, 0.5f, -1f, 0, 0), random);
                    check(new Case(ta, tb, 613, few, 97, 1f, 0f, 1, 2), random);
                    check(new Case(ta, tb, 530, few, 300, -2f, 0.5f, 0, 0), random);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (Case c : List.of(new Case(false, false, 5, 6, 7, 1f, 0f, 0, 1), new Case(true, true, 70, 90, 300, 2f, 0f, 3, 2),
                new Case(false, false, 2, 300, 200, 1f, 0f, 0, 1), new Case(true, false, 300, 3, 200, 1f, 0f, 0, 1))) {
            SplittableRandom random = new SplittableRandom(1);
            float[] a = randoms(c.aLength(), random);
            float[] b = randoms(c.bLength(), random);
            float[] out = new float[c.cLength()];
            java.util.Arrays.fill(out, Float.NaN);
            fast.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.alpha(), a, c.offset(), c.lda(), b, c.offset(), c.ldb(),
                    0f, out, c.offset(), c.ldc());
            for (int i = 0; i < c.m(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    assertFalse(Float.isNaN(out[c.offset() + i * c.ldc() + j]), "NaN leaked at (" + i + "," + j + ") for " + c);
                }
            }
            // The padding between rows is not part of C and stays untouched.
            if (c.pad() > 0) assertTrue(Float.isNaN(out[c.offset() + c.n()]));
        }
    }

    @Test
    void zeroSizesAndZeroAlphaOnlyScaleC() {
        SplittableRandom random = new SplittableRandom(8);
        check(new Case(false, false, 9, 10, 0, 1f, 0.5f, 0, 0), random);
        check(new Case(false, false, 9, 10, 0, 1f, 0f, 0, 0), random);
        check(new Case(false, true, 0, 10, 5, 1f, 0.5f, 0, 0), random);
        check(new Case(true, false, 40, 50, 60, 0f, -2f, 1, 1), random);
    }

    @Test
    void resultsAreBitIdenticalForOneTwoAndEightThreads() {
        int saved = Parallel.threads();
        try {
            List<Case> cases = List.of(
                    new Case(false, false, 301, 260, 530, 1f, 0f, 0, 0),
                    new Case(true, false, 200, 97, 700, 0.5f, 1f, 3, 2),
                    new Case(false, true, 150, 333, 290, 1f, -0.25f, 1, 0),
                    new Case(true, true, 77, 400, 257, 2f, 0f, 0, 5),
                    new Case(false, false, 3, 900, 300, 1f, 0f, 0, 0),
                    new Case(false, true, VectorGemm.MANY_ROWS + 37, 45, 300, 1f, 0f, 0, 0),
                    new Case(true, true, 900, 2, 300, 1f, 0.5f, 0, 1),
                    new Case(true, false, VectorGemm.SHARED_TRANSPOSED_PACK_ROWS + 7, 70, 600, 0.5f, 1f, 3, 2));
            for (Case c : cases) {
                List<float[]> results = new ArrayList<>();
                for (int threads : new int[] {1, 2, 8}) {
                    Parallel.setThreads(threads);
                    results.add(run(fast, c, new SplittableRandom(99)));
                }
                for (int r = 1; r < results.size(); r++) {
                    assertArrayEquals(bits(results.get(0)), bits(results.get(r)), "thread counts disagree for " + c);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        Case c = new Case(false, true, 200, 150, 300, 1f, 0f, 0, 0);
        float[] expected = run(fast, c, new SplittableRandom(42));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) results.add(pool.submit(() -> run(fast, c, new SplittableRandom(42))));
            for (var r : results) assertArrayEquals(bits(expected), bits(r.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsArraysThatAreTooSmall() {
        float[] a = new float[6], b = new float[6], c = new float[3];
        assertThrows(IllegalArgumentException.class, () -> fast.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> fast.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, new float[4], 0, 2));
    }

    private void check(Case c, SplittableRandom random) {
        long seed = random.nextLong();
        float[] expected = run(reference, c, new SplittableRandom(seed));
        float[] actual = run(fast, c, new SplittableRandom(seed));
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            diff += d * d;
            norm += (double) expected[i] * expected[i];
        }
        if (norm == 0) {
            assertEquals(0.0, diff, "expected an all-zero result for " + c);
        } else {
            double rel = Math.sqrt(diff / norm);
            assertTrue(rel < TOLERANCE, "relative error " + rel + " for " + c);
        }
    }

    /** Runs one case on fresh random inputs; C starts random so beta and untouched padding are checked too. */
    private static float[] run(GemmKernels gemm, Case c, SplittableRandom random) {
        float[] a = randoms(c.aLength(), random);
        float[] b = randoms(c.bLength(), random);
        float[] out = randoms(c.cLength(), random);
        gemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.alpha(), a, c.offset(), c.lda(), b, c.offset(), c.ldb(),
                c.beta(), out, c.offset(), c.ldc());
        return out;
    }

    private static float[] randoms(int length, SplittableRandom random) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }

    private static int[] bits(float[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Float.floatToRawIntBits(x[i]);
        return out;
    }
}
