package org.symtune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.parallel.Parallel;
import org.symtune.core.rng.Rng;

class TransformerTest {

    /**
     * Small configs of every family shape: PaLM-style parallel/MQA, GPT-2 style, Llama style with GQA, and
     * PaLM-style with smeared keys over two key/value heads.
     */
    static List<TransformerConfig> smallConfigs() {
        return List.of(
                new TransformerConfig("palm", 23, 16, 8, 2, 2, 1, 4, 12, TransformerConfig.Positions.ROTARY, 10000,
                        TransformerConfig.Norm.RMS_NORM, 1e-6, TransformerConfig.Mlp.SWIGLU, TransformerConfig.Block.PARALLEL,
                        false, true, 1 / Math.sqrt(8), 0.0),
                new TransformerConfig("gpt2", 23, 16, 8, 2, 2, 2, 4, 32, TransformerConfig.Positions.LEARNED, 10000,
                        TransformerConfig.Norm.LAYER_NORM, 1e-5, TransformerConfig.Mlp.GELU_TANH,
                        TransformerConfig.Block.SEQUENTIAL, true, true, 1.0, 0.0),
                new TransformerConfig("llama", 23, 16, 8, 2, 4, 2, 2, 12, TransformerConfig.Positions.ROTARY, 500000,
                        TransformerConfig.Norm.RMS_NORM, 1e-5, TransformerConfig.Mlp.SWIGLU,
                        TransformerConfig.Block.SEQUENTIAL, false, false, 1.0, 0.0),
                new TransformerConfig("palm", 23, 16, 8, 2, 2, 2, 4, 12, TransformerConfig.Positions.ROTARY, 10000,
                        TransformerConfig.Norm.RMS_NORM, 1e-6, TransformerConfig.Mlp.SWIGLU, TransformerConfig.Block.PARALLEL,
                        false, true, 1 / Math.sqrt(8), 0.0, true));
    }

    /** Two packed rows: row 0 holds two examples (segments 1, 2) with restarting positions. */
    static Batch packedBatch(int vocab, long seed) {
        Rng rng = new Rng(seed);
        int b = 2, t = 7;
        int[] ids = new int[b * t];
        int[] targets = new int[b * t];
        float[] weights = new float[b * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(vocab);
            targets[i] = rng.nextInt(vocab);
            weights[i] = i % 3 == 0 ? 0f : 1f;
        }
        int[] segments = {1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3};
        int[] positions = {0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6};
        targets[5] = -1;
        return new Batch(b, t, ids, targets, weights, segments, positions);
    }

