package org.symtune.core.backend;

import static org.symtune.core.backend.GemmMicroKernel.KC;
import static org.symtune.core.backend.GemmMicroKernel.LANES;
import static org.symtune.core.backend.GemmMicroKernel.MR;
import static org.symtune.core.backend.GemmMicroKernel.NR;
import static org.symtune.core.backend.GemmMicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the sliver layouts {@link GemmMicroKernel} reads (see there).
 * Packing is where the four transpose cases meet: after it, the kernel sees one layout only.
 * Rows of A beyond m and columns of B beyond n are filled with zeros.
 *
 * <p>Where the values a sliver needs side by side are adjacent in memory (rows of A not transposed,
 * rows of B not transposed) packing is a plain copy that reads long sequential runs, which the hardware
 * prefetcher follows. Where they are a stride apart (A or B transposed) each output vector is one
 * gather with a precomputed index pattern instead of a scalar transpose.
 */
final class GemmPacking {
    /** Length of the gather index a packing call needs as scratch. */
    static final int INDEX_LENGTH = NR;

    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0+rows)} and columns {@code [p0, p0+kc)} of op(A) into {@code dst}: sliver
     * {@code s} (rows {@code i0+s·MR ..}) starts at {@code s·MR·KC}, its row r at {@code r·KC} within.
     * {@code index} is scratch of {@link #INDEX_LENGTH} ints.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kc,
                      float[] dst, int[] index) {
        for (int s = 0, d = 0; s * MR < rows; s++, d += MR * KC) {
            int live = Math.min(MR, rows - s * MR);
            if (transA) {
                // Row r of op(A) is column r of A. Reading A row by row (the sliver's MR values of each p
                // side by side) streams through memory; gathering each column instead touched a new cache
                // line per value and was the slower half of every weight-gradient product.
                int src = aOff + p0 * lda + i0 + s * MR;
                for (int p = 0; p < kc; p++, src += lda) {
                    for (int r = 0; r < live; r++) dst[d + r * KC + p] = a[src + r];
                }
            } else {
                for (int r = 0; r < live; r++) {
                    System.arraycopy(a, aOff + (i0 + s * MR + r) * lda + p0, dst, d + r * KC, kc);
                }
            }
            for (int r = live; r < MR; r++) Arrays.fill(dst, d + r * KC, d + r * KC + kc, 0f);
        }
    }

    /**
     * Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+cols)} of op(B) into {@code dst} from
     * {@code dstOff}: sliver {@code s} (columns {@code j0+s·NR ..}) starts at {@code dstOff + s·NR·kc},
     * its row p at {@code p·NR} within. {@code index} is scratch of {@link #INDEX_LENGTH} ints.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int cols,
                      float[] dst, int dstOff, int[] index) {
        int full = cols / NR, live = cols - full * NR, sliverSize = NR * kc;
        if (!transB) {
            // Row by row of B, so that each source row is read once, front to back.
            for (int p = 0; p < kc; p++) {
                int sp = bOff + (p0 + p) * ldb + j0, dp = dstOff + p * NR;
                for (int s = 0; s < full; s++, sp += NR, dp += sliverSize) {
                    for (int v = 0; v < NR; v += LANES) FloatVector.fromArray(SPECIES, b, sp + v).intoArray(dst, dp + v);
                }
                if (live > 0) edgeRow(b, sp, 1, live, dst, dp);
            }
            return;
        }
        // op(B) = Bᵀ: sliver row p holds B[j][p] for NR consecutive j, i.e. values ldb apart.
        for (int q = 0; q < NR; q++) index[q] = q * ldb;
        for (int s = 0; s < full; s++) {
            int origin = bOff + (j0 + s * NR) * ldb + p0;
            for (int p = 0, dp = dstOff + s * sliverSize; p < kc; p++, dp += NR) {
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector.fromArray(SPECIES, b, origin + p, index, v).intoArray(dst, dp + v);
                }
            }
        }
        if (live > 0) {
            int origin = bOff + (j0 + full * NR) * ldb + p0;
            for (int p = 0, dp = dstOff + full * sliverSize; p < kc; p++, dp += NR) edgeRow(b, origin + p, ldb, live, dst, dp);
        }
    }

    /** One row of an edge sliver: {@code live} values {@code src[at + j·stride]}, then zeros up to NR. */
    private static void edgeRow(float[] src, int at, int stride, int live, float[] dst, int dp) {
        for (int j = 0; j < live; j++) dst[dp + j] = src[at + j * stride];
        Arrays.fill(dst, dp + live, dp + NR, 0f);
    }

    /** {@code dst[d + p] = src[origin + p·stride]} for p &lt; n; {@code index} holds {@code q·stride}. */
    private static void gatherRun(float[] src, int origin, int stride, int n, float[] dst, int d, int[] index) {
        int p = 0;
        for (int bound = SPECIES.loopBound(n); p < bound; p += LANES) {
            FloatVector.fromArray(SPECIES, src, origin + p * stride, index, 0).intoArray(dst, d + p);
        }
        for (; p < n; p++) dst[d + p] = src[origin + p * stride];
    }
}
