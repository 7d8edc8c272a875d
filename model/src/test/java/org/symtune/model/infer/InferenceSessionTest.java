package org.symtune.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.symtune.model.infer.InferTestModels.argmax;
import static org.symtune.model.infer.InferTestModels.referenceLogits;
import static org.symtune.model.infer.InferTestModels.relDiff;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.rng.Rng;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

class InferenceSessionTest {
    private static final int VOCAB = 41;
    private static final double TOLERANCE = 1e-5;
    private final Backend backend = Backends.best();

    /**
     * Greedy decoding over the KV cache picks exactly the tokens that rerunning the training forward over
     * the whole prefix picks, step by step, and its logits agree with that forward's last row.
     */
    @Test
    void cachedGreedyDecodingMatchesTheFullForwardForEveryFamily() {
        for (TransformerConfig c : InferTestModels.configs(VOCAB)) {
            Transformer m = InferTestModels.randomModel(c, 11);
            int[] prompt = InferTestModels.randomIds(new Rng(12), 5, VOCAB);
            int steps = InferTestModels.CONTEXT - prompt.length + 1; // fills the context: the last token is not fed
            InferenceSession s = InferenceSession.open(m, backend, 1, InferTestModels.CONTEXT);

            int[] sequence = Arrays.copyOf(prompt, prompt.length + steps);
            int length = prompt.length;
            float[] cached = s.prefill(new int[][] {prompt});
            for (int step = 0; step < steps; step++) {
                float[] full = referenceLogits(m, backend, Arrays.copyOf(sequence, length));
                int lastRow = (length - 1) * VOCAB;
                double rel = relDiff(cached, 0, full, lastRow, VOCAB);
                assertTrue(rel < TOLERANCE, c.family() + " step " + step + ": cached vs full logits differ by " + rel);
                int token = argmax(cached, 0, VOCAB);
                assertEquals(argmax(full, lastRow, VOCAB), token, c.family() + " step " + step);
                sequence[length++] = token;
                if (step + 1 < steps) cached = s.decode(new int[] {token});
            }
            assertEquals(InferTestModels.CONTEXT, s.length());
            Generation g = new Generator(m, backend, null).generate(prompt, GenerationConfig.greedy(steps));
            assertArrayEquals(Arrays.copyOfRange(sequence, prompt.length, length), g.tokens(), c.family() + ": Generator");
        }
    }

    /** Prompts of different lengths prefilled together (left-padded) give each row the logits it has alone. */
    @Test
    void leftPaddedRowsMatchTheirOwnFullForward() {
        for (TransformerConfig c : InferTestModels.configs(VOCAB)) {
            Transformer m = InferTestModels.randomModel(c, 21);
            Rng rng = new Rng(22);
            int[][] prompts = {InferTestModels.randomIds(rng, 2, VOCAB), InferTestModels.randomIds(rng, 9, VOCAB),
                    InferTestModels.randomIds(rng, 4, VOCAB)};
            int[][] seqs = new int[3][];
            for (int r = 0; r < 3; r++) seqs[r] = prompts[r].clone();
            InferenceSession s = InferenceSession.open(m, backend, 3, 9 + 8);
            float[] logits = s.prefill(prompts);
            for (int step = 0; step < 8; step++) {
                int[] next = new int[3];
                for (int r = 0; r < 3; r++) {
                    float[] full = referenceLogits(m, backend, seqs[r]);
                    int lastRow = (seqs[r].length - 1) * VOCAB;
                    // After row 1's pause its logits are those of the padding slot, meaningless; it goes on from the reference.
                    if (!(r == 1 && step == 4)) {
                        double rel = relDiff(logits, r * VOCAB, full, lastRow, VOCAB);
                        assertTrue(rel < TOLERANCE, c.family() + " row " + r + " step " + step + ": " + rel);
                    }
                    next[r] = argmax(full, lastRow, VOCAB);
                    // Row 1 pauses on step 3 (fed padding), as a finished row of a batched generation would.
                    if (r == 1 && step == 3) next[r] = InferenceSession.PAD;
                    else seqs[r] = append(seqs[r], next[r]);
                }
                logits = s.decode(next);
            }
            assertEquals(prompts[1].length + 7, s.tokens(1));
            assertEquals(prompts[0].length + 8, s.tokens(0));
        }
    }

    /** Feeding several new tokens at once after a cached prefix gives the full forward's logits for all of them. */
    @Test
    void chunkedFeedingMatchesTheFullForward() {
        for (TransformerConfig c : InferTestModels.configs(VOCAB)) {
            Transformer m = InferTestModels.randomModel(c, 31);
            int[] ids = InferTestModels.randomIds(new Rng(32), 20, VOCAB);
            float[] full = referenceLogits(m, backend, ids);
            InferenceSession s = InferenceSession.open(m, backend, 1, 20);
            float[] first = s.forwardAll(Arrays.copyOf(ids, 7), 7);
            float[] second = s.forwardAll(Arrays.copyOfRange(ids, 7, 20), 13);
            assertTrue(relDiff(first, 0, full, 0, 7 * VOCAB) < TOLERANCE, c.family());
            assertTrue(relDiff(second, 0, full, 7 * VOCAB, 13 * VOCAB) < TOLERANCE, c.family());
            // One token at a time (greedy decoding of a random model soon cycles; these ids do not).
            InferenceSession one = InferenceSession.open(m, backend, 1, 20);
            for (int i = 0; i < 20; i++) {
                float[] step = one.decode(new int[] {ids[i]});
                assertTrue(relDiff(step, 0, full, i * VOCAB, VOCAB) < TOLERANCE, c.family() + " token " + i);
            }
            // A fork continues from the same state as the original.
            InferenceSession a = InferenceSession.open(m, backend, 1, 20);
            a.forwardAll(Arrays.copyOf(ids, 7), 7);
            InferenceSession b = a.fork(new int[] {0, 0}, 8);
            float[] forked = b.forwardAll(new int[] {ids[7], ids[7]}, 1);
            assertTrue(relDiff(forked, 0, full, 7 * VOCAB, VOCAB) < TOLERANCE);
            assertTrue(relDiff(forked, VOCAB, full, 7 * VOCAB, VOCAB) < TOLERANCE);
        }
    }

