package org.symtune.core.backend;

import static org.symtune.core.backend.GemmMicroKernel.KC;
import static org.symtune.core.backend.GemmMicroKernel.LANES;
import static org.symtune.core.backend.GemmMicroKernel.MR;
import static org.symtune.core.backend.GemmMicroKernel.NR;
import static org.symtune.core.backend.GemmMicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies blocks of op(A) and op(B) into the sliver layouts {@link GemmMicroKernel} reads (see there).
 * Packing is where the four transpose cases meet: after it, the kernel sees one layout only.
 * Rows of A beyond m and columns of B beyond n are filled with zeros.
 *
 * <p>Where the values a sliver needs side by side are adjacent in memory (rows of A not transposed,
 * rows of B not transposed) packing is a plain copy that reads long sequential runs, which the hardware
 * prefetcher follows. A transposed A is packed in the kernel's p-major layout, a copy of MR adjacent
 * values per p, from whole rows of A. Where values are a stride apart (B transposed) each output vector
 * is one gather with a precomputed index pattern instead of a scalar transpose.
 */
final class GemmPacking {
    /** The first MR lanes: one column of a p-major A sliver. */
    private static final VectorMask<Float> SLIVER_LANES = SPECIES.indexInRange(0, MR);
    /** Length of the gather index a packing call needs as scratch. */
    static final int INDEX_LENGTH = NR;

    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0+rows)} and columns {@code [p0, p0+kc)} of a row-major A into {@code dst}:
     * sliver {@code s} (rows {@code i0+s·MR ..}) starts at {@code s·MR·KC}, its row r at {@code r·KC}.
     */
    static void packA(float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, float[] dst) {
        for (int s = 0, d = 0; s * MR < rows; s++, d += MR * KC) {
            int live = Math.min(MR, rows - s * MR);
            for (int r = 0; r < live; r++) {
                System.arraycopy(a, aOff + (i0 + s * MR + r) * lda + p0, dst, d + r * KC, kc);
            }
            for (int r = live; r < MR; r++) Arrays.fill(dst, d + r * KC, d + r * KC + kc, 0f);
        }
    }

    /**
     * Packs rows {@code [i0, i0+rows)} of op(A) = Aᵀ, for A row-major (k×m), over columns
     * {@code [p0+first, p0+first+count)} of op(A) (rows of A) into a K block that starts at column p0:
     * p-major slivers, sliver s (rows {@code i0+s·MR ..}) at {@code s·MR·KC} and its column p at
     * {@code p·MR} within, rows beyond {@code rows} as zeros. Each row of A is read front to back.
     */
    static void packTransposed(float[] a, int aOff, int lda, int i0, int rows, int p0, int first, int count, float[] dst) {
        int full = rows / MR, live = rows - full * MR;
        for (int p = first; p < first + count; p++) {
            int src = aOff + (p0 + p) * lda + i0;
            int d = p * MR;
            // One vector load and one masked store of MR lanes per sliver (System.arraycopy of MR floats
            // costs more in call overhead than in copying).
            int s = 0;
            for (; s < full && src + LANES <= a.length; s++, src += MR, d += MR * KC) {
                FloatVector.fromArray(SPECIES, a, src).intoArray(dst, d, SLIVER_LANES);
            }
            for (; s < full; s++, src += MR, d += MR * KC) System.arraycopy(a, src, dst, d, MR);
            if (live > 0) {
                System.arraycopy(a, src, dst, d, live);
                Arrays.fill(dst, d + live, d + MR, 0f);
            }
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
}
