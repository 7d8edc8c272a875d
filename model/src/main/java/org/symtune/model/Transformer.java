package org.symtune.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.AttentionOps;
import org.symtune.core.autograd.EmbeddingOps;
import org.symtune.core.autograd.LossOps;
import org.symtune.core.autograd.MatmulOps;
import org.symtune.core.autograd.NormOps;
import org.symtune.core.autograd.PointwiseOps;
import org.symtune.core.autograd.ShapeOps;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.rng.Rng;

/**
 * A decoder-only transformer on the autograd tape: the whole training forward pass on one page.
 *
 * <pre>
 *   ids ─ embed ─(+ pos_embed)─ x ─┬─ block 0 ─ … ─ block L-1 ─ final_norm ─ logits = x·Eᵀ·scale ─ loss
 *   sequential block: x += attn(norm1(x));  x += mlp(norm2(x))
 *   parallel block:   h = norm(x);  x += attn(h) + mlp(h)             (PaLM)
 *   attn(h) = o( attention( rope(q(h)), smear(rope(k(h))), v(h) ) )   (rope only with rotary positions,
 *                                                                      smear only with smeared keys)
 *   mlp(h)  = down( silu(gate(h)) * up(h) )  or  down( gelu(up(h)) )
 * </pre>
 *
 * <p>Parameters have our canonical names (see {@link #parameters()}); checkpoint readers and writers map
 * them to each family's names. Linear weights are stored {@code [out, in]} like PyTorch's Linear.
 */
public final class Transformer {
    private final TransformerConfig config;
    private final Map<String, Var> params;

    private Transformer(TransformerConfig config, Map<String, Var> params) {
        this.config = config;
        this.params = Collections.unmodifiableMap(params);
    }

    public TransformerConfig config() {
        return config;
    }

    /** The trainable parameters by canonical name, in a fixed order. */
    public Map<String, Var> parameters() {
        return params;
    }

    /** One parameter by canonical name. */
    public Var param(String name) {
        Var v = params.get(name);
        if (v == null) throw new IllegalArgumentException("no parameter '" + name + "' in this " + config.family() + " model");
        return v;
    }

    /** The shapes every parameter of {@code config} has, by canonical name, in the canonical order. */
    public static Map<String, int[]> parameterShapes(TransformerConfig c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int d = c.dModel(), q = c.heads() * c.headDim(), kv = c.kvHeads() * c.headDim(), f = c.mlpHidden();
        boolean normBias = c.norm() == TransformerConfig.Norm.LAYER_NORM && c.bias();
        s.put("embed.weight", new int[] {c.vocabSize(), d});
        if (c.positions() == TransformerConfig.Positions.LEARNED) s.put("pos_embed.weight", new int[] {c.contextLength(), d});
        for (int l = 0; l < c.layers(); l++) {
            String p = "layers." + l + ".";
            s.put(p + "attn_norm.weight", new int[] {d});
            if (normBias) s.put(p + "attn_norm.bias", new int[] {d});
            linear(s, p + "attn.q", q, d, c.bias());
            linear(s, p + "attn.k", kv, d, c.bias());
            linear(s, p + "attn.v", kv, d, c.bias());
            linear(s, p + "attn.o", d, q, c.bias());
            if (c.smearKeys()) s.put(p + "attn.smear", new int[] {c.kvHeads()});
            if (c.block() == TransformerConfig.Block.SEQUENTIAL) {
                s.put(p + "mlp_norm.weight", new int[] {d});
                if (normBias) s.put(p + "mlp_norm.bias", new int[] {d});
            }
            if (c.mlp() == TransformerConfig.Mlp.SWIGLU) linear(s, p + "mlp.gate", f, d, c.bias());
            linear(s, p + "mlp.up", f, d, c.bias());
            linear(s, p + "mlp.down", d, f, c.bias());
        }
        s.put("final_norm.weight", new int[] {d});
        if (normBias) s.put("final_norm.bias", new int[] {d});
        if (!c.tiedEmbeddings()) s.put("lm_head.weight", new int[] {c.vocabSize(), d});
        return s;
    }

    private static void linear(Map<String, int[]> s, String name, int out, int in, boolean bias) {
        s.put(name + ".weight", new int[] {out, in});
        if (bias) s.put(name + ".bias", new int[] {out});
    }

