package org.symtune.eval.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backends;
import org.symtune.eval.metrics.Interval;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.ContinuationScorer;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;
import org.symtune.tokenizer.train.BpeTrainer;

class CopyProbeTest {
    private static final int V = 100_000;
    private static final int[] VOCAB = IntStream.range(0, V).toArray();

    /**
     * A scripted model with a perfect induction head: when the previous token occurred before, it gives
     * {@code hit} to the token that followed its latest earlier occurrence; otherwise every token is equally likely.
     */
    private static ContinuationScorer induction(double hit) {
        return requests -> {
            List<List<CandidateScore>> out = new ArrayList<>();
            for (ScoreRequest r : requests) {
                int[] c = r.candidates().get(0);
                int[] ctx = new int[r.prompt().length + c.length];
                System.arraycopy(r.prompt(), 0, ctx, 0, r.prompt().length);
                System.arraycopy(c, 0, ctx, r.prompt().length, c.length);
                double[] lp = new double[c.length];
                double sum = 0;
                for (int j = 0; j < c.length; j++) {
                    int i = r.prompt().length + j;
                    int predicted = -1;
                    for (int k = i - 2; k >= 0 && predicted < 0; k--) if (ctx[k] == ctx[i - 1]) predicted = ctx[k + 1];
                    lp[j] = predicted < 0 ? -Math.log(V) : Math.log(predicted == ctx[i] ? hit : (1 - hit) / (V - 1));
                    sum += lp[j];
                }
                out.add(List.of(new CandidateScore(sum, c.length, false, lp)));
            }
            return out;
        };
    }

    @Test
    void aModelThatCopiesShowsTheGainItsInductionHeadGives() {
        int length = 30;
        CopyProbeResult r = new CopyProbe(40, length, 5).run(induction(0.9), new int[] {V}, VOCAB);
        // The first copy is unpredictable; in the second, every token but the first follows an earlier occurrence
        // of its predecessor (with 100,000 ids, accidental repeats within a sequence are rare and bound the tolerance).
        double expectedSecond = ((length - 1) * -Math.log(0.9) + Math.log(V)) / length;
        assertEquals(Math.log(V), r.meanFirstLoss(), 0.05);
        assertEquals(expectedSecond, r.meanSecondLoss(), 0.05);
        assertEquals(Math.log(V) - expectedSecond, r.gain(), 0.1);
        assertEquals(0.9 * (length - 1) / length, r.meanRepeatProbability(), 0.01);
        assertEquals((double) (length - 1) / length, r.confidentCopyShare(), 0.01);
        Interval ci = r.gainInterval();
        assertTrue(ci.lo() > 5 && ci.contains(r.gain()), "interval " + ci);
    }

    @Test
    void aModelThatCannotCopyShowsNoGain() {
        ContinuationScorer uniform = induction(1.0 / V);
        CopyProbeResult r = new CopyProbe(20, 16, 1).run(uniform, new int[] {V}, VOCAB);
        assertEquals(Math.log(V), r.meanFirstLoss(), 1e-9);
        assertEquals(Math.log(V), r.meanSecondLoss(), 1e-9);
        assertEquals(0, r.gain(), 1e-9);
        assertEquals(0, r.confidentCopyShare());
    }

    @Test
    void withoutABosTheFirstTokenIsThePromptAndIsNotScored() {
        int length = 10;
        CopyProbeResult r = new CopyProbe(8, length, 3).run(induction(0.9), new int[0], VOCAB);
        assertEquals(Math.log(V), r.meanFirstLoss(), 0.05);
        assertEquals(((length - 1) * -Math.log(0.9) + Math.log(V)) / length, r.meanSecondLoss(), 0.05);
    }

    @Test
    void sequencesDependOnTheSeedAloneAndDrawOnlyFromTheGivenTokens() {
        int[] vocab = {7, 11, 13};
        List<int[]> a = new CopyProbe(5, 12, 42).sequences(vocab);
        List<int[]> b = new CopyProbe(5, 12, 42).sequences(vocab);
        List<int[]> c = new CopyProbe(5, 12, 43).sequences(vocab);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i));
        boolean differ = false;
        for (int i = 0; i < a.size(); i++) differ |= !java.util.Arrays.equals(a.get(i), c.get(i));
        assertTrue(differ);
        for (int[] s : a) for (int t : s) assertTrue(t == 7 || t == 11 || t == 13);
        assertThrows(IllegalArgumentException.class, () -> new CopyProbe(1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new CopyProbe(4, 1, 0));
    }

    @Test
    void aRealModelIsProbedThroughItsTokenizerWithoutSpecialTokens() {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 60; i++) text.add("alpha beta " + i + " gamma delta " + (i * 7 % 13));
        Tokenizer tokenizer = new BpeTrainer(new BpeTrainer.Config(300, List.of("<|endoftext|>", "<|bos|>"), "<|bos|>", 2)).train(text);
        int[] ordinary = CopyProbe.ordinaryTokens(tokenizer);
        assertEquals(tokenizer.vocabSize() - 2, ordinary.length);
        for (int id : ordinary) assertFalse(tokenizer.idToToken(id).startsWith("<|"), tokenizer.idToToken(id));

        Transformer model = Transformer.initialize(TransformerConfig.palm(tokenizer.vocabSize(), 64, 32, 2, 4, 48), 3);
        CopyProbeResult r = new CopyProbe(6, 20, 9).run(new Scorer(model, Backends.best()), tokenizer);
        // Uniformly drawn tokens cost any prediction that does not know them at least ln(vocabulary) on average
        // (Gibbs' inequality); the slack covers sampling 120 tokens. An untrained model copies nothing.
        assertTrue(r.meanFirstLoss() > Math.log(ordinary.length) - 0.1, "first-copy loss " + r.meanFirstLoss());
        assertEquals(0, r.gain(), 0.05);
        assertEquals(0, r.confidentCopyShare());
        assertEquals(ordinary.length, r.vocabulary());
    }

    @Test
    void frequentTokensAreTheEarliestWholeWordMerges() {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 80; i++) text.add("the cat saw the dog and the bird, " + i + " times; the end");
        Tokenizer tokenizer = new BpeTrainer(new BpeTrainer.Config(300, List.of("<|endoftext|>", "<|bos|>"), "<|bos|>", 2)).train(text);
        int[] frequent = CopyProbe.Tokens.FREQUENT.vocabulary(tokenizer);
        int[] all = CopyProbe.frequentWordTokens(tokenizer, 1000);
        assertTrue(frequent.length >= 5 && frequent.length <= CopyProbe.FREQUENT_TOKENS, frequent.length + " frequent tokens");
        int previous = -1;
        java.util.Set<String> words = new java.util.HashSet<>();
        for (int id : all) {
            String w = tokenizer.decode(new int[] {id}, false, false);
            assertTrue(w.matches(" [A-Za-z]{2,}"), "'" + w + "' is not a whole word token");
            assertTrue(id > previous, "ids ascend");
            previous = id;
            words.add(w);
        }
        assertTrue(words.containsAll(List.of(" the", " cat", " dog", " bird", " times", " end")), words.toString());
        int[] firstTwo = CopyProbe.frequentWordTokens(tokenizer, 2);
        assertEquals(all[0], firstTwo[0]);
        assertEquals(all[1], firstTwo[1]);
        assertThrows(IllegalArgumentException.class, () -> CopyProbe.Tokens.of("rare"));
        assertEquals(CopyProbe.Tokens.FREQUENT, CopyProbe.Tokens.of("frequent"));
    }
}
