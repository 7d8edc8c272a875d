package org.symtune.core.backend;

import static org.symtune.core.backend.GemmMicroKernel.KC;
import static org.symtune.core.backend.GemmMicroKernel.MR;
import static org.symtune.core.backend.GemmMicroKernel.NR;

import java.util.concurrent.atomic.AtomicInteger;
import org.symtune.core.parallel.Parallel;

/**
 * Fast GEMM on the Vector API, in the GotoBLAS/BLIS structure: op(B) is packed once per column
 * panel into NR-wide slivers shared by all threads (the tasks pack it together before they multiply),
 * each parallel task owns a block of rows of C,
 * packs its rows of op(A) one KC-deep block at a time into MR-tall slivers, and runs
 * {@link GemmMicroKernel} over them. Products too small to pay for packing go to
 * {@link GemmSmallKernel}, matrix-vector-like ones (a few rows or columns) to {@link GemmNarrowKernel}.
 *
 * <p>Determinism: tasks are fixed by the problem size (row blocks of {@link #rowBlock}, sliver groups for
 * packing), never by the thread count; each element of C is computed by exactly one task, and the
 * shared dimension is split into the same KC blocks added to C in increasing order. So the result is
 * bit-identical for any number of threads.
 */
final class VectorGemm implements GemmKernels {
    /** Rows of C per parallel task, at most: each B sliver brought into L2 serves this many rows. */
    static final int MC = 8 * MR;
    /** Below this many rows, tasks get half as many rows, so that there are enough of them to balance. */
    static final int MANY_ROWS = 16 * MC;
    /** Columns of packed B streamed past one A sliver: KC×NC_STREAM floats stay in L2. */
    static final int NC_STREAM = 1024;
    /** Floats of packed B held at once; wider problems are done in column panels. */
    static final int PACKED_B_FLOATS = 1 << 22;
    /** Slivers of B packed per packing task. */
    static final int PACK_GROUP = 4;
    /**
     * From this many rows of op(A) on, a transposed A is packed by all tasks together (one region per K
     * block); below, each task packs its own rows, as the rows of A it reads are short anyway and the
     * extra regions would cost more than they save. Measured on the weight-gradient shapes of the presets.
     */
    static final int SHARED_TRANSPOSED_PACK_ROWS = 1024;
    /** Rows of A (values of p) per packing group when a transposed A is packed for all tasks at once. */
    static final int TRANSPOSED_PACK_ROWS = 16;
    /** Products with m·n·k at most this go to the unpacked kernel. */
    static final long SMALL_PRODUCT = 32L * 32 * 32;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Per-thread packing buffers, reused across calls. */
    private static final class Workspace {
        final float[] aPack = new float[MC * KC];
        final float[] acc = new float[MR * NR];
        final int[] index = new int[GemmPacking.INDEX_LENGTH];
        float[] bPack = new float[0];
        float[] aShared = new float[0];
        float[] narrow = new float[0];

        /** The shared packed K block of a transposed A: at least {@code floats} floats. */
        float[] aShared(int floats) {
            if (aShared.length < floats) aShared = new float[floats];
            return aShared;
        }

        /** A buffer of at least {@code floats} floats plus a cache line of slack for alignment. */
        float[] bPack(int floats) {
            if (bPack.length < floats + 16) bPack = new float[floats + 16];
            return bPack;
        }
    }

