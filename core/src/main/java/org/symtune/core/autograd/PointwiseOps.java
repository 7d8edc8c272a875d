package org.symtune.core.autograd;

import org.symtune.core.Tensor;
import org.symtune.core.backend.PointwiseKernels;

/** Element-wise ops on the tape: sums, products, bias, activations and dropout. */
public final class PointwiseOps {
    private PointwiseOps() {
    }

    /** {@code a + b} for tensors of the same shape. */
    public static Var add(Tape tape, Var a, Var b) {
        ShapeOps.requireSameShape("add", a, b);
        Tensor av = a.value().contiguous(), bv = b.value().contiguous();
        int n = av.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(av.shape());
        k.add(n, av.data(), av.offset(), bv.data(), bv.offset(), out.data(), 0);
        Var y = tape.result(out, a, b);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            if (a.requiresGrad()) accumulate(k, dy, a.grad(), 1f);
            if (b.requiresGrad()) accumulate(k, dy, b.grad(), 1f);
        });
        return y;
    }

    /** {@code a * b} element by element, for tensors of the same shape. */
    public static Var mul(Tape tape, Var a, Var b) {
        ShapeOps.requireSameShape("mul", a, b);
        Tensor av = a.value().contiguous(), bv = b.value().contiguous();
        int n = av.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(av.shape());
        k.mul(n, av.data(), av.offset(), bv.data(), bv.offset(), out.data(), 0);
        Var y = tape.result(out, a, b);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            float[] tmp = tape.scratch(n);
            if (a.requiresGrad()) {
                k.mul(n, dy.data(), dy.offset(), bv.data(), bv.offset(), tmp, 0);
                k.axpy(n, 1f, tmp, 0, a.grad().data(), a.grad().offset());
            }
            if (b.requiresGrad()) {
                k.mul(n, dy.data(), dy.offset(), av.data(), av.offset(), tmp, 0);
                k.axpy(n, 1f, tmp, 0, b.grad().data(), b.grad().offset());
            }
            tape.recycle(tmp);
        });
        return y;
    }

    /** {@code alpha * x}. */
    public static Var scale(Tape tape, Var x, float alpha) {
        Tensor xv = x.value().contiguous();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(xv.shape());
        k.scale(xv.numel(), alpha, xv.data(), xv.offset(), out.data(), 0);
        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> accumulate(k, y.grad(), x.grad(), alpha));
        return y;
    }

    /** {@code x + bias} with x {@code [..., C]} and bias {@code [C]} added to every row. */
    public static Var addRowVector(Tape tape, Var x, Var bias) {
        int cols = ShapeOps.lastDim("addRowVector", x);
        ShapeOps.requireVector("addRowVector", "bias", bias, cols);
        Tensor xv = x.value().contiguous();
        Tensor out = tape.output(xv.shape());
        System.arraycopy(xv.data(), xv.offset(), out.data(), 0, xv.numel());
        int rows = out.numel() / cols;
        Tensor bv = bias.value().contiguous();
        PointwiseKernels k = tape.backend().pointwise();
        k.addRowVector(rows, cols, bv.data(), bv.offset(), out.data(), 0);
        Var y = tape.result(out, x, bias);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            if (x.requiresGrad()) accumulate(k, dy, x.grad(), 1f);
            if (bias.requiresGrad()) {
                Tensor db = bias.grad();
                k.sumRowsInto(rows, cols, dy.data(), dy.offset(), db.data(), db.offset());
            }
        });
        return y;
    }

    /**
     * GELU: with {@code tanhApproximation} the tanh form (Hugging Face {@code gelu_new} /
     * {@code gelu_pytorch_tanh}), otherwise the exact {@code x·Φ(x)} ({@code gelu}).
     */
    public static Var gelu(Tape tape, Var x, boolean tanhApproximation) {
        Tensor xv = x.value().contiguous();
        int n = xv.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(xv.shape());
        k.gelu(n, tanhApproximation, xv.data(), xv.offset(), out.data(), 0);
        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad(), dx = x.grad();
            k.geluBackward(n, tanhApproximation, xv.data(), xv.offset(), dy.data(), dy.offset(), dx.data(), dx.offset());
        });
        return y;
    }

    /** SiLU (swish): {@code x·sigmoid(x)}. */
    public static Var silu(Tape tape, Var x) {
        Tensor xv = x.value().contiguous();
        int n = xv.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(xv.shape());
        k.silu(n, xv.data(), xv.offset(), out.data(), 0);
        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad(), dx = x.grad();
            k.siluBackward(n, xv.data(), xv.offset(), dy.data(), dy.offset(), dx.data(), dx.offset());
        });
        return y;
    }

    /** SwiGLU, the gated MLP activation of Llama: {@code silu(gate) * up}, same shapes. */
    public static Var swiglu(Tape tape, Var gate, Var up) {
        ShapeOps.requireSameShape("swiglu", gate, up);
        Tensor gv = gate.value().contiguous(), uv = up.value().contiguous();
        int n = gv.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(gv.shape());
        k.swiglu(n, gv.data(), gv.offset(), uv.data(), uv.offset(), out.data(), 0);
        Var y = tape.result(out, gate, up);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            Tensor dg = gate.requiresGrad() ? gate.grad() : null;
            Tensor du = up.requiresGrad() ? up.grad() : null;
            k.swigluBackward(n, gv.data(), gv.offset(), uv.data(), uv.offset(), dy.data(), dy.offset(),
                    dg == null ? null : dg.data(), dg == null ? 0 : dg.offset(),
                    du == null ? null : du.data(), du == null ? 0 : du.offset());
        });
        return y;
    }

    /**
     * Inverted dropout with drop probability p: element i is kept when
     * {@code Rng.uniform(seed, counter + i) >= p} and scaled by {@code 1/(1-p)}. The identity (x itself)
     * when p is 0 or the tape is an inference tape. Callers advance {@code counter} by {@code x.numel()}
     * per call so that masks never repeat.
     */
    public static Var dropout(Tape tape, Var x, float p, long seed, long counter) {
        if (!(p >= 0f && p <= 1f)) throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        if (p == 0f || !tape.isRecording()) return x;
        Tensor xv = x.value().contiguous();
        int n = xv.numel();
        PointwiseKernels k = tape.backend().pointwise();
        Tensor out = tape.output(xv.shape());
        k.dropout(n, p, seed, counter, xv.data(), xv.offset(), out.data(), 0);
        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad(), dx = x.grad();
            k.dropoutBackward(n, p, seed, counter, dy.data(), dy.offset(), dx.data(), dx.offset());
        });
        return y;
    }

    /** {@code g += alpha * dy} over whole (contiguous) gradient buffers. */
    private static void accumulate(PointwiseKernels k, Tensor dy, Tensor g, float alpha) {
        k.axpy(dy.numel(), alpha, dy.data(), dy.offset(), g.data(), g.offset());
    }
}
