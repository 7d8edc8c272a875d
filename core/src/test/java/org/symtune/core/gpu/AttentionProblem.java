package org.symtune.core.gpu;

import java.util.Arrays;
import org.symtune.core.backend.AttentionKernels.Shape;
import org.symtune.core.rng.Rng;

/**
 * A random attention problem: inputs, an output gradient and optional packed segments. K/V rows past kvLen
 * (unused cache slack) hold NaN, so a kernel that reads them shows it.
 */
final class AttentionProblem {
    final Shape s;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] dOut;
    final int[] qSeg;
    final int[] kSeg;
    private final Rng rng;

    private AttentionProblem(Shape s, Rng rng, boolean packed) {
        this.s = s;
        this.rng = rng;
        int batch = s.batch(), dim = s.headDim();
        q = DeviceTestSupport.random(rng, batch * s.qLen() * s.qHeads() * dim, 2f);
        k = DeviceTestSupport.random(rng, batch * s.kvStride() * s.kvHeads() * dim, 2f);
        v = DeviceTestSupport.random(rng, k.length, 1f);
        dOut = DeviceTestSupport.random(rng, q.length, 1f);
        for (int b = 0; b < batch; b++) {
            Arrays.fill(k, (b * s.kvStride() + s.kvLen()) * s.kvHeads() * dim, (b + 1) * s.kvStride() * s.kvHeads() * dim, Float.NaN);
            Arrays.fill(v, (b * s.kvStride() + s.kvLen()) * s.kvHeads() * dim, (b + 1) * s.kvStride() * s.kvHeads() * dim, Float.NaN);
        }
        if (packed) {
            kSeg = new int[batch * s.kvStride()];
            qSeg = new int[batch * s.qLen()];
            for (int b = 0; b < batch; b++) {
                int id = 0, left = 1 + rng.nextInt(20);
                for (int j = 0; j < s.kvStride(); j++) {
                    if (left-- == 0) {
                        id++;
                        left = rng.nextInt(20);
                    }
                    kSeg[b * s.kvStride() + j] = id;
                }
                for (int i = 0; i < s.qLen(); i++) qSeg[b * s.qLen() + i] = kSeg[b * s.kvStride() + i + s.kvLen() - s.qLen()];
            }
        } else {
            qSeg = null;
            kSeg = null;
        }
    }

    static AttentionProblem random(long seed, int batch, int qLen, int kvLen, int kvStride, int qHeads, int kvHeads, int dim,
                                   boolean packed) {
        Shape s = new Shape(batch, qLen, kvLen, kvStride, qHeads, kvHeads, dim, (float) (1.0 / Math.sqrt(dim)));
        return new AttentionProblem(s, new Rng(seed), packed);
    }

    /** A non-zero starting gradient, so that the kernels are seen to add into it. */
    float[] grad0(int n) {
        return DeviceTestSupport.random(rng, n, 0.5f);
    }

    @Override
    public String toString() {
        return s + (qSeg == null ? "" : " packed");
    }
}
