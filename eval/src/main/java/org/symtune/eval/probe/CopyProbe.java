package org.symtune.eval.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.symtune.core.backend.Backend;
import org.symtune.core.rng.Rng;
import org.symtune.model.Transformer;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.ContinuationScorer;
import org.symtune.model.infer.InferenceSession;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.tokenizer.AddedToken;
import org.symtune.tokenizer.Tokenizer;

/**
 * The repeated-random-tokens probe of in-context copying (Olsson et al., 2022, "In-context learning and
 * induction heads"): each sequence is {@code length} tokens drawn uniformly from the ordinary vocabulary and
 * shown twice after the prompt prefix. A model that can only use its unigram and n-gram statistics pays about
 * the same loss on both copies; a model with induction heads, which find the earlier occurrence of the current
 * token and predict what followed it, pays far less on the second copy. Symbol tuning rests on the same ability
 * (an exemplar's symbol label must be copied when a matching input comes up), so the probe tells whether a model
 * has it at all.
 *
 * <p>Sequences derive from the seed alone, so every model sees the same tokens; each sequence is one scored
 * continuation, so the probe costs one forward pass of {@code 2 × length} tokens per sequence.
 */
public final class CopyProbe {
    private final int sequences;
    private final int length;
    private final long seed;

    /**
     * @param sequences how many random sequences to score (at least 2, for an interval)
     * @param length tokens per copy (at least 2)
     * @param seed the seed the sequences derive from
     */
    public CopyProbe(int sequences, int length, long seed) {
        if (sequences < 2) throw new IllegalArgumentException("the copy probe needs at least 2 sequences, got " + sequences);
        if (length < 2) throw new IllegalArgumentException("the copy probe needs copies of at least 2 tokens, got " + length);
        this.sequences = sequences;
        this.length = length;
        this.seed = seed;
    }

    /**
     * The random sequences (one copy each), tokens drawn uniformly from {@code vocabulary}.
     *
     * @param vocabulary the token ids to draw from: the ordinary tokens, without special ones
     */
    public List<int[]> sequences(int[] vocabulary) {
        if (vocabulary.length < 2) throw new IllegalArgumentException("the copy probe needs at least 2 token ids to draw from");
        Rng rng = new Rng(seed);
        List<int[]> out = new ArrayList<>(sequences);
        for (int s = 0; s < sequences; s++) {
            int[] seq = new int[length];
            for (int i = 0; i < length; i++) seq[i] = vocabulary[rng.nextInt(vocabulary.length)];
            out.add(seq);
        }
        return out;
    }

    /**
     * Scores every sequence with a model and its tokenizer: the prefix is what the tokenizer's special tokens put
     * around an empty text (BOS where it has one), the vocabulary its {@link #ordinaryTokens ordinary tokens}.
     */
    public CopyProbeResult run(ContinuationScorer scorer, Tokenizer tokenizer) {
        return run(scorer, tokenizer, Tokens.UNIFORM);
    }

    /** As {@link #run(ContinuationScorer, Tokenizer)}, with sequences drawn from the {@code tokens} distribution. */
    public CopyProbeResult run(ContinuationScorer scorer, Tokenizer tokenizer, Tokens tokens) {
        return run(scorer, tokenizer.encode("", true), tokens.vocabulary(tokenizer));
    }

    /**
     * Which tokens the random sequences are drawn from: {@code UNIFORM} over every ordinary token (most of them
     * rare, so a model must copy tokens it hardly knows), or {@code FREQUENT}, the {@value #FREQUENT_TOKENS} whole
     * word tokens that a byte-level BPE merged first (the commonest words of its training text, as a label or an
     * input word of a prompt would be).
     */
    public enum Tokens {
        UNIFORM, FREQUENT;

        /** The lower-case name used in options and JSON. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The distribution named {@code key} ({@code uniform} or {@code frequent}). */
        public static Tokens of(String key) {
            for (Tokens t : values()) if (t.key().equals(key)) return t;
            throw new IllegalArgumentException("token distribution must be uniform or frequent, got '" + key + "'");
        }

        /** The token ids this distribution draws from, for {@code tokenizer}. */
        public int[] vocabulary(Tokenizer tokenizer) {
            return this == UNIFORM ? ordinaryTokens(tokenizer) : frequentWordTokens(tokenizer, FREQUENT_TOKENS);
        }
    }

    /** How many word tokens the {@link Tokens#FREQUENT} distribution holds. */
    public static final int FREQUENT_TOKENS = 256;

    /**
     * The first {@code n} ordinary tokens, by ascending id, that decode to a space followed by two or more ASCII
     * letters: in a byte-level BPE, ids rise with merge order, so these are the words most frequent in the
     * tokenizer's training text.
     */
    public static int[] frequentWordTokens(Tokenizer tokenizer, int n) {
        int[] ordinary = ordinaryTokens(tokenizer);
        int[] out = new int[n];
        int found = 0;
        for (int i = 0; i < ordinary.length && found < n; i++) {
            String text = tokenizer.decode(new int[] {ordinary[i]}, false, false);
            if (text.length() >= 3 && text.charAt(0) == ' ' && text.chars().skip(1).allMatch(c -> c < 128 && Character.isLetter(c))) {
                out[found++] = ordinary[i];
            }
        }
        if (found < 2) throw new IllegalArgumentException("the tokenizer has " + found + " whole-word tokens; the frequent-token probe needs 2");
        return Arrays.copyOf(out, found);
    }