    @Test
    void overflowingTheContextOrTheCacheIsAClearError() {
        TransformerConfig c = InferTestModels.configs(VOCAB).get(1);
        Transformer m = InferTestModels.randomModel(c, 41);
        InferenceSession s = InferenceSession.open(m, backend, 1, 100);
        s.forwardLast(new int[InferTestModels.CONTEXT], InferTestModels.CONTEXT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.decode(new int[] {1}));
        assertTrue(e.getMessage().contains("context length of " + InferTestModels.CONTEXT), e.getMessage());
        // Padding takes cache slots but no positions.
        s.decode(new int[] {InferenceSession.PAD});

        InferenceSession small = InferenceSession.open(m, backend, 2, 3);
        small.prefill(new int[][] {{1, 2}, {3}});
        small.decode(new int[] {4, 5});
        e = assertThrows(IllegalArgumentException.class, () -> small.decode(new int[] {4, 5}));
        assertTrue(e.getMessage().contains("KV cache is full"), e.getMessage());
        assertEquals(3, small.length());

        e = assertThrows(IllegalArgumentException.class, () -> InferenceSession.open(m, backend, 1, 4).decode(new int[] {VOCAB}));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InferenceSession.open(m, backend, 1, 4).prefill(new int[][] {{}}));
    }

    @Test
    void scalarAndVectorBackendsAgree() {
        TransformerConfig c = InferTestModels.configs(VOCAB).get(2);
        Transformer m = InferTestModels.randomModel(c, 51);
        int[] ids = InferTestModels.randomIds(new Rng(52), 12, VOCAB);
        float[] fast = InferenceSession.open(m, Backends.vector(), 1, 12).forwardAll(ids, 12);
        float[] ref = InferenceSession.open(m, Backends.scalar(), 1, 12).forwardAll(ids, 12);
        assertTrue(relDiff(fast, 0, ref, 0, ref.length) < TOLERANCE);
    }

    private static int[] append(int[] a, int x) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    /**
     * The observed attention probabilities are a distribution over the real slots up to the query, the same whether
     * the slots came in one call or one by one, and uniform where queries and keys are zero.
     */
    @Test
    void observedAttentionIsCausalNormalisedAndIndependentOfChunking() {
        for (TransformerConfig c : InferTestModels.configs(VOCAB)) {
            Transformer m = InferTestModels.randomModel(c, 31);
            int[] ids = InferTestModels.randomIds(new Rng(32), 9, VOCAB);
            float[][] whole = new float[c.layers()][];
            InferenceSession s = InferenceSession.open(m, backend, 1, 16);
            s.observeAttention((layer, heads, n, kvLen, probs) -> whole[layer] = probs.clone());
            s.forwardAll(ids, ids.length);
            int heads = c.heads(), n = ids.length;
            for (int l = 0; l < c.layers(); l++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        double sum = 0;
                        for (int k = 0; k < n; k++) {
                            float p = whole[l][(h * n + i) * n + k];
                            if (k > i) assertEquals(0f, p, c.family() + ": slot " + k + " is after query " + i);
                            sum += p;
                        }
                        assertEquals(1.0, sum, 1e-5, c.family() + " layer " + l + " head " + h + " query " + i);
                    }
                }
            }
            InferenceSession stepwise = InferenceSession.open(m, backend, 1, 16);
            float[][] last = new float[c.layers()][];
            stepwise.observeAttention((layer, hs, k, kvLen, probs) -> last[layer] = probs.clone());
            for (int i = 0; i < n; i++) {
                stepwise.decode(new int[] {ids[i]});
                for (int l = 0; l < c.layers(); l++) {
                    for (int h = 0; h < heads; h++) {
                        for (int k = 0; k <= i; k++) {
                            assertEquals(whole[l][(h * n + i) * n + k], last[l][h * (i + 1) + k], 1e-5f, c.family() + " step " + i);
                        }
                    }
                }
            }
        }
        TransformerConfig c = InferTestModels.configs(VOCAB).get(0);
        Transformer m = InferTestModels.randomModel(c, 33);
        for (int l = 0; l < c.layers(); l++) m.param("layers." + l + ".attn.q.weight").value().fill(0f);
        float[][] uniform = new float[1][];
        InferenceSession s = InferenceSession.open(m, backend, 1, 8);
        s.observeAttention((layer, heads, n, kvLen, probs) -> {
            if (layer == 0) uniform[0] = probs.clone();
        });
        s.forwardAll(new int[] {1, 2, 3, 4}, 4);
        for (int i = 0; i < 4; i++) for (int k = 0; k <= i; k++) assertEquals(1f / (i + 1), uniform[0][i * 4 + k], 1e-6f);
    }
}