    /**
     * A freshly initialised model. Linear weights ~ N(0, 1/fan_in) (variance scaling, as T5X/PaLM),
     * with the projections back into the residual stream further scaled by 1/√(2·layers); norm gains 1,
     * biases 0. Embeddings ~ N(0, 1) when the logits are scaled by 1/√dModel (PaLM), else N(0, 0.02²)
     * (GPT-2/Llama). Deterministic in {@code seed}.
     */
    public static Transformer initialize(TransformerConfig c, long seed) {
        Map<String, Var> params = new LinkedHashMap<>();
        double residualScale = 1.0 / Math.sqrt(2.0 * c.layers());
        long index = 0;
        for (Map.Entry<String, int[]> e : parameterShapes(c).entrySet()) {
            String name = e.getKey();
            Tensor t = Tensor.zeros(e.getValue());
            Rng rng = new Rng(Rng.hash(seed, index++));
            if (name.endsWith("norm.weight")) {
                t.fill(1f);
            } else if (name.endsWith(".bias") || name.endsWith("attn.smear")) {
                // zeros (a smear gate of 0 mixes a key half and half with the previous token's)
            } else if (name.equals("embed.weight") || name.equals("pos_embed.weight") || name.equals("lm_head.weight")) {
                double std = c.logitScale() != 1.0 && name.equals("embed.weight") ? 1.0 : 0.02;
                gaussian(t, rng, std);
            } else {
                int fanIn = e.getValue()[1];
                double std = 1.0 / Math.sqrt(fanIn);
                if (name.endsWith("attn.o.weight") || name.endsWith("mlp.down.weight")) std *= residualScale;
                gaussian(t, rng, std);
            }
            params.put(name, Var.param(t));
        }
        return new Transformer(c, params);
    }

