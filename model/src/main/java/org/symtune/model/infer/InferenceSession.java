package org.symtune.model.infer;

import java.util.Arrays;
import org.symtune.core.backend.AttentionKernels;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.GemmKernels;
import org.symtune.core.backend.PointwiseKernels;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

/**
 * Incremental forward passes of a {@link Transformer} with a KV cache, for generation and scoring. No
 * autograd tape is built: the backend's kernels run directly on buffers that are reused from call to
 * call, and each call computes only the new positions, attending to the cached keys and values.
 *
 * <p>A session holds {@code batch} rows that advance together: each call adds the same number of slots to
 * every row. Rows of different lengths are aligned with padding ({@link #PAD}): {@link #prefill} left-pads shorter prompts,
 * and a finished row of a batched generation is fed padding. Real tokens never attend to padding, and
 * each row's positions count its real tokens only, so a padded row computes what it would compute alone
 * (up to rounding).
 *
 * <pre>
 *   new ids ─ embed (+ pos_embed) ─ x ─┬─ per layer: h = norm(x); q,k,v = proj(h); rope; k,v → cache
 *                                      │             a = o(attention(q, cache)); x += a (+ mlp) as the block says
 *                                      └─ final_norm (only the rows whose logits are wanted) ─ logits = x·headᵀ·scale
 * </pre>
 *
 * <p>A session is not thread-safe; the kernels it calls are parallel and deterministic.
 */
public final class InferenceSession implements DecodeSession {
    /** The id that marks a padding slot in the ids given to {@link #forwardAll}, {@link #forwardLast} and {@link #decode}. */
    public static final int PAD = -1;

    private final ModelWeights w;
    private final TransformerConfig c;
    private final Backend backend;
    private final KvCache cache;
    private final float[] lastLogits;
    private Buffers buf;
    private AttentionObserver observer;

    /**
     * Receives the attention probabilities of batch row 0 as each layer computes them, for interpretability
     * probes: {@code probs[(h · n + i) · kvLen + s]} is what query head h of new slot i pays to slot s (0 for
     * padding and for slots after the query). Computed in plain Java beside the kernel, so it costs time.
     */
    @FunctionalInterface
    public interface AttentionObserver {
        void observe(int layer, int heads, int n, int kvLen, float[] probs);
    }

    /** Sets (or with null removes) the observer of attention probabilities. */
    public void observeAttention(AttentionObserver o) {
        this.observer = o;
    }

    private InferenceSession(ModelWeights w, Backend backend, KvCache cache) {
        this.w = w;
        this.c = w.config;
        this.backend = backend;
        this.cache = cache;
        this.lastLogits = new float[cache.batch * c.vocabSize()];
    }

    /**
     * A session of {@code batch} rows with room for {@code capacity} slots per row (padding included).
     * The session reads the model's parameter storage; it should not be used while the parameters change.
     */
    public static InferenceSession open(Transformer model, Backend backend, int batch, int capacity) {
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        TransformerConfig c = model.config();
        return new InferenceSession(new ModelWeights(model), backend,
                new KvCache(c.layers(), batch, capacity, c.kvHeads() * c.headDim(), c.smearKeys()));
    }

    public TransformerConfig config() {
        return c;
    }

    public int batch() {
        return cache.batch;
    }

    /** Slots per row the cache can hold. */
    public int capacity() {
        return cache.capacity;
    }

    /** Filled slots per row (the same for all rows, padding included). */
    public int length() {
        return cache.length;
    }

    /** Real tokens seen by row {@code row}: the position its next token will have. */
    public int tokens(int row) {
        return cache.tokens[row];
    }

    /**
     * Feeds one prompt per row, left-padded to the longest, and returns the logits after each prompt's
     * last token, {@code [batch, vocab]}: the session's own buffer, overwritten by the next call.
     */
    @Override
    public float[] prefill(int[][] prompts) {
        if (prompts.length != cache.batch) {
            throw new IllegalArgumentException(prompts.length + " prompts for a session of batch " + cache.batch);
        }
        int longest = 0;
        for (int b = 0; b < prompts.length; b++) {
            if (prompts[b].length == 0) throw new IllegalArgumentException("prompt " + b + " is empty: there is no token to predict from");
            longest = Math.max(longest, prompts[b].length);
        }
        int[] ids = new int[cache.batch * longest];
        Arrays.fill(ids, PAD);
        for (int b = 0; b < prompts.length; b++) {
            System.arraycopy(prompts[b], 0, ids, b * longest + longest - prompts[b].length, prompts[b].length);
        }
        return forwardLast(ids, longest);
    }

