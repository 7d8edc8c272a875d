package org.symtune.core.autograd;

import java.util.Arrays;
import org.symtune.core.Tensor;
import org.symtune.core.backend.LossKernels;

/** Losses on the tape. */
public final class LossOps {
    private LossOps() {
    }

    /**
     * Weighted token cross-entropy {@code Σ_r w[r]·(logsumexp(logits[r]) - logits[r][targets[r]]) / normalizer}
     * as a scalar. Logits are {@code [..., V]} (one row per target); a negative target or a zero weight
     * makes a row contribute nothing; {@code weights == null} means 1 for every row. The normalizer is
     * typically the number (or total weight, see {@link #weightSum}) of target tokens in the batch.
     */
    public static Var crossEntropy(Tape tape, Var logits, int[] targets, float[] weights, float normalizer) {
        return crossEntropy(tape, logits, targets, weights, normalizer, null);
    }

    /**
     * As {@link #crossEntropy(Tape, Var, int[], float[], float)}, also writing each row's weighted loss
     * {@code w[r]·nll[r]} (0 for ignored rows, not divided by the normalizer) into {@code tokenLosses}
     * when it is not null.
     */
    public static Var crossEntropy(Tape tape, Var logits, int[] targets, float[] weights, float normalizer,
                                   float[] tokenLosses) {
        int vocab = ShapeOps.lastDim("crossEntropy", logits);
        Tensor lv = logits.value().contiguous();
        int rows = lv.numel() / vocab;
        if (targets.length != rows) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(logits.shape()) + " have " + rows
                    + " rows but there are " + targets.length + " targets");
        }
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + rows + " rows but " + weights.length + " weights");
        }
        if (tokenLosses != null && tokenLosses.length < rows) {
            throw new IllegalArgumentException("crossEntropy: tokenLosses holds " + tokenLosses.length + " values, needs " + rows);
        }
        if (!(normalizer > 0f) || Float.isInfinite(normalizer)) {
            throw new IllegalArgumentException("crossEntropy: normalizer must be positive and finite, got " + normalizer);
        }
        // Copies: the backward pass must see the targets and weights of the forward pass.
        int[] t = targets.clone();
        float[] w = weights == null ? null : weights.clone();
        float[] lse = new float[rows];
        LossKernels k = tape.backend().loss();
        double total = k.crossEntropy(rows, vocab, lv.data(), lv.offset(), t, w, tokenLosses, lse);
        Var y = tape.result(Tensor.scalar((float) (total / normalizer)), logits);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            float scale = (float) (dy.data()[dy.offset()] / (double) normalizer);
            Tensor dl = logits.grad();
            k.crossEntropyBackward(rows, vocab, lv.data(), lv.offset(), t, w, lse, scale, dl.data(), dl.offset());
        });
        return y;
    }

    /** The total weight of the rows that count (non-negative target; weight 1 when weights is null). */
    public static double weightSum(int[] targets, float[] weights) {
        if (weights != null && weights.length != targets.length) {
            throw new IllegalArgumentException("weightSum: " + targets.length + " targets but " + weights.length + " weights");
        }
        double s = 0;
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] >= 0) s += weights == null ? 1.0 : weights[r];
        }
        return s;
    }
}
