package org.symtune.core.autograd;

import org.symtune.core.Tensor;
import org.symtune.core.backend.AttentionKernels;

/**
 * Causal self-attention and rotary position embedding on the tape.
 *
 * <p>Activations are {@code [batch, seq, heads·headDim]}: a projection's {@code [batch·seq, heads·headDim]}
 * output reshaped to three dimensions, with each token's heads side by side (the kernels' {@code [batch,
 * seq, heads, headDim]} layout, viewed without the split).
 */
public final class AttentionOps {
    private AttentionOps() {
    }

    /**
     * Causal scaled-dot-product attention with scale {@code 1/sqrt(headDim)}.
     *
     * @param q        {@code [batch, seq, qHeads·headDim]}
     * @param k        {@code [batch, seq, kvHeads·headDim]}
     * @param v        like k
     * @param segments {@code [batch·seq]} segment ids of packed examples (a token attends only to earlier
     *                 tokens of its own segment), or null for one sequence per batch row; kept (not copied)
     *                 for the backward pass, so it must not change before then
     * @param qHeads   query heads; must be a multiple of kvHeads (kvHeads = qHeads is multi-head attention,
     *                 fewer is grouped-query, 1 is multi-query)
     * @return {@code [batch, seq, qHeads·headDim]}
     */
    public static Var attention(Tape tape, Var q, Var k, Var v, int[] segments, int qHeads, int kvHeads) {
        Tensor qv = q.value();
        if (qv.rank() != 3) throw new IllegalArgumentException("attention: q must be [batch, seq, qHeads*headDim], got " + q);
        if (qHeads < 1 || kvHeads < 1 || qHeads % kvHeads != 0) {
            throw new IllegalArgumentException("attention: qHeads (" + qHeads + ") must be a positive multiple of kvHeads (" + kvHeads + ")");
        }
        int batch = qv.size(0);
        int seq = qv.size(1);
        if (qv.size(2) % qHeads != 0) {
            throw new IllegalArgumentException("attention: q's last dimension " + qv.size(2) + " is not divisible by qHeads " + qHeads);
        }
        int headDim = qv.size(2) / qHeads;
        requireShape("k", k, batch, seq, kvHeads * headDim);
        requireShape("v", v, batch, seq, kvHeads * headDim);
        if (segments != null && segments.length != batch * seq) {
            throw new IllegalArgumentException("attention: segments has " + segments.length + " entries, expected batch*seq = " + batch * seq);
        }
        AttentionKernels.Shape shape = AttentionKernels.Shape.selfAttention(batch, seq, qHeads, kvHeads, headDim);
        AttentionKernels kernels = tape.backend().attention();
        Tensor qd = atZero(qv);
        Tensor kd = atZero(k.value());
        Tensor vd = atZero(v.value());
        Tensor out = tape.output(batch, seq, qHeads * headDim);
        float[] lse = new float[batch * qHeads * seq];
        kernels.attention(shape, qd.data(), kd.data(), vd.data(), segments, segments, out.data(), lse);

        Var y = tape.result(out, q, k, v);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> kernels.attentionBackward(shape, qd.data(), kd.data(), vd.data(), segments, segments,
                out.data(), lse, atZero(y.grad()).data(), gradData(q), gradData(k), gradData(v)));
        return y;
    }

    /**
     * Rotary position embedding of x, {@code [..., heads·headDim]} with one position per row (the product
     * of the leading dimensions); the Hugging Face rotate-half convention. Positions of packed examples
     * restart at 0 in each segment: the caller passes them (kept, not copied, for the backward pass).
     */
    public static Var rope(Tape tape, Var x, int[] positions, int heads, float theta) {
        Tensor xv = x.value();
        if (xv.rank() < 1) throw new IllegalArgumentException("rope: x must have at least one dimension, got " + x);
        int width = xv.size(-1);
        if (heads < 1 || width % heads != 0) {
            throw new IllegalArgumentException("rope: the last dimension " + width + " of " + x + " is not divisible by heads " + heads);
        }
        int headDim = width / heads;
        if (headDim % 2 != 0) throw new IllegalArgumentException("rope: headDim " + headDim + " of " + x + " must be even");
        int rows = width == 0 ? 0 : xv.numel() / width;
        if (positions == null || positions.length != rows) {
            throw new IllegalArgumentException("rope: positions has " + (positions == null ? "no" : positions.length)
                    + " entries, " + x + " has " + rows + " rows");
        }
        AttentionKernels kernels = tape.backend().attention();
        Tensor xd = xv.contiguous();
        Tensor out = tape.output(xv.shape());
        kernels.rope(rows, heads, headDim, theta, positions, false, xd.data(), xd.offset(), out.data(), 0);

        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            // The rotation is orthogonal: its backward is the rotation by the negative angle.
            Tensor dy = y.grad().contiguous();
            int n = dy.numel();
            float[] back = tape.scratch(n);
            kernels.rope(rows, heads, headDim, theta, positions, true, dy.data(), dy.offset(), back, 0);
            Tensor dx = x.grad();
            tape.backend().pointwise().axpy(n, 1f, back, 0, dx.data(), dx.offset());
            tape.recycle(back);
        });
        return y;
    }

    private static void requireShape(String name, Var x, int batch, int seq, int width) {
        int[] s = x.shape();
        if (s.length != 3 || s[0] != batch || s[1] != seq || s[2] != width) {
            throw new IllegalArgumentException("attention: " + name + " must be [" + batch + ", " + seq + ", " + width
                    + "] (kvHeads*headDim, with headDim taken from q), got " + x);
        }
    }

    /** The tensor's elements in a contiguous array starting at index 0 (the kernels take no offsets). */
    private static Tensor atZero(Tensor t) {
        Tensor c = t.contiguous();
        return c.offset() == 0 ? c : c.copy();
    }

    /** The gradient buffer of x when it needs one (gradients are fresh contiguous tensors), else null. */
    private static float[] gradData(Var x) {
        if (!x.requiresGrad()) return null;
        Tensor g = x.grad();
        if (g.offset() != 0 || !g.isContiguous()) throw new IllegalStateException("attention: gradient of " + x + " is not a plain buffer");
        return g.data();
    }
}
