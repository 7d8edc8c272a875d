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

    /**
     * Smeared keys (Olsson et al. 2022): each head's key becomes a learned mix of its own token's key and
     * the previous token's, {@code k'[t] = s·k[t] + (1 − s)·k[t−1]} with {@code s = sigmoid(gate[head])}.
     * A token with no previous token in its row and segment mixes with zero. With it, a single attention
     * layer can attend from a token to whatever followed that token's earlier occurrence, the copying
     * circuit that otherwise needs two layers to compose.
     *
     * @param k        {@code [rows, heads·headDim]}, rows = batch·seq in batch-major order
     * @param gate     {@code [heads]}: the mix's logit per head
     * @param seq      tokens per batch row (a row's first token has no previous token)
     * @param segments {@code [rows]} segment ids of packed examples, or null; kept for the backward pass
     */
    public static Var smearKeys(Tape tape, Var k, Var gate, int seq, int[] segments) {
        Tensor kv = k.value();
        if (kv.rank() != 2) throw new IllegalArgumentException("smearKeys: k must be [rows, heads*headDim], got " + k);
        int rows = kv.size(0), width = kv.size(1);
        Tensor gv = gate.value();
        if (gv.rank() != 1 || gv.size(0) < 1 || width % gv.size(0) != 0) {
            throw new IllegalArgumentException("smearKeys: gate must be [heads] with heads dividing " + width + ", got " + gate);
        }
        if (seq < 1 || rows % seq != 0) throw new IllegalArgumentException("smearKeys: " + rows + " rows are not whole sequences of " + seq);
        if (segments != null && segments.length != rows) {
            throw new IllegalArgumentException("smearKeys: segments has " + segments.length + " entries, k has " + rows + " rows");
        }
        int heads = gv.size(0), hd = width / heads;
        Tensor kc = kv.contiguous();
        float[] x = kc.data();
        int xo = kc.offset();
        float[] s = new float[heads];
        Tensor gc = gv.contiguous();
        for (int h = 0; h < heads; h++) s[h] = (float) (1.0 / (1.0 + Math.exp(-gc.data()[gc.offset() + h])));
        Tensor out = tape.output(rows, width);
        float[] y = out.data();
        for (int r = 0; r < rows; r++) {
            boolean prev = hasPrevious(r, seq, segments);
            for (int h = 0; h < heads; h++) {
                float a = s[h], b = 1f - a;
                int base = r * width + h * hd;
                for (int c = 0; c < hd; c++) {
                    float cur = x[xo + base + c];
                    y[base + c] = prev ? a * cur + b * x[xo + base - width + c] : a * cur;
                }
            }
        }
        Var result = tape.result(out, k, gate);
        if (!result.requiresGrad()) return result;
        tape.record(result, () -> {
            Tensor dyT = result.grad().contiguous();
            float[] dy = dyT.data();
            int dyo = dyT.offset();
            Tensor dk = k.requiresGrad() ? k.grad() : null;
            double[] dGate = new double[heads];
            for (int r = 0; r < rows; r++) {
                boolean prev = hasPrevious(r, seq, segments);
                for (int h = 0; h < heads; h++) {
                    float a = s[h], b = 1f - a;
                    int base = r * width + h * hd;
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        float g = dy[dyo + base + c];
                        float cur = x[xo + base + c];
                        float before = prev ? x[xo + base - width + c] : 0f;
                        dot += (double) g * (cur - before);
                        if (dk != null) {
                            dk.data()[dk.offset() + base + c] += a * g;
                            if (prev) dk.data()[dk.offset() + base - width + c] += b * g;
                        }
                    }
                    dGate[h] += dot;
                }
            }
            if (gate.requiresGrad()) {
                Tensor dg = gate.grad();
                // d s / d gate = s (1 - s)
                for (int h = 0; h < heads; h++) dg.data()[dg.offset() + h] += (float) (dGate[h] * s[h] * (1 - s[h]));
            }
        });
        return result;
    }

    /** Whether token r has a previous token in its batch row and segment. */
    public static boolean hasPrevious(int r, int seq, int[] segments) {
        if (r % seq == 0) return false;
        return segments == null || segments[r - 1] == segments[r];
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