    private static double loss(Transformer m, Backend backend, Batch b) {
        return m.loss(Tape.inference(backend), b, 0).value().data()[0];
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryFamily() {
        Backend ref = Backends.scalar();
        for (TransformerConfig c : smallConfigs()) {
            Transformer m = Transformer.initialize(c, 3);
            Batch b = packedBatch(c.vocabSize(), 4);
            Tape tape = Tape.training(ref);
            tape.backward(m.loss(tape, b, 0));
            // Five-point central differences on the loss, a few elements of every parameter:
            // f' ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h with h = 2^-10, truncation O(h⁴) — needed because GPT-2's
            // small embeddings (std 0.02) feed a LayerNorm that is strongly curved at that scale. The reference
            // kernels accumulate in double, but the loss is returned as a float, so each evaluation carries a few
            // ulps of rounding: the quotient's absolute noise is about 18·2·ulp(L)/12h per element. Allowed
            // error: 2e-3 of the gradient's norm plus that noise.
            for (Map.Entry<String, Var> e : m.parameters().entrySet()) {
                Tensor v = e.getValue().value();
                float[] g = e.getValue().grad().toArray();
                double num2 = 0, den2 = 0, noise2 = 0;
                double h = 0x1p-10;
                double noisePerElement = 18 * 2 * Math.ulp((float) loss(m, ref, b)) / (12 * h);
                int step = Math.max(1, v.numel() / 5);
                for (int i = 0; i < v.numel(); i += step) {
                    float orig = v.data()[i];
                    v.data()[i] = (float) (orig + 2 * h);
                    double f2 = loss(m, ref, b);
                    v.data()[i] = (float) (orig + h);
                    double f1 = loss(m, ref, b);
                    v.data()[i] = (float) (orig - h);
                    double fm1 = loss(m, ref, b);
                    v.data()[i] = (float) (orig - 2 * h);
                    double fm2 = loss(m, ref, b);
                    v.data()[i] = orig;
                    double fd = (-f2 + 8 * f1 - 8 * fm1 + fm2) / (12 * h);
                    num2 += (g[i] - fd) * (g[i] - fd);
                    den2 += fd * fd;
                    noise2 += noisePerElement * noisePerElement;
                }
                double err = Math.sqrt(num2), allowed = 2e-3 * Math.sqrt(den2) + Math.sqrt(noise2);
                assertTrue(err < allowed, c.family() + " " + e.getKey() + ": gradient error " + err + " > allowed " + allowed
                        + " (|fd| = " + Math.sqrt(den2) + ")");
            }
        }
    }

    @Test
    void vectorBackendMatchesScalarReference() {
        for (TransformerConfig c : smallConfigs()) {
            Batch b = packedBatch(c.vocabSize(), 5);
            Map<String, float[]> ref = run(Transformer.initialize(c, 6), Backends.scalar(), b);
            Map<String, float[]> fast = run(Transformer.initialize(c, 6), Backends.vector(), b);
            for (String k : ref.keySet()) {
                if (k.endsWith("attn.k.bias")) {
                    // Adding a constant to every key of a query shifts all its scores equally, so the true
                    // gradient of the key bias is zero and both backends return rounding noise: check that.
                    String w = k.replace(".bias", ".weight");
                    assertTrue(norm(ref.get(k)) < 1e-5 * norm(ref.get(w)) && norm(fast.get(k)) < 1e-5 * norm(ref.get(w)), k);
                    continue;
                }
                double rel = relDiff(ref.get(k), fast.get(k));
                assertTrue(rel < 1e-5, c.family() + " " + k + ": vector vs scalar relative difference " + rel);
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            for (TransformerConfig c : smallConfigs()) {
                Batch b = packedBatch(c.vocabSize(), 7);
                Map<String, float[]> first = null;
                for (int threads : new int[] {1, 2, 8}) {
                    Parallel.setThreads(threads);
                    Map<String, float[]> r = run(Transformer.initialize(c, 8), Backends.vector(), b);
                    if (first == null) first = r;
                    else for (String k : first.keySet()) assertArrayEquals(first.get(k), r.get(k), 0f, c.family() + " " + k + " @" + threads);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void packedExamplesDoNotSeeEachOther() {
        TransformerConfig c = smallConfigs().get(0);
        Transformer m = Transformer.initialize(c, 9);
        Batch b = packedBatch(c.vocabSize(), 10);
        float[] before = m.logits(Tape.inference(Backends.vector()), b, 0).value().toArray();
        int[] ids = b.inputIds().clone();
        ids[0] = (ids[0] + 1) % c.vocabSize(); // token of segment 1
        Batch changed = new Batch(b.batch(), b.seqLen(), ids, b.targets(), b.weights(), b.segments(), b.positions());
        float[] after = m.logits(Tape.inference(Backends.vector()), changed, 0).value().toArray();
        int v = c.vocabSize();
        for (int tok = 3; tok < 14; tok++) {
            for (int j = 0; j < v; j++) assertEquals(before[tok * v + j], after[tok * v + j], 0f, "token " + tok);
        }
        boolean segmentOneChanged = false;
        for (int j = 0; j < 3 * v; j++) segmentOneChanged |= before[j] != after[j];
        assertTrue(segmentOneChanged);
    }

    /** A smeared key mixes in the previous token only within its own packed example. */
    @Test
    void smearedKeysDoNotReachAcrossPackedExamples() {
        TransformerConfig c = smallConfigs().get(3);
        assertTrue(c.smearKeys());
        Transformer m = Transformer.initialize(c, 9);
        for (int l = 0; l < c.layers(); l++) m.param("layers." + l + ".attn.smear").value().fill(-1f);
        Batch b = packedBatch(c.vocabSize(), 10);
        float[] before = m.logits(Tape.inference(Backends.vector()), b, 0).value().toArray();
        int[] ids = b.inputIds().clone();
        ids[2] = (ids[2] + 1) % c.vocabSize(); // the last token of segment 1; token 3 starts segment 2
        Batch changed = new Batch(b.batch(), b.seqLen(), ids, b.targets(), b.weights(), b.segments(), b.positions());
        float[] after = m.logits(Tape.inference(Backends.vector()), changed, 0).value().toArray();
        int v = c.vocabSize();
        for (int tok = 3; tok < 14; tok++) {
            for (int j = 0; j < v; j++) assertEquals(before[tok * v + j], after[tok * v + j], 0f, "token " + tok);
        }
    }

    @Test
    void initialisationIsDeterministicAndCountsMatchTheConfig() {
        for (TransformerConfig c : smallConfigs()) {
            Transformer a = Transformer.initialize(c, 11);
            Transformer b = Transformer.initialize(c, 11);
            assertEquals(c.parameterCount(), a.parameterCount(), c.family());
            for (String k : a.parameters().keySet()) {
                assertArrayEquals(a.param(k).value().toArray(), b.param(k).value().toArray(), 0f, k);
            }
        }
        assertEquals(TransformerConfig.preset("tiny").parameterCount(),
                Transformer.initialize(TransformerConfig.preset("tiny"), 1).parameterCount());
    }

    @Test
    void outOfVocabularyIdsAreRejected() {
        TransformerConfig c = smallConfigs().get(0);
        Transformer m = Transformer.initialize(c, 1);
        Batch b = Batch.nextToken(new int[][] {{1, 2, 99}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.logits(Tape.inference(Backends.scalar()), b, 0));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    private static Map<String, float[]> run(Transformer m, Backend backend, Batch b) {
        Tape tape = Tape.training(backend);
        Var loss = m.loss(tape, b, 0);
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("loss", loss.value().toArray());
        tape.backward(loss);
        for (Map.Entry<String, Var> e : m.parameters().entrySet()) out.put("grad." + e.getKey(), e.getValue().grad().toArray());
        out.put("logits", m.logits(Tape.inference(backend), b, 0).value().toArray());
        return out;
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float x : a) s += (double) x * x;
        return Math.sqrt(s);
    }

    private static double relDiff(float[] a, float[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (double) (a[i] - b[i]) * (a[i] - b[i]);
            den += (double) a[i] * a[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
    }

    @SuppressWarnings("unused")
    private static List<String> names(Transformer m) {
        return new ArrayList<>(m.parameters().keySet());
    }
}
