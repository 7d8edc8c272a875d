package org.symtune.core.autograd;

import org.symtune.core.Tensor;
import org.symtune.core.backend.NormKernels;

/** Normalisations over the last dimension on the tape: LayerNorm, RMSNorm and softmax. */
public final class NormOps {
    private NormOps() {
    }

    /**
     * LayerNorm over the last dimension of x {@code [..., D]} with biased variance (PyTorch):
     * {@code (x - mean)/sqrt(var + eps) * gamma + beta}; gamma and beta are {@code [D]} or null.
     */
    public static Var layerNorm(Tape tape, Var x, Var gamma, Var beta, float eps) {
        int dim = ShapeOps.lastDim("layerNorm", x);
        ShapeOps.requireVector("layerNorm", "gamma", gamma, dim);
        ShapeOps.requireVector("layerNorm", "beta", beta, dim);
        requirePositive("layerNorm", eps);
        Tensor xv = x.value().contiguous();
        int rows = xv.numel() / dim;
        float[] g = gamma == null ? null : ShapeOps.exactArray(gamma.value());
        float[] b = beta == null ? null : ShapeOps.exactArray(beta.value());
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        NormKernels k = tape.backend().norm();
        Tensor out = tape.output(xv.shape());
        k.layerNorm(rows, dim, eps, xv.data(), xv.offset(), g, b, out.data(), 0, mean, rstd);
        Var y = tape.result(out, x, gamma, beta);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            Tensor dx = x.requiresGrad() ? x.grad() : null;
            k.layerNormBackward(rows, dim, xv.data(), xv.offset(), g, mean, rstd, dy.data(), dy.offset(),
                    dx == null ? null : dx.data(), dx == null ? 0 : dx.offset(), gradArray(gamma), gradArray(beta));
        });
        return y;
    }

    /**
     * RMSNorm over the last dimension as in Llama/T5: {@code x / sqrt(mean(x²) + eps) * gamma}, gamma
     * {@code [D]} or null.
     */
    public static Var rmsNorm(Tape tape, Var x, Var gamma, float eps) {
        int dim = ShapeOps.lastDim("rmsNorm", x);
        ShapeOps.requireVector("rmsNorm", "gamma", gamma, dim);
        requirePositive("rmsNorm", eps);
        Tensor xv = x.value().contiguous();
        int rows = xv.numel() / dim;
        float[] g = gamma == null ? null : ShapeOps.exactArray(gamma.value());
        float[] rstd = new float[rows];
        NormKernels k = tape.backend().norm();
        Tensor out = tape.output(xv.shape());
        k.rmsNorm(rows, dim, eps, xv.data(), xv.offset(), g, out.data(), 0, rstd);
        Var y = tape.result(out, x, gamma);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            Tensor dx = x.requiresGrad() ? x.grad() : null;
            k.rmsNormBackward(rows, dim, xv.data(), xv.offset(), g, rstd, dy.data(), dy.offset(),
                    dx == null ? null : dx.data(), dx == null ? 0 : dx.offset(), gradArray(gamma));
        });
        return y;
    }

    /** Softmax over the last dimension (the row max is subtracted first). */
    public static Var softmax(Tape tape, Var x) {
        int cols = ShapeOps.lastDim("softmax", x);
        Tensor xv = x.value().contiguous();
        int rows = xv.numel() / cols;
        NormKernels k = tape.backend().norm();
        Tensor out = tape.output(xv.shape());
        k.softmax(rows, cols, xv.data(), xv.offset(), out.data(), 0);
        Var y = tape.result(out, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad(), dx = x.grad();
            k.softmaxBackward(rows, cols, out.data(), 0, dy.data(), dy.offset(), dx.data(), dx.offset());
        });
        return y;
    }

    /** The gradient buffer of an affine parameter (fresh, so it starts at index 0), or null. */
    private static float[] gradArray(Var v) {
        return v != null && v.requiresGrad() ? v.grad().data() : null;
    }

    private static void requirePositive(String op, float eps) {
        if (!(eps > 0f) || Float.isInfinite(eps)) throw new IllegalArgumentException(op + ": eps must be positive and finite, got " + eps);
    }
}