    /** The calling thread's scratch for the few rows or columns of a narrow product. */
    private static float[] narrowScratch(int floats) {
        Workspace ws = WORKSPACE.get();
        if (ws.narrow.length < floats) ws.narrow = new float[floats];
        return ws.narrow;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
        } else if ((long) m * n * k <= SMALL_PRODUCT) {
            GemmSmallKernel.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m <= GemmNarrowKernel.FEW) {
            GemmNarrowKernel.fewRows(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    narrowScratch(GemmNarrowKernel.FEW * k));
        } else if (n <= GemmNarrowKernel.FEW) {
            GemmNarrowKernel.fewCols(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    narrowScratch(GemmNarrowKernel.FEW * k));
        } else {
            blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** {@code C = beta·C}, writing zeros (not {@code 0·C}) when beta is 0. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[row + j] *= beta;
            }
        }
    }

    private static void blocked(boolean transA, boolean transB, int m, int n, int k,
                                float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        // Equal K blocks (no thin last block); they depend on k only.
        int kBlocks = ceilDiv(k, KC);
        int kc = ceilDiv(k, kBlocks);
        int panelMax = Math.max(NR, PACKED_B_FLOATS / k / NR * NR);
        int panels = ceilDiv(n, panelMax);
        int panelWidth = roundUp(ceilDiv(n, panels), NR);
        if ((long) k * panelWidth > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("GEMM: k = " + k + " is too deep for a packed panel of B (k·" + NR
                    + " must fit an array)");
        }
        float[] bPack = WORKSPACE.get().bPack(k * panelWidth);
        // Every sliver is a multiple of 64 bytes long, so aligning the first aligns them all.
        int bBase = GemmAlignment.firstAlignedIndex(bPack);
        int rows = rowBlock(m);
        int rowTasks = ceilDiv(m, rows);

        float[] aShared = transA ? WORKSPACE.get().aShared(roundUp(m, MR) * KC) : null;
        for (int j0 = 0; j0 < n; j0 += panelWidth) {
            int width = Math.min(panelWidth, n - j0);
            int padded = roundUp(width, NR);
            int panelStart = j0;
            int packTasks = ceilDiv(padded / NR, PACK_GROUP);
            if (!transA || m < SHARED_TRANSPOSED_PACK_ROWS) {
                // One parallel region per panel: every task first helps pack B (groups of slivers, claimed
                // in turn), waits until all are packed, then multiplies its rows. A second region just for
                // packing would cost another wake-up of the pool, which is most of the time of a small call.
                PackingBarrier barrier = new PackingBarrier(packTasks);
                Parallel.forTasks(rowTasks, t -> {
                    barrier.packAndWait(g -> packGroup(transB, b, bOff, ldb, k, kc, panelStart, width, padded, g, bPack, bBase));
                    int i0 = t * rows;
                    multiplyRowBlock(transA, i0, Math.min(rows, m - i0), panelStart, width, padded, k, kc,
                            alpha, a, aOff, lda, bPack, bBase, beta, c, cOff, ldc);
                });
                continue;
            }
            // op(A) = Aᵀ: its rows are columns of A. Packed per task, each sliver would read a few values from
            // each of kc rows of A, a pattern the prefetchers do not follow, and the product waited on memory.
            // Instead all tasks pack each K block of op(A) together from whole rows of A (long sequential
            // runs), then multiply their rows of C against it: one region per K block.
            for (int p0 = 0; p0 < k; p0 += kc) {
                int depth = Math.min(kc, k - p0), blockStart = p0;
                int bGroups = p0 == 0 ? packTasks : 0; // B's panel is packed for all of k in the first block
                int aGroups = ceilDiv(depth, TRANSPOSED_PACK_ROWS);
                float blockBeta = p0 == 0 ? beta : 1f;
                PackingBarrier barrier = new PackingBarrier(bGroups + aGroups);
                Parallel.forTasks(rowTasks, t -> {
                    barrier.packAndWait(g -> {
                        if (g < bGroups) {
                            packGroup(transB, b, bOff, ldb, k, kc, panelStart, width, padded, g, bPack, bBase);
                        } else {
                            int first = (g - bGroups) * TRANSPOSED_PACK_ROWS;
                            GemmPacking.packTransposed(a, aOff, lda, 0, m, blockStart, first,
                                    Math.min(TRANSPOSED_PACK_ROWS, depth - first), aShared);
                        }
                    });
                    int i0 = t * rows;
                    multiplyBlock(i0, Math.min(rows, m - i0), panelStart, width, depth, aShared, i0 * KC, true,
                            bPack, bBase + blockStart * padded, alpha, blockBeta, c, cOff, ldc);
                });
            }
        }
    }

    /**
     * Packing work shared by the tasks of one parallel region: each task claims groups in turn, packs
     * them, then waits until every group is packed (by any task) before it multiplies.
     */
    private static final class PackingBarrier {
        private final int groups;
        private final AtomicInteger claimed = new AtomicInteger();
        private final AtomicInteger packed = new AtomicInteger();

        PackingBarrier(int groups) {
            this.groups = groups;
        }

        void packAndWait(java.util.function.IntConsumer pack) {
            for (int g; (g = claimed.getAndIncrement()) < groups; ) {
                try {
                    pack.accept(g);
                } finally {
                    packed.incrementAndGet();
                }
            }
            // Groups still being packed by another thread take microseconds; yield if that thread is held up.
            for (int spins = 0; packed.get() < groups; spins++) {
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /** Packs slivers {@code [g·PACK_GROUP, (g+1)·PACK_GROUP)} of the panel at column j0, for all of k. */
    private static void packGroup(boolean transB, float[] b, int bOff, int ldb, int k, int kc, int j0, int width,
                                  int padded, int g, float[] bPack, int bBase) {
        int first = g * PACK_GROUP * NR;
        int cols = Math.min(PACK_GROUP * NR, width - first);
        int[] index = WORKSPACE.get().index;
        for (int p0 = 0; p0 < k; p0 += kc) {
            int depth = Math.min(kc, k - p0);
            GemmPacking.packB(transB, b, bOff, ldb, p0, depth, j0 + first, cols,
                    bPack, bBase + p0 * padded + first * depth, index);
        }
    }

    /** Rows {@code [i0, i0+rows)} × panel columns {@code [j0, j0+width)} of C, packing this task's rows of op(A), over all of k. */
    private static void multiplyRowBlock(boolean transA, int i0, int rows, int j0, int width, int padded, int k, int kc,
                                         float alpha, float[] a, int aOff, int lda, float[] bPack, int bBase,
                                         float beta, float[] c, int cOff, int ldc) {
        float[] aPack = WORKSPACE.get().aPack;
        for (int p0 = 0; p0 < k; p0 += kc) {
            int depth = Math.min(kc, k - p0);
            if (transA) {
                GemmPacking.packTransposed(a, aOff, lda, i0, rows, p0, 0, depth, aPack);
            } else {
                GemmPacking.packA(a, aOff, lda, i0, rows, p0, depth, aPack);
            }
            // The first K block applies beta; later blocks add onto what is there.
            multiplyBlock(i0, rows, j0, width, depth, aPack, 0, transA, bPack, bBase + p0 * padded,
                    alpha, p0 == 0 ? beta : 1f, c, cOff, ldc);
        }
    }

    /**
     * One K block: rows {@code [i0, i0+rows)} × panel columns {@code [j0, j0+width)} of C from packed A
     * slivers at {@code aStart} (p-major when {@code aPMajor}) and the panel's packed B block at {@code bBlock}.
     */
    private static void multiplyBlock(int i0, int rows, int j0, int width, int depth, float[] aPack, int aStart,
                                      boolean aPMajor, float[] bPack, int bBlock, float alpha, float blockBeta,
                                      float[] c, int cOff, int ldc) {
        float[] acc = WORKSPACE.get().acc;
        for (int js = 0; js < width; js += NC_STREAM) {
            int jsEnd = Math.min(width, js + NC_STREAM);
            for (int ir = 0; ir < rows; ir += MR) {
                int mr = Math.min(MR, rows - ir);
                int aSliver = aStart + ir * KC;
                int cRow = cOff + (i0 + ir) * ldc + j0;
                for (int jr = js; jr < jsEnd; jr += NR) {
                    GemmMicroKernel.tile(depth, aPack, aSliver, aPMajor, bPack, bBlock + jr * depth,
                            c, cRow + jr, ldc, alpha, blockBeta, mr, Math.min(NR, width - jr), acc);
                }
            }
        }
    }

    /**
     * Rows of C per task for an m-row product: {@link #MC} (more reuse of packed B from L2) when that
     * still makes 16 tasks or more, else MC/2 (finer tasks, better balance between threads).
     */
    static int rowBlock(int m) {
        return m >= MANY_ROWS ? MC : MC / 2;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