    /** The ids of a tokenizer's tokens other than its special ones (BOS, EOS, padding and the like), ascending. */
    public static int[] ordinaryTokens(Tokenizer tokenizer) {
        Set<Integer> special = new HashSet<>();
        for (AddedToken t : tokenizer.specialTokens()) special.add(t.id());
        return IntStream.range(0, tokenizer.vocabSize()).filter(id -> !special.contains(id)).toArray();
    }

    /**
     * Scores every sequence, shown twice after {@code prefix}.
     *
     * @param scorer the model
     * @param prefix the tokens before the first copy: the BOS token where the model has one; when empty, the
     *     first token of each sequence serves as the prompt and is not scored
     * @param vocabulary the token ids sequences are drawn from (the ordinary tokens, without special ones)
     */
    public CopyProbeResult run(ContinuationScorer scorer, int[] prefix, int[] vocabulary) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(prefix, "prefix");
        List<int[]> seqs = sequences(vocabulary);
        List<ScoreRequest> requests = new ArrayList<>(seqs.size());
        int skip = prefix.length == 0 ? 1 : 0;
        for (int[] seq : seqs) {
            int[] twice = new int[2 * length];
            System.arraycopy(seq, 0, twice, 0, length);
            System.arraycopy(seq, 0, twice, length, length);
            int[] prompt = skip == 0 ? prefix : new int[] {seq[0]};
            int[] continuation = skip == 0 ? twice : Arrays.copyOfRange(twice, 1, twice.length);
            requests.add(new ScoreRequest(prompt, List.of(continuation)));
        }
        List<List<CandidateScore>> scores = scorer.score(requests);
        if (scores.size() != requests.size()) {
            throw new IllegalStateException("the scorer answered " + scores.size() + " of " + requests.size() + " requests");
        }
        double[] first = new double[sequences];
        double[] second = new double[sequences];
        double[] secondProb = new double[sequences];
        double[] secondConfident = new double[sequences];
        for (int s = 0; s < sequences; s++) {
            double[] lp = scores.get(s).get(0).tokenLogProbs();
            // lp[j] belongs to token j + skip of the two copies; the first copy's first token has no logprob when skip is 1
            double firstSum = 0;
            for (int j = 0; j < length - skip; j++) firstSum -= lp[j];
            first[s] = firstSum / (length - skip);
            double secondSum = 0, probSum = 0;
            int confident = 0;
            for (int j = length - skip; j < 2 * length - skip; j++) {
                secondSum -= lp[j];
                double p = Math.exp(lp[j]);
                probSum += p;
                if (p > 0.5) confident++;
            }
            second[s] = secondSum / length;
            secondProb[s] = probSum / length;
            secondConfident[s] = (double) confident / length;
        }
        return new CopyProbeResult(sequences, length, seed, vocabulary.length, first, second, secondProb, secondConfident);
    }

    /** How many of the probe's sequences the prefix-matching score averages over by default (a forward pass each). */
    public static final int PREFIX_SEQUENCES = 8;

    /**
     * The prefix-matching score of every head of {@code model} over {@link #PREFIX_SEQUENCES} sequences from the
     * {@code tokens} distribution, after the prefix the tokenizer puts before a text (as in {@link #run(ContinuationScorer,
     * Tokenizer, Tokens)}).
     */
    public PrefixMatching prefixMatching(Transformer model, Backend backend, Tokenizer tokenizer, Tokens tokens) {
        return prefixMatching(model, backend, tokenizer.encode("", true), tokens.vocabulary(tokenizer), PREFIX_SEQUENCES);
    }

    /**
     * The prefix-matching score of every head of {@code model} on the probe's first {@code count} sequences, each
     * shown twice after {@code prefix} (as in {@link #run(ContinuationScorer, int[], int[])}).
     */
    public PrefixMatching prefixMatching(Transformer model, Backend backend, int[] prefix, int[] vocabulary, int count) {
        List<int[]> seqs = sequences(vocabulary).subList(0, Math.min(count, sequences));
        int layers = model.config().layers(), heads = model.config().heads();
        double[][] sum = new double[layers][heads];
        int total = prefix.length + 2 * length;
        for (int[] seq : seqs) {
            int[] ids = new int[total];
            System.arraycopy(prefix, 0, ids, 0, prefix.length);
            System.arraycopy(seq, 0, ids, prefix.length, length);
            System.arraycopy(seq, 0, ids, prefix.length + length, length);
            InferenceSession session = InferenceSession.open(model, backend, 1, total);
            float[][] probs = new float[layers][];
            session.observeAttention((layer, h, n, kvLen, p) -> probs[layer] = p);
            session.forwardAll(ids, total);
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    double s = 0;
                    // query: the j-th token of the second copy (j < length - 1); target: the token after its first occurrence
                    for (int j = 0; j < length - 1; j++) {
                        int query = prefix.length + length + j;
                        int target = prefix.length + j + 1;
                        s += probs[l][(h * total + query) * total + target];
                    }
                    sum[l][h] += s / (length - 1);
                }
            }
        }
        for (double[] layer : sum) for (int h = 0; h < layer.length; h++) layer[h] /= seqs.size();
        return new PrefixMatching(sum, seqs.size());
    }
}
