package org.symtune.model.device;

import org.symtune.core.gpu.DeviceUnsupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.LossOps;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.AttentionKernels;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceAttention;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

/**
 * A {@link Transformer} resident on a {@link ComputeDevice}: its parameters are uploaded once, and the
 * training loss of a {@link Batch} is computed forward and backward explicitly, layer by layer, with
 * {@link DeviceOps} (no tape). Activations, gradients and parameters stay on the device; a batch goes in
 * and the loss comes out as one number. The ops and their arguments mirror those the autograd ops call on
 * the CPU for {@link Transformer#loss}, so the two agree to float rounding.
 *
 * <p>Every family and option of {@link TransformerConfig} runs here (sequential or parallel blocks, LayerNorm
 * or RMSNorm, learned or rotary positions, GELU or SwiGLU, biases, tied or separate output embeddings, logit
 * scaling, dropout with the CPU's masks); head sizes above {@link DeviceAttention#MAX_HEAD_DIM} are refused.
 *
 * <p>Gradients accumulate across calls of {@link #lossAndGradients} until {@link #zeroGradients}, which is how
 * micro-batches add up to one step. Not thread-safe, like the {@link DeviceOps} it uses.
 */
public final class DeviceTransformer implements AutoCloseable {
    private final TransformerConfig config;
    private final DeviceOps ops;
    private final ComputeDevice device;
    private final Map<String, int[]> shapes;
    private final Map<String, DeviceBuffer> weights = new LinkedHashMap<>();
    private final Map<String, DeviceBuffer> grads = new LinkedHashMap<>();
    private final DeviceAttention.RopeTable rope;
    /** [0] the cross-entropy total of the last forward pass, [1] the gradients' sum of squares. */
    private final DeviceBuffer scalars;
    /** One sum of squares per parameter, reduced again into {@code scalars[1]}. */
    private final DeviceBuffer paramSquares;
    private Activations act;
    /** The buffers of {@link #logitsAt}: row indices, gathered hidden states and their logits. */
    private Picked picked;

