package org.symtune.model.infer;

import java.util.List;
import java.util.Map;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.TransformerConfig.Block;
import org.symtune.model.TransformerConfig.Mlp;
import org.symtune.model.TransformerConfig.Norm;
import org.symtune.model.TransformerConfig.Positions;

/** Small models of every family shape, and the training forward as the no-cache reference. */
final class InferTestModels {
    static final int CONTEXT = 48;

    private InferTestModels() {
    }

    /**
     * PaLM (rotary, RMSNorm, SwiGLU, parallel, multi-query, tied, scaled logits); GPT-2 (learned positions,
     * LayerNorm with biases, tanh GELU, sequential, biases); Llama (rotary θ 5e5, grouped KV heads, separate
     * head); and two hybrids covering exact GELU, LayerNorm without bias, a parallel block with biases, an
     * untied head with a logit scale, and multi-query attention in a sequential block; and PaLM with smeared
     * keys over two key/value heads.
     */
    static List<TransformerConfig> configs(int vocab) {
        return List.of(
                new TransformerConfig("palm", vocab, CONTEXT, 16, 2, 4, 1, 4, 24, Positions.ROTARY, 10000, Norm.RMS_NORM, 1e-6,
                        Mlp.SWIGLU, Block.PARALLEL, false, true, 1 / Math.sqrt(16), 0.0),
                new TransformerConfig("gpt2", vocab, CONTEXT, 16, 2, 2, 2, 8, 64, Positions.LEARNED, 10000, Norm.LAYER_NORM, 1e-5,
                        Mlp.GELU_TANH, Block.SEQUENTIAL, true, true, 1.0, 0.0),
                new TransformerConfig("llama", vocab, CONTEXT, 16, 2, 4, 2, 4, 24, Positions.ROTARY, 500000, Norm.RMS_NORM, 1e-5,
                        Mlp.SWIGLU, Block.SEQUENTIAL, false, false, 1.0, 0.0),
                new TransformerConfig("gpt2", vocab, CONTEXT, 16, 2, 4, 2, 4, 32, Positions.LEARNED, 10000, Norm.LAYER_NORM, 1e-5,
                        Mlp.GELU_ERF, Block.PARALLEL, true, false, 0.5, 0.0),
                new TransformerConfig("llama", vocab, CONTEXT, 16, 3, 2, 1, 8, 32, Positions.ROTARY, 10000, Norm.LAYER_NORM, 1e-5,
                        Mlp.GELU_TANH, Block.SEQUENTIAL, false, false, 1.0, 0.0),
                new TransformerConfig("palm", vocab, CONTEXT, 16, 2, 4, 2, 4, 24, Positions.ROTARY, 10000, Norm.RMS_NORM, 1e-6,
                        Mlp.SWIGLU, Block.PARALLEL, false, true, 1 / Math.sqrt(16), 0.0, true));
    }

    /**
     * A model with every parameter random and of a size that makes the logits decisive (embeddings of
     * unit scale, biases and norm parameters away from their initial 0 and 1), so a wrong bias, gain or
     * position shows up and greedy decoding is not at the mercy of near-ties.
     */
    static Transformer randomModel(TransformerConfig c, long seed) {
        Transformer m = Transformer.initialize(c, seed);
        Rng rng = new Rng(seed * 31 + 7);
        for (Map.Entry<String, Var> e : m.parameters().entrySet()) {
            String name = e.getKey();
            float[] d = e.getValue().value().data();
            if (name.endsWith("norm.weight")) {
                for (int i = 0; i < d.length; i++) d[i] = (float) (1 + 0.2 * rng.nextGaussian());
            } else if (name.endsWith(".bias") || name.endsWith("attn.smear")) {
                for (int i = 0; i < d.length; i++) d[i] = (float) (0.2 * rng.nextGaussian());
            } else if (name.contains("embed") || name.equals("lm_head.weight")) {
                for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
            }
        }
        return m;
    }

    /** The training forward's logits {@code [ids.length, vocab]} of one sequence, on an inference tape. */
    static float[] referenceLogits(Transformer m, Backend backend, int[] ids) {
        Tensor t = m.logits(Tape.inference(backend), Batch.nextToken(new int[][] {ids}), 0).value();
        return t.toArray();
    }

    static int[] randomIds(Rng rng, int n, int vocab) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = rng.nextInt(vocab);
        return ids;
    }

    /** ‖a − b‖ / ‖b‖ over {@code n} elements from the given offsets. */
    static double relDiff(float[] a, int aOff, float[] b, int bOff, int n) {
        double diff = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            diff += d * d;
            norm += (double) b[bOff + i] * b[bOff + i];
        }
        return Math.sqrt(diff / norm);
    }

    static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (x[off + i] > x[off + best]) best = i;
        return best;
    }

    /** log softmax(row)[target] in double, written out from the definition. */
    static double logSoftmax(float[] x, int off, int n, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[off + i] - max);
        return x[off + target] - max - Math.log(sum);
    }
}