    /**
     * Feeds one token per row ({@link #PAD} for a row that should not advance) and returns the next-token
     * logits {@code [batch, vocab]}: the session's own buffer, overwritten by the next call.
     */
    @Override
    public float[] decode(int[] next) {
        return forwardLast(next, 1);
    }

    /**
     * Feeds {@code n} slots per row ({@code ids} is {@code [batch, n]}) and returns the logits of the last
     * slot of every row, {@code [batch, vocab]}: the session's own buffer, overwritten by the next call.
     */
    public float[] forwardLast(int[] ids, int n) {
        run(ids, n);
        int d = c.dModel();
        Buffers b = buf;
        for (int r = 0; r < cache.batch; r++) System.arraycopy(b.x, ((r + 1) * n - 1) * d, b.last, r * d, d);
        logits(cache.batch, b.last, lastLogits);
        return lastLogits;
    }

    /** Feeds {@code n} slots per row and returns the logits of every new slot, {@code [batch·n, vocab]}, in a new array. */
    public float[] forwardAll(int[] ids, int n) {
        run(ids, n);
        int rows = cache.batch * n;
        float[] out = new float[Math.multiplyExact(rows, c.vocabSize())];
        logits(rows, buf.x, out);
        return out;
    }

    /**
     * A new session whose row r starts as a copy of this session's row {@code sources[r]}, with room for
     * {@code capacity} slots: the shared prompt of several continuations is computed once and forked.
     */
    public InferenceSession fork(int[] sources, int capacity) {
        if (sources.length < 1) throw new IllegalArgumentException("fork: no rows");
        return new InferenceSession(w, backend, cache.fork(sources, capacity));
    }

    /** Forgets every token so the session can be reused. */
    public void reset() {
        cache.clear();
    }

    // ------------------------------------------------------------------ the forward pass

    /** Validates and feeds {@code n} slots per row; leaves the final residual stream in {@code buf.x}. */
    private void run(int[] ids, int n) {
        int batch = cache.batch;
        if (n < 1) throw new IllegalArgumentException("at least one new slot per row is needed, got " + n);
        if (ids.length != batch * n) {
            throw new IllegalArgumentException(ids.length + " ids given, expected batch·n = " + batch + "·" + n);
        }
        if (cache.length + n > cache.capacity) {
            throw new IllegalArgumentException("the KV cache is full: " + cache.length + " of " + cache.capacity
                    + " slots per row are filled and " + n + " more were fed");
        }
        for (int r = 0; r < batch; r++) {
            int real = 0;
            for (int i = 0; i < n; i++) {
                int id = ids[r * n + i];
                if (id == PAD) continue;
                if (id < 0 || id >= c.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " (row " + r + ", slot " + i + ") is outside the vocabulary of "
                            + c.vocabSize());
                }
                real++;
            }
            if (cache.tokens[r] + real > c.contextLength()) {
                throw new IllegalArgumentException("row " + r + " would hold " + (cache.tokens[r] + real)
                        + " tokens, beyond the model's context length of " + c.contextLength());
            }
        }

        int rows = batch * n;
        Buffers b = buffers(rows);
        for (int r = 0; r < batch; r++) {
            b.tokensBefore[r] = cache.tokens[r];
            for (int i = 0; i < n; i++) {
                int t = r * n + i;
                int slot = cache.length + i;
                boolean real = ids[t] != PAD;
                b.ids[t] = real ? ids[t] : 0;
                b.positions[t] = real ? cache.tokens[r]++ : 0;
                b.qSegments[t] = real ? 1 : 0;
                cache.segments[r * cache.capacity + slot] = b.qSegments[t];
                if (!real) cache.padded = true;
            }
        }