    private DeviceTransformer(TransformerConfig config, DeviceOps ops) {
        this.config = config;
        this.ops = ops;
        this.device = ops.device();
        this.shapes = Transformer.parameterShapes(config);
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            long n = numel(e.getValue());
            weights.put(e.getKey(), device.allocate(n));
            grads.put(e.getKey(), device.allocate(n));
        }
        rope = config.positions() == TransformerConfig.Positions.ROTARY
                ? ops.attention().ropeTable(config.headDim(), (float) config.ropeTheta(), config.contextLength()) : null;
        scalars = device.allocate(2);
        paramSquares = device.allocate(shapes.size());
    }

    /**
     * Uploads {@code model}'s parameters to the device of {@code ops}.
     *
     * @throws DeviceUnsupportedException when the model uses something the device kernels cannot run
     */
    public static DeviceTransformer upload(Transformer model, DeviceOps ops) {
        requireSupported(model.config());
        DeviceTransformer d = new DeviceTransformer(model.config(), ops);
        d.uploadFrom(model);
        return d;
    }

    /** Throws, naming the feature, when {@code c} cannot be trained on a device. */
    public static void requireSupported(TransformerConfig c) {
        if (c.smearKeys()) throw new DeviceUnsupportedException("device training: smeared keys (smear_keys) run on the CPU only");
        if (c.headDim() > DeviceAttention.MAX_HEAD_DIM) {
            throw new DeviceUnsupportedException("device training: head size " + c.headDim() + " is above the device attention kernels' limit of "
                    + DeviceAttention.MAX_HEAD_DIM);
        }
    }

    public TransformerConfig config() {
        return config;
    }

    /** Parameter shapes by canonical name, in the model's order. */
    public Map<String, int[]> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /** The parameters' device buffers by canonical name. */
    public Map<String, DeviceBuffer> weights() {
        return Collections.unmodifiableMap(weights);
    }

    /** The gradients' device buffers by canonical name. */
    public Map<String, DeviceBuffer> gradients() {
        return Collections.unmodifiableMap(grads);
    }

    /** Copies the parameters of {@code model} (same config) to the device. */
    public void uploadFrom(Transformer model) {
        for (Map.Entry<String, DeviceBuffer> e : weights.entrySet()) {
            Tensor t = model.param(e.getKey()).value().contiguous();
            checkShape(e.getKey(), t);
            device.upload(t.data(), t.offset(), e.getValue(), 0, t.numel());
        }
    }

    /** Copies the device's parameters into {@code model}'s tensors (for checkpoints). */
    public void downloadInto(Transformer model) {
        for (Map.Entry<String, DeviceBuffer> e : weights.entrySet()) {
            Var v = model.param(e.getKey());
            Tensor t = v.value();
            checkShape(e.getKey(), t);
            if (!t.isContiguous()) throw new IllegalArgumentException("parameter '" + e.getKey() + "' of the host model is not contiguous");
            device.download(e.getValue(), 0, t.data(), t.offset(), t.numel());
        }
    }

    /** One parameter's values, downloaded. */
    public float[] downloadWeight(String name) {
        return download(buffer(weights, name));
    }

    /** One parameter's accumulated gradient, downloaded. */
    public float[] downloadGradient(String name) {
        return download(buffer(grads, name));
    }

    private float[] download(DeviceBuffer b) {
        float[] a = new float[(int) b.count()];
        device.download(b, 0, a, 0, a.length);
        return a;
    }

    private static DeviceBuffer buffer(Map<String, DeviceBuffer> m, String name) {
        DeviceBuffer b = m.get(name);
        if (b == null) throw new IllegalArgumentException("no parameter '" + name + "' in this model");
        return b;
    }

    private void checkShape(String name, Tensor t) {
        if (!java.util.Arrays.equals(t.shape(), shapes.get(name))) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + java.util.Arrays.toString(t.shape())
                    + ", the device model needs " + java.util.Arrays.toString(shapes.get(name)));
        }
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        for (DeviceBuffer g : grads.values()) ops.pointwise().fill((int) g.count(), 0f, g, 0);
    }

    /**
     * The L2 norm of all gradients: a sum of squares per parameter and their sum, on the device; only the
     * total comes back.
     */
    public double gradientNorm() {
        int i = 0;
        for (DeviceBuffer g : grads.values()) ops.reductions().sumOfSquares((int) g.count(), g, 0, paramSquares, i++);
        ops.reductions().sum(grads.size(), paramSquares, 0, scalars, 1);
        float[] s = new float[1];
        device.download(scalars, 1, s, 0, 1);
        return Math.sqrt(s[0]);
    }

    /** Multiplies every gradient by {@code factor} (gradient clipping). */
    public void scaleGradients(float factor) {
        for (DeviceBuffer g : grads.values()) ops.pointwise().scale((int) g.count(), factor, g, 0, g, 0);
    }

    /** The mean loss of {@code b} (as {@link Transformer#loss} on an inference tape: no dropout), forward only. */
    public double loss(Batch b) {
        Pass pass = forward(b, 0L, false);
        return pass.loss;
    }

    /**
     * The logits of every token of {@code b}, {@code [batch · seqLen · vocab]} row-major, as {@link Transformer#logits}
     * on an inference tape (no dropout); the targets and weights of {@code b} are not read.
     */
    public float[] logits(Batch b) {
        int[] every = new int[b.batch() * b.seqLen()];
        for (int i = 0; i < every.length; i++) every[i] = i;
        return logitsAt(b, every);
    }

    /**
     * The logits at the chosen tokens of {@code b} only, {@code [tokens.length · vocab]}: {@code tokens[i]} indexes
     * the flattened batch ({@code row · seqLen + position}). The output head runs on these tokens alone, so asking
     * for the last position of each row costs one row of the head's matrix product, and only those logits come back.
     */
    public float[] logitsAt(Batch b, int[] tokens) {
        int n = b.batch() * b.seqLen(), d = config.dModel(), vocab = config.vocabSize();
        if (tokens.length == 0) return new float[0];
        if ((long) tokens.length * vocab > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(tokens.length + " tokens of " + vocab + " logits each do not fit one array; ask for fewer");
        }
        trunk(b, 0L, false, false);
        if (picked == null || picked.capacity < tokens.length) {
            if (picked != null) picked.release();
            picked = null;
            picked = new Picked(tokens.length);
        }
        // The chosen rows of the final hidden states are gathered with the embedding kernel (a row look-up).
        ops.loss().uploadIds(tokens, tokens.length, n, picked.rows);
        ops.loss().embedding(tokens.length, d, act.hFinal, picked.rows, picked.hidden, 0);
        ops.gemm().sgemm(false, true, tokens.length, vocab, d, 1f, picked.hidden, 0, d, head(weights), 0, d, 0f, picked.logits, 0, vocab);
        if (config.logitScale() != 1.0) {
            ops.pointwise().scale(tokens.length * vocab, (float) config.logitScale(), picked.logits, 0, picked.logits, 0);
        }
        float[] out = new float[tokens.length * vocab];
        device.download(picked.logits, 0, out, 0, out.length);
        return out;
    }

    /**
     * Forward and backward pass of {@code b}: adds {@code lossGradient · d(loss)/d(parameter)} to every
     * gradient and returns the batch's mean loss (Σ w·nll / Σ w), as {@link Transformer#loss} on a training
     * tape with {@code dropoutSeed} followed by {@code tape.backward(loss, lossGradient)}.
     */
    public double lossAndGradients(Batch b, long dropoutSeed, float lossGradient) {
        Pass pass = forward(b, dropoutSeed, true);
        backward(pass, lossGradient);
        return pass.loss;
    }

    /** What the backward pass needs to know about the forward pass it follows. */
    private record Pass(int batch, int seqLen, int n, boolean hasWeights, boolean hasSegments, float normalizer, double loss,
                        boolean dropout, long seed, long[] counters) {
    }

    private Pass forward(Batch b, long seed, boolean training) {
        boolean dropout = training && config.dropout() > 0;
        long[] counters = trunk(b, seed, dropout, true);
        TransformerConfig c = config;
        Activations a = act;
        int n = b.batch() * b.seqLen(), d = c.dModel();
        int vocab = c.vocabSize();
        ops.gemm().sgemm(false, true, n, vocab, d, 1f, a.hFinal, 0, d, head(weights), 0, d, 0f, a.logits, 0, vocab);
        if (c.logitScale() != 1.0) ops.pointwise().scale(n * vocab, (float) c.logitScale(), a.logits, 0, a.logits, 0);
        float normalizer = (float) Math.max(LossOps.weightSum(b.targets(), b.weights()), 1e-30);
        ops.loss().crossEntropy(n, vocab, a.logits, 0, a.targets, b.weights() == null ? null : a.weights, null, a.lse, scalars, 0);
        float[] total = new float[1];
        device.download(scalars, 0, total, 0, 1);
        double loss = (float) (total[0] / (double) normalizer);
        return new Pass(b.batch(), b.seqLen(), n, b.weights() != null, b.segments() != null, normalizer, loss, dropout, seed, counters);
    }

    /**
     * Embeddings, every layer and the final norm of {@code b} into {@code act.hFinal}, with the dropout counters of
     * each dropout site ({@code dropout} on); {@code withLoss} also uploads the targets and weights, and keeps the
     * buffers the loss and the backward pass need.
     */
    private long[] trunk(Batch b, long seed, boolean dropout, boolean withLoss) {
        TransformerConfig c = config;
        if (b.seqLen() > c.contextLength()) {
            throw new IllegalArgumentException("batch rows of " + b.seqLen() + " tokens are longer than the context length " + c.contextLength());
        }
        int n = b.batch() * b.seqLen(), d = c.dModel(), layers = c.layers();
        if (act == null || act.capacity < n || (withLoss && !act.withLoss)) {
            if (act != null) act.release();
            act = null; // released before the new buffers are taken, so both never hold device memory at once
            act = new Activations(n, withLoss);
        }
        Activations a = act;
        int[] positions = b.positionsOrDefault();
        for (int i = 0; i < n; i++) {
            if (positions[i] < 0 || positions[i] >= c.contextLength()) {
                throw new IllegalArgumentException("position " + positions[i] + " at token " + i + " is outside the context length " + c.contextLength());
            }
        }
        ops.loss().uploadIds(b.inputIds(), n, c.vocabSize(), a.ids);
        device.upload(positions, 0, a.positions, 0, n);
        if (withLoss) {
            ops.loss().uploadTargets(b.targets(), n, c.vocabSize(), a.targets);
            if (b.weights() != null) device.upload(b.weights(), 0, a.weights, 0, n);
        }
        if (b.segments() != null) device.upload(b.segments(), 0, a.segments, 0, n);
        long[] counters = new long[1 + 2 * layers];
        long counter = 0;

        DeviceBuffer embed = weights.get("embed.weight");
        DeviceBuffer x0 = dropout ? a.branchA : a.res[0];
        ops.loss().embedding(n, d, embed, a.ids, x0, 0);
        if (c.positions() == TransformerConfig.Positions.LEARNED) {
            ops.loss().embedding(n, d, weights.get("pos_embed.weight"), a.positions, a.branchM, 0);
            ops.pointwise().add(n * d, x0, 0, a.branchM, 0, x0, 0);
        }
        if (dropout) {
            counters[0] = counter;
            ops.pointwise().dropout(n * d, (float) c.dropout(), seed, counter, x0, 0, a.res[0], 0);
            counter += (long) n * d;
        }

        AttentionKernels.Shape shape = AttentionKernels.Shape.selfAttention(b.batch(), b.seqLen(), c.heads(), c.kvHeads(), c.headDim());
        DeviceBuffer segs = b.segments() == null ? null : a.segments;
        for (int l = 0; l < layers; l++) {
            String p = "layers." + l + ".";
            Layer y = a.layers[l];
            norm(n, p + "attn_norm", a.res[l], y.h1, y.mean1, y.rstd1);
            linear(n, y.h1, p + "attn.q", y.q);
            linear(n, y.h1, p + "attn.k", y.k);
            linear(n, y.h1, p + "attn.v", y.v);
            if (rope != null) {
                ops.attention().rope(n, c.heads(), c.headDim(), rope, a.positions, false, y.q, 0, y.q, 0);
                ops.attention().rope(n, c.kvHeads(), c.headDim(), rope, a.positions, false, y.k, 0, y.k, 0);
            }
            ops.attention().attention(shape, y.q, y.k, y.v, segs, segs, y.att, y.lse);
            DeviceBuffer attnOut = dropout ? a.scratch : a.branchA;
            linear(n, y.att, p + "attn.o", attnOut);
            if (dropout) {
                counters[1 + 2 * l] = counter;
                ops.pointwise().dropout(n * d, (float) c.dropout(), seed, counter, attnOut, 0, a.branchA, 0);
                counter += (long) n * d;
            }
            if (c.block() == TransformerConfig.Block.PARALLEL) {
                mlpForward(n, p, y, y.h1, dropout ? a.scratch : a.branchM);
                if (dropout) {
                    counters[2 + 2 * l] = counter;
                    ops.pointwise().dropout(n * d, (float) c.dropout(), seed, counter, a.scratch, 0, a.branchM, 0);
                    counter += (long) n * d;
                }
                ops.pointwise().add(n * d, a.branchA, 0, a.branchM, 0, a.branchA, 0);
                ops.pointwise().add(n * d, a.res[l], 0, a.branchA, 0, a.res[l + 1], 0);
            } else {
                ops.pointwise().add(n * d, a.res[l], 0, a.branchA, 0, y.mid, 0);
                norm(n, p + "mlp_norm", y.mid, y.h2, y.mean2, y.rstd2);
                mlpForward(n, p, y, y.h2, dropout ? a.scratch : a.branchM);
                if (dropout) {
                    counters[2 + 2 * l] = counter;
                    ops.pointwise().dropout(n * d, (float) c.dropout(), seed, counter, a.scratch, 0, a.branchM, 0);
                    counter += (long) n * d;
                }
                ops.pointwise().add(n * d, y.mid, 0, a.branchM, 0, a.res[l + 1], 0);
            }
        }
        norm(n, "final_norm", a.res[layers], a.hFinal, a.meanFinal, a.rstdFinal);
        return counters;
    }

    private void backward(Pass pass, float lossGradient) {
        TransformerConfig c = config;
        Activations a = act;
        int n = pass.n, d = c.dModel(), vocab = c.vocabSize(), layers = c.layers();
        DeviceBuffer targetWeights = pass.hasWeights ? a.weights : null;
        float scale = (float) (lossGradient / (double) pass.normalizer);
        ops.pointwise().fill(n * vocab, 0f, a.dLogits, 0);
        ops.loss().crossEntropyBackward(n, vocab, a.logits, 0, a.targets, targetWeights, a.lse, scale, a.dLogits, 0);
        if (c.logitScale() != 1.0) ops.pointwise().scale(n * vocab, (float) c.logitScale(), a.dLogits, 0, a.dLogits, 0);
        // logits = hFinal · headᵀ
        ops.gemm().sgemm(false, false, n, d, vocab, 1f, a.dLogits, 0, vocab, head(weights), 0, d, 0f, a.dH, 0, d);
        ops.gemm().sgemm(true, false, vocab, d, n, 1f, a.dLogits, 0, vocab, a.hFinal, 0, d, 1f, head(grads), 0, d);
        ops.pointwise().fill(n * d, 0f, a.dRes, 0);
        normBackward(n, "final_norm", a.res[layers], a.meanFinal, a.rstdFinal, a.dH, a.dRes);

        AttentionKernels.Shape shape = AttentionKernels.Shape.selfAttention(pass.batch, pass.seqLen, c.heads(), c.kvHeads(), c.headDim());
        DeviceBuffer segs = pass.hasSegments ? a.segments : null;
        for (int l = layers - 1; l >= 0; l--) {
            String p = "layers." + l + ".";
            Layer y = a.layers[l];
            boolean parallel = c.block() == TransformerConfig.Block.PARALLEL;
            // dRes holds d(loss)/d(res[l+1]); each branch adds its share of d/d(its input) back into it.
            DeviceBuffer dMlp = dropoutBackward(pass, pass.counters[2 + 2 * l], a.dRes, a.dBranch);
            ops.pointwise().fill(n * d, 0f, a.dH, 0);
            mlpBackward(n, p, y, parallel ? y.h1 : y.h2, dMlp, a.dH);
            if (!parallel) {
                normBackward(n, p + "mlp_norm", y.mid, y.mean2, y.rstd2, a.dH, a.dRes);
                ops.pointwise().fill(n * d, 0f, a.dH, 0);
            }
            DeviceBuffer dAttn = dropoutBackward(pass, pass.counters[1 + 2 * l], a.dRes, a.dBranch);
            linearBackward(n, y.att, p + "attn.o", dAttn, a.dAtt, false);
            ops.pointwise().fill(n * c.heads() * c.headDim(), 0f, a.dq, 0);
            ops.pointwise().fill(n * c.kvHeads() * c.headDim(), 0f, a.dk, 0);
            ops.pointwise().fill(n * c.kvHeads() * c.headDim(), 0f, a.dv, 0);
            ops.attention().attentionBackward(shape, y.q, y.k, y.v, segs, segs, y.att, y.lse, a.dAtt, a.dq, a.dk, a.dv);
            if (rope != null) {
                // The rotation is orthogonal: its backward pass is the rotation by the negative angle.
                ops.attention().rope(n, c.heads(), c.headDim(), rope, a.positions, true, a.dq, 0, a.dq, 0);
                ops.attention().rope(n, c.kvHeads(), c.headDim(), rope, a.positions, true, a.dk, 0, a.dk, 0);
            }
            linearBackward(n, y.h1, p + "attn.q", a.dq, a.dH, true);
            linearBackward(n, y.h1, p + "attn.k", a.dk, a.dH, true);
            linearBackward(n, y.h1, p + "attn.v", a.dv, a.dH, true);
            normBackward(n, p + "attn_norm", a.res[l], y.mean1, y.rstd1, a.dH, a.dRes);
        }
        DeviceBuffer dEmbed = dropoutBackward(pass, pass.counters[0], a.dRes, a.dBranch);
        ops.loss().embeddingBackward(n, d, a.ids, dEmbed, 0, grads.get("embed.weight"));
        if (c.positions() == TransformerConfig.Positions.LEARNED) {
            ops.loss().embeddingBackward(n, d, a.positions, dEmbed, 0, grads.get("pos_embed.weight"));
        }
    }

    /** The gradient below a dropout applied at {@code counter}: {@code dy} itself without dropout, else in {@code scratch}. */
    private DeviceBuffer dropoutBackward(Pass pass, long counter, DeviceBuffer dy, DeviceBuffer scratch) {
        if (!pass.dropout) return dy;
        int size = pass.n * config.dModel();
        ops.pointwise().fill(size, 0f, scratch, 0);
        ops.pointwise().dropoutBackward(size, (float) config.dropout(), pass.seed, counter, dy, 0, scratch, 0);
        return scratch;
    }

    private DeviceBuffer head(Map<String, DeviceBuffer> m) {
        return config.tiedEmbeddings() ? m.get("embed.weight") : m.get("lm_head.weight");
    }

    private void norm(int n, String name, DeviceBuffer x, DeviceBuffer y, DeviceBuffer mean, DeviceBuffer rstd) {
        float eps = (float) config.normEps();
        DeviceBuffer gamma = weights.get(name + ".weight");
        if (config.norm() == TransformerConfig.Norm.RMS_NORM) {
            ops.norm().rmsNorm(n, config.dModel(), eps, x, 0, gamma, y, 0, rstd);
        } else {
            ops.norm().layerNorm(n, config.dModel(), eps, x, 0, gamma, weights.get(name + ".bias"), y, 0, mean, rstd);
        }
    }

    /** Adds the norm's input gradient into dx and its parameter gradients into theirs. */
    private void normBackward(int n, String name, DeviceBuffer x, DeviceBuffer mean, DeviceBuffer rstd, DeviceBuffer dy, DeviceBuffer dx) {
        DeviceBuffer gamma = weights.get(name + ".weight");
        if (config.norm() == TransformerConfig.Norm.RMS_NORM) {
            ops.norm().rmsNormBackward(n, config.dModel(), x, 0, gamma, rstd, dy, 0, dx, 0, grads.get(name + ".weight"));
        } else {
            ops.norm().layerNormBackward(n, config.dModel(), x, 0, gamma, mean, rstd, dy, 0, dx, 0, grads.get(name + ".weight"),
                    grads.get(name + ".bias"));
        }
    }

    /** {@code y = x · Wᵀ (+ b)} for the linear layer {@code name}, W stored {@code [out, in]}. */
    private void linear(int n, DeviceBuffer x, String name, DeviceBuffer y) {
        int[] s = shapes.get(name + ".weight");
        int out = s[0], in = s[1];
        ops.gemm().sgemm(false, true, n, out, in, 1f, x, 0, in, weights.get(name + ".weight"), 0, in, 0f, y, 0, out);
        DeviceBuffer bias = weights.get(name + ".bias");
        if (bias != null) ops.pointwise().addRowVector(n, out, bias, 0, y, 0);
    }

    /** Backward of {@link #linear}: {@code dx (+)= dy · W}, and W's (and b's) gradients accumulate. */
    private void linearBackward(int n, DeviceBuffer x, String name, DeviceBuffer dy, DeviceBuffer dx, boolean accumulate) {
        int[] s = shapes.get(name + ".weight");
        int out = s[0], in = s[1];
        ops.gemm().sgemm(false, false, n, in, out, 1f, dy, 0, out, weights.get(name + ".weight"), 0, in, accumulate ? 1f : 0f, dx, 0, in);
        ops.gemm().sgemm(true, false, out, in, n, 1f, dy, 0, out, x, 0, in, 1f, grads.get(name + ".weight"), 0, in);
        DeviceBuffer db = grads.get(name + ".bias");
        if (db != null) ops.pointwise().sumRowsInto(n, out, dy, 0, db, 0);
    }

    private void mlpForward(int n, String p, Layer y, DeviceBuffer h, DeviceBuffer out) {
        int f = config.mlpHidden();
        switch (config.mlp()) {
            case SWIGLU -> {
                linear(n, h, p + "mlp.gate", y.gate);
                linear(n, h, p + "mlp.up", y.up);
                ops.pointwise().swiglu(n * f, y.gate, 0, y.up, 0, y.inner, 0);
            }
            case GELU_TANH, GELU_ERF -> {
                linear(n, h, p + "mlp.up", y.up);
                ops.pointwise().gelu(n * f, config.mlp() == TransformerConfig.Mlp.GELU_TANH, y.up, 0, y.inner, 0);
            }
        }
        linear(n, y.inner, p + "mlp.down", out);
    }

    /** Backward of the MLP from {@code dOut}; adds d/d(h) into {@code dh}. */
    private void mlpBackward(int n, String p, Layer y, DeviceBuffer h, DeviceBuffer dOut, DeviceBuffer dh) {
        int f = config.mlpHidden();
        Activations a = act;
        linearBackward(n, y.inner, p + "mlp.down", dOut, a.dInner, false);
        ops.pointwise().fill(n * f, 0f, a.dUp, 0);
        if (config.mlp() == TransformerConfig.Mlp.SWIGLU) {
            ops.pointwise().fill(n * f, 0f, a.dGate, 0);
            ops.pointwise().swigluBackward(n * f, y.gate, 0, y.up, 0, a.dInner, 0, a.dGate, 0, a.dUp, 0);
            linearBackward(n, h, p + "mlp.gate", a.dGate, dh, true);
        } else {
            ops.pointwise().geluBackward(n * f, config.mlp() == TransformerConfig.Mlp.GELU_TANH, y.up, 0, a.dInner, 0, a.dUp, 0);
        }
        linearBackward(n, h, p + "mlp.up", a.dUp, dh, true);
    }

    /** Frees the device buffers (the device itself stays open). */
    @Override
    public void close() {
        if (act != null) act.release();
        act = null;
        if (picked != null) picked.release();
        picked = null;
        weights.values().forEach(DeviceBuffer::release);
        grads.values().forEach(DeviceBuffer::release);
        if (rope != null) rope.release();
        scalars.release();
        paramSquares.release();
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** Buffers for the logits of up to {@code capacity} chosen tokens. */
    private final class Picked {
        final int capacity;
        final DeviceBuffer rows, hidden, logits;

        Picked(int capacity) {
            this.capacity = capacity;
            rows = device.allocate(capacity);
            hidden = device.allocate((long) capacity * config.dModel());
            logits = device.allocate((long) capacity * config.vocabSize());
        }

        void release() {
            rows.release();
            hidden.release();
            logits.release();
        }
    }

    /** What one layer keeps from the forward pass for the backward pass. */
    private final class Layer {
        final DeviceBuffer h1, mean1, rstd1, q, k, v, att, lse, mid, h2, mean2, rstd2, gate, up, inner;

        Layer(Activations a, int n) {
            TransformerConfig c = config;
            long nd = (long) n * c.dModel(), nq = (long) n * c.heads() * c.headDim(), nkv = (long) n * c.kvHeads() * c.headDim();
            long nf = (long) n * c.mlpHidden();
            boolean sequential = c.block() == TransformerConfig.Block.SEQUENTIAL;
            boolean layerNorm = c.norm() == TransformerConfig.Norm.LAYER_NORM;
            h1 = a.take(nd);
            mean1 = layerNorm ? a.take(n) : null;
            rstd1 = a.take(n);
            q = a.take(nq);
            k = a.take(nkv);
            v = a.take(nkv);
            att = a.take(nq);
            lse = a.take((long) n * c.heads());
            mid = sequential ? a.take(nd) : null;
            h2 = sequential ? a.take(nd) : null;
            mean2 = sequential && layerNorm ? a.take(n) : null;
            rstd2 = sequential ? a.take(n) : null;
            gate = c.mlp() == TransformerConfig.Mlp.SWIGLU ? a.take(nf) : null;
            up = a.take(nf);
            inner = a.take(nf);
        }
    }

    /**
     * The activation buffers for batches of up to {@code capacity} tokens; with {@code withLoss}, also the logits
     * of every token, the loss inputs and the gradient buffers of the backward pass (null otherwise).
     */
    private final class Activations {
        final int capacity;
        final boolean withLoss;
        private final List<DeviceBuffer> all = new ArrayList<>();
        final DeviceBuffer ids, positions, targets, weights, segments;
        final DeviceBuffer[] res;
        final Layer[] layers;
        final DeviceBuffer branchA, branchM, scratch, hFinal, meanFinal, rstdFinal, logits, lse;
        final DeviceBuffer dLogits, dRes, dH, dBranch, dAtt, dq, dk, dv, dInner, dGate, dUp;

        Activations(int n, boolean withLoss) {
            capacity = n;
            this.withLoss = withLoss;
            TransformerConfig c = config;
            long nd = (long) n * c.dModel(), nq = (long) n * c.heads() * c.headDim(), nkv = (long) n * c.kvHeads() * c.headDim();
            long nf = (long) n * c.mlpHidden(), nv = (long) n * c.vocabSize();
            ids = take(n);
            positions = take(n);
            targets = withLoss ? take(n) : null;
            weights = withLoss ? take(n) : null;
            segments = take(n);
            res = new DeviceBuffer[c.layers() + 1];
            for (int l = 0; l <= c.layers(); l++) res[l] = take(nd);
            layers = new Layer[c.layers()];
            for (int l = 0; l < c.layers(); l++) layers[l] = new Layer(this, n);
            branchA = take(nd);
            branchM = take(nd);
            scratch = take(nd);
            hFinal = take(nd);
            meanFinal = take(n);
            rstdFinal = take(n);
            logits = withLoss ? take(nv) : null;
            lse = withLoss ? take(n) : null;
            dLogits = withLoss ? take(nv) : null;
            dRes = withLoss ? take(nd) : null;
            dH = withLoss ? take(nd) : null;
            dBranch = withLoss ? take(nd) : null;
            dAtt = withLoss ? take(nq) : null;
            dq = withLoss ? take(nq) : null;
            dk = withLoss ? take(nkv) : null;
            dv = withLoss ? take(nkv) : null;
            dInner = withLoss ? take(nf) : null;
            dGate = withLoss && c.mlp() == TransformerConfig.Mlp.SWIGLU ? take(nf) : null;
            dUp = withLoss ? take(nf) : null;
        }

        DeviceBuffer take(long count) {
            DeviceBuffer b = device.allocate(Math.max(1, count));
            all.add(b);
            return b;
        }

        void release() {
            all.forEach(DeviceBuffer::release);
            all.clear();
        }
    }
}