    /** A model over existing parameter tensors (a loaded checkpoint); every canonical name must be present. */
    public static Transformer fromTensors(TransformerConfig c, Map<String, Tensor> tensors) {
        Map<String, Var> params = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : parameterShapes(c).entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) throw new IllegalArgumentException("missing parameter '" + e.getKey() + "'");
            if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape " + java.util.Arrays.toString(t.shape())
                        + ", the config needs " + java.util.Arrays.toString(e.getValue()));
            }
            params.put(e.getKey(), Var.param(t.contiguous()));
        }
        for (String name : tensors.keySet()) {
            if (!params.containsKey(name)) throw new IllegalArgumentException("unexpected parameter '" + name + "' for this config");
        }
        return new Transformer(c, params);
    }

    private static void gaussian(Tensor t, Rng rng, double std) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rng.nextGaussian() * std);
    }

    /** Total number of parameter elements (a tied embedding once). */
    public long parameterCount() {
        long n = 0;
        for (Var v : params.values()) n += v.value().numel();
        return n;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Var v : params.values()) v.zeroGrad();
    }

    /**
     * The logits {@code [batch·seqLen, vocab]} of a batch. Dropout is active only on a recording tape
     * with {@code config.dropout() > 0}; {@code dropoutSeed} makes its masks reproducible.
     */
    public Var logits(Tape tape, Batch b, long dropoutSeed) {
        int n = b.batch() * b.seqLen();
        int[] positions = b.positionsOrDefault();
        for (int i = 0; i < n; i++) {
            if (b.inputIds()[i] < 0 || b.inputIds()[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("input id " + b.inputIds()[i] + " at token " + i + " is outside the vocabulary of "
                        + config.vocabSize());
            }
        }
        Dropout dropout = new Dropout(tape, (float) config.dropout(), dropoutSeed);

        Var x = EmbeddingOps.embedding(tape, param("embed.weight"), b.inputIds());
        if (config.positions() == TransformerConfig.Positions.LEARNED) {
            for (int p : positions) {
                if (p >= config.contextLength()) {
                    throw new IllegalArgumentException("position " + p + " is beyond the context length " + config.contextLength());
                }
            }
            x = PointwiseOps.add(tape, x, EmbeddingOps.embedding(tape, param("pos_embed.weight"), positions));
        }
        x = dropout.apply(x);

        for (int l = 0; l < config.layers(); l++) {
            String p = "layers." + l + ".";
            Var h = norm(tape, x, p + "attn_norm");
            Var attn = dropout.apply(attention(tape, h, p, b, positions));
            if (config.block() == TransformerConfig.Block.PARALLEL) {
                Var mlp = dropout.apply(mlp(tape, h, p));
                x = PointwiseOps.add(tape, x, PointwiseOps.add(tape, attn, mlp));
            } else {
                x = PointwiseOps.add(tape, x, attn);
                Var mlp = dropout.apply(mlp(tape, norm(tape, x, p + "mlp_norm"), p));
                x = PointwiseOps.add(tape, x, mlp);
            }
        }
        x = norm(tape, x, "final_norm");
        Var head = config.tiedEmbeddings() ? param("embed.weight") : param("lm_head.weight");
        Var logits = MatmulOps.matmulTransposed(tape, x, head);
        if (config.logitScale() != 1.0) logits = PointwiseOps.scale(tape, logits, (float) config.logitScale());
        return logits;
    }

    /**
     * Mean cross-entropy over the batch's loss tokens (Σ w·nll / Σ w): the training objective.
     */
    public Var loss(Tape tape, Batch b, long dropoutSeed) {
        Var logits = logits(tape, b, dropoutSeed);
        double norm = LossOps.weightSum(b.targets(), b.weights());
        return LossOps.crossEntropy(tape, logits, b.targets(), b.weights(), (float) Math.max(norm, 1e-30));
    }

    private Var norm(Tape tape, Var x, String name) {
        Var gamma = param(name + ".weight");
        float eps = (float) config.normEps();
        if (config.norm() == TransformerConfig.Norm.RMS_NORM) return NormOps.rmsNorm(tape, x, gamma, eps);
        Var beta = params.get(name + ".bias");
        return NormOps.layerNorm(tape, x, gamma, beta, eps);
    }

    private Var linear(Tape tape, Var x, String name) {
        return MatmulOps.linear(tape, x, param(name + ".weight"), params.get(name + ".bias"));
    }

    private Var attention(Tape tape, Var h, String p, Batch b, int[] positions) {
        int heads = config.heads(), kvHeads = config.kvHeads(), hd = config.headDim();
        Var q = linear(tape, h, p + "attn.q");
        Var k = linear(tape, h, p + "attn.k");
        Var v = linear(tape, h, p + "attn.v");
        if (config.positions() == TransformerConfig.Positions.ROTARY) {
            float theta = (float) config.ropeTheta();
            q = AttentionOps.rope(tape, q, positions, heads, theta);
            k = AttentionOps.rope(tape, k, positions, kvHeads, theta);
        }
        if (config.smearKeys()) k = AttentionOps.smearKeys(tape, k, param(p + "attn.smear"), b.seqLen(), b.segments());
        int bs = b.batch(), t = b.seqLen();
        q = ShapeOps.reshape(tape, q, bs, t, heads * hd);
        k = ShapeOps.reshape(tape, k, bs, t, kvHeads * hd);
        v = ShapeOps.reshape(tape, v, bs, t, kvHeads * hd);
        Var a = AttentionOps.attention(tape, q, k, v, b.segments(), heads, kvHeads);
        a = ShapeOps.reshape(tape, a, bs * t, heads * hd);
        return linear(tape, a, p + "attn.o");
    }

    private Var mlp(Tape tape, Var h, String p) {
        Var inner;
        switch (config.mlp()) {
            case SWIGLU -> inner = PointwiseOps.swiglu(tape, linear(tape, h, p + "mlp.gate"), linear(tape, h, p + "mlp.up"));
            case GELU_TANH -> inner = PointwiseOps.gelu(tape, linear(tape, h, p + "mlp.up"), true);
            case GELU_ERF -> inner = PointwiseOps.gelu(tape, linear(tape, h, p + "mlp.up"), false);
            default -> throw new IllegalStateException("unknown MLP " + config.mlp());
        }
        return linear(tape, inner, p + "mlp.down");
    }

    /** Dropout with a fresh mask per call: the counter advances by the size of each masked tensor. */
    private static final class Dropout {
        private final Tape tape;
        private final float p;
        private final long seed;
        private long counter;

        Dropout(Tape tape, float p, long seed) {
            this.tape = tape;
            this.p = p;
            this.seed = seed;
        }

        Var apply(Var x) {
            if (p == 0f || !tape.isRecording()) return x;
            Var y = PointwiseOps.dropout(tape, x, p, seed, counter);
            counter += x.value().numel();
            return y;
        }
    }
}