        int d = c.dModel();
        PointwiseKernels pw = backend.pointwise();
        backend.loss().embedding(rows, d, w.embed, b.ids, b.x, 0);
        if (w.posEmbed != null) {
            backend.loss().embedding(rows, d, w.posEmbed, b.positions, b.proj, 0);
            pw.add(rows * d, b.x, 0, b.proj, 0, b.x, 0);
        }
        for (int l = 0; l < c.layers(); l++) {
            ModelWeights.Layer layer = w.layers[l];
            norm(rows, layer.attnNorm(), b.x, b.h);
            attention(l, layer, n, b);
            if (c.block() == TransformerConfig.Block.PARALLEL) {
                mlp(rows, layer, b.h, b);
                pw.add(rows * d, b.proj, 0, b.mlpOut, 0, b.proj, 0);
                pw.add(rows * d, b.x, 0, b.proj, 0, b.x, 0);
            } else {
                pw.add(rows * d, b.x, 0, b.proj, 0, b.x, 0);
                norm(rows, layer.mlpNorm(), b.x, b.h);
                mlp(rows, layer, b.h, b);
                pw.add(rows * d, b.x, 0, b.mlpOut, 0, b.x, 0);
            }
        }
        cache.length += n;
    }

    /** Self-attention of the new slots over the cache; the projected output lands in {@code b.proj}. */
    private void attention(int layer, ModelWeights.Layer lw, int n, Buffers b) {
        int batch = cache.batch;
        int rows = batch * n;
        int heads = c.heads(), kvHeads = c.kvHeads(), hd = c.headDim();
        linear(rows, lw.q(), b.h, b.q);
        linear(rows, lw.k(), b.h, b.k);
        linear(rows, lw.v(), b.h, b.v);
        if (c.positions() == TransformerConfig.Positions.ROTARY) {
            float theta = (float) c.ropeTheta();
            AttentionKernels att = backend.attention();
            att.rope(rows, heads, hd, theta, b.positions, false, b.q, 0, b.q, 0);
            att.rope(rows, kvHeads, hd, theta, b.positions, false, b.k, 0, b.k, 0);
        }
        if (lw.smear() != null) smearKeys(layer, lw.smear(), n, b);
        cache.store(layer, n, b.k, b.v);
        int kvLen = cache.length + n;
        AttentionKernels.Shape shape = new AttentionKernels.Shape(batch, n, kvLen, cache.capacity, heads, kvHeads, hd,
                (float) (1.0 / Math.sqrt(hd)));
        int[] qSeg = cache.padded ? b.qSegments : null;
        int[] kSeg = cache.padded ? cache.segments : null;
        backend.attention().attention(shape, b.q, cache.keys[layer], cache.values[layer], qSeg, kSeg, b.attn, b.lse);
        if (observer != null) observer.observe(layer, heads, n, kvLen, probabilities(layer, n, kvLen, b));
        linear(rows, lw.o(), b.attn, b.proj);
    }

    /** Row 0's attention probabilities of this layer's new slots, {@code [heads, n, kvLen]} (see {@link AttentionObserver}). */
    private float[] probabilities(int layer, int n, int kvLen, Buffers b) {
        int heads = c.heads(), hd = c.headDim(), group = heads / c.kvHeads(), qDim = heads * hd;
        double scale = 1.0 / Math.sqrt(hd);
        float[] keys = cache.keys[layer];
        float[] out = new float[heads * n * kvLen];
        double[] score = new double[kvLen];
        for (int h = 0; h < heads; h++) {
            int kvOff = (h / group) * hd;
            for (int i = 0; i < n; i++) {
                int last = cache.length + i;
                if (b.qSegments[i] == 0) continue;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= last; s++) {
                    if (cache.segments[s] == 0) {
                        score[s] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    int k = cache.offset(0, s) + kvOff;
                    for (int d = 0; d < hd; d++) dot += (double) b.q[i * qDim + h * hd + d] * keys[k + d];
                    score[s] = dot * scale;
                    max = Math.max(max, score[s]);
                }
                double sum = 0;
                for (int s = 0; s <= last; s++) sum += score[s] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(score[s] - max);
                int base = (h * n + i) * kvLen;
                for (int s = 0; s <= last; s++) {
                    out[base + s] = score[s] == Double.NEGATIVE_INFINITY ? 0f : (float) (Math.exp(score[s] - max) / sum);
                }
            }
        }
        return out;
    }

    /**
     * Smeared keys, as {@code AttentionOps.smearKeys} computes them in training: each real token's key mixes
     * with the key of its row's previous real token (zero for a row's first token); padding is skipped.
     */
    private void smearKeys(int layer, float[] gate, int n, Buffers b) {
        int kvDim = cache.kvDim, hd = c.headDim();
        float[] last = cache.lastKeys[layer];
        float[] raw = new float[kvDim];
        float[] mix = new float[gate.length];
        for (int h = 0; h < gate.length; h++) mix[h] = (float) (1.0 / (1.0 + Math.exp(-gate[h])));
        for (int r = 0; r < cache.batch; r++) {
            boolean hasPrevious = b.tokensBefore[r] > 0;
            for (int i = 0; i < n; i++) {
                int t = r * n + i;
                if (b.qSegments[t] == 0) continue;
                System.arraycopy(b.k, t * kvDim, raw, 0, kvDim);
                for (int h = 0; h < gate.length; h++) {
                    float s = mix[h], o = 1f - s;
                    for (int j = h * hd; j < (h + 1) * hd; j++) {
                        b.k[t * kvDim + j] = hasPrevious ? s * raw[j] + o * last[r * kvDim + j] : s * raw[j];
                    }
                }
                System.arraycopy(raw, 0, last, r * kvDim, kvDim);
                hasPrevious = true;
            }
        }
    }

    /** The MLP of {@code h}; the result lands in {@code b.mlpOut}. */
    private void mlp(int rows, ModelWeights.Layer lw, float[] h, Buffers b) {
        int f = c.mlpHidden();
        PointwiseKernels pw = backend.pointwise();
        linear(rows, lw.up(), h, b.up);
        switch (c.mlp()) {
            case SWIGLU -> {
                linear(rows, lw.gate(), h, b.gate);
                pw.swiglu(rows * f, b.gate, 0, b.up, 0, b.inner, 0);
            }
            case GELU_TANH -> pw.gelu(rows * f, true, b.up, 0, b.inner, 0);
            case GELU_ERF -> pw.gelu(rows * f, false, b.up, 0, b.inner, 0);
        }
        linear(rows, lw.down(), b.inner, b.mlpOut);
    }

    /** {@code y = x · Wᵀ + bias} over {@code rows} rows. */
    private void linear(int rows, ModelWeights.Linear lin, float[] x, float[] y) {
        GemmKernels gemm = backend.gemm();
        gemm.sgemm(false, true, rows, lin.out(), lin.in(), 1f, x, 0, lin.in(), lin.w(), lin.wOff(), lin.in(), 0f, y, 0, lin.out());
        if (lin.bias() != null) backend.pointwise().addRowVector(rows, lin.out(), lin.bias(), 0, y, 0);
    }

    private void norm(int rows, ModelWeights.Norm n, float[] x, float[] y) {
        float eps = (float) c.normEps();
        if (c.norm() == TransformerConfig.Norm.RMS_NORM) {
            backend.norm().rmsNorm(rows, c.dModel(), eps, x, 0, n.gamma(), y, 0, buf.rstd);
        } else {
            backend.norm().layerNorm(rows, c.dModel(), eps, x, 0, n.gamma(), n.beta(), y, 0, buf.mean, buf.rstd);
        }
    }

    /** Final norm of the first {@code rows} rows of {@code x}, then the output projection into {@code out}. */
    private void logits(int rows, float[] x, float[] out) {
        norm(rows, w.finalNorm, x, buf.h);
        linear(rows, w.head, buf.h, out);
        if (c.logitScale() != 1.0) backend.pointwise().scale(rows * c.vocabSize(), (float) c.logitScale(), out, 0, out, 0);
    }

    /** The activation buffers, grown (never shrunk) to hold {@code rows} rows. */
    private Buffers buffers(int rows) {
        if (buf == null || buf.rows < rows) buf = new Buffers(c, Math.max(rows, cache.batch), cache.batch);
        return buf;
    }

    /** Scratch arrays for one call of {@code rows} token rows. */
    private static final class Buffers {
        final int rows;
        final int[] ids, positions, qSegments, tokensBefore;
        final float[] x, h, q, k, v, attn, lse, proj, mlpOut, gate, up, inner, rstd, mean, last;

        Buffers(TransformerConfig c, int rows, int batch) {
            this.rows = rows;
            int d = c.dModel(), qDim = c.heads() * c.headDim(), kvDim = c.kvHeads() * c.headDim(), f = c.mlpHidden();
            ids = new int[rows];
            positions = new int[rows];
            qSegments = new int[rows];
            tokensBefore = new int[batch];
            x = new float[rows * d];
            h = new float[rows * d];
            q = new float[rows * qDim];
            k = new float[rows * kvDim];
            v = new float[rows * kvDim];
            attn = new float[rows * qDim];
            lse = new float[rows * c.heads()];
            proj = new float[rows * d];
            mlpOut = new float[rows * d];
            gate = c.mlp() == TransformerConfig.Mlp.SWIGLU ? new float[rows * f] : null;
            up = new float[rows * f];
            inner = new float[rows * f];
            rstd = new float[rows];
            mean = new float[rows];
            last = new float[batch * d];
        }
    }
}
