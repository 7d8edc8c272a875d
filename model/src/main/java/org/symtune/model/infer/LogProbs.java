package org.symtune.model.infer;

/** Log-softmax look-ups on one row of logits, in double precision. */
public final class LogProbs {
    private LogProbs() {
    }

    /** {@code log softmax(row)[target]} for the row {@code logits[off, off + vocab)}. */
    public static double of(float[] logits, int off, int vocab, int target) {
        return logits[off + target] - logSumExp(logits, off, vocab);
    }

    public static double logSumExp(float[] logits, int off, int vocab) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) max = Math.max(max, logits[off + i]);
        double sum = 0;
        for (int i = 0; i < vocab; i++) sum += Math.exp((double) logits[off + i] - max);
        return max + Math.log(sum);
    }

    /** The index of the largest logit; the lowest such index on ties (what greedy decoding picks). */
    public static int argmax(float[] logits, int off, int vocab) {
        int best = 0;
        float max = logits[off];
        for (int i = 1; i < vocab; i++) {
            if (logits[off + i] > max) {
                max = logits[off + i];
                best = i;
            }
        }
        return best;
    }
}
