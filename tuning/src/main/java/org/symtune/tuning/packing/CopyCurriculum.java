package org.symtune.tuning.packing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.symtune.core.rng.Rng;

/**
 * Copy windows for pretraining: windows of fresh random tokens in which spans reappear at a random later
 * offset, so the only way to predict a repeat is to find the span's earlier occurrence by its content
 * (an induction head). The model cannot memorise them: every window is new.
 *
 * <p>A window is {@code seqLen + 1} tokens drawn uniformly from the {@code pool} most frequent tokens of the
 * training stream. From a start of 0–7 tokens in, spans of {@code minSpan}–{@code maxSpan} tokens are
 * written, each followed after a gap of 0–23 tokens by its repeat, then a break of 0–7 tokens, until the
 * window is full: in windows of 129 tokens with spans of 8–32, about a quarter of the positions continue a repeat
 * (the first token of a repeat cannot be predicted).
 *
 * <p>The share of windows that are copy windows is {@code fraction} for the first {@code holdSteps} training
 * steps, then moves linearly to {@code finalFraction} over the next {@code annealSteps} steps and stays there
 * (anneal 0: it stays at {@code fraction}). The pool grows over the same steps, geometrically, from {@code pool}
 * to {@code finalPool} tokens: a small pool lets the copying circuit form quickly (few token identities to
 * match), a large one makes it work for any token; text mixed in too early keeps the circuit from forming. Whether a
 * window is a copy window, and its tokens, depend on the seed and the window's index alone, so a resumed
 * run sees the same windows whatever happened before.
 *
 * @param fraction      share of copy windows at the start, in [0, 1]
 * @param finalFraction share from {@code annealWindows} on, in [0, 1]
 * @param holdSteps     training steps at the first share and pool
 * @param annealSteps   training steps after those over which share and pool move to their final values
 * @param pool          copy tokens come from this many most frequent tokens of the training stream at first
 * @param finalPool     ... and from this many from step {@code annealSteps} on
 * @param minSpan       shortest repeated span
 * @param maxSpan       longest repeated span
 */
public record CopyCurriculum(double fraction, double finalFraction, long holdSteps, long annealSteps, int pool, int finalPool,
                             int minSpan, int maxSpan) {
    private static final long CHOICE = 0x434f505943484f4fL;
    private static final long CONTENT = 0x434f5059544f4b4eL;

    public CopyCurriculum {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("copy fraction must be in [0, 1], got " + fraction);
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("copy final fraction must be in [0, 1], got " + finalFraction);
        }
        if (annealSteps < 0 || holdSteps < 0) {
            throw new IllegalArgumentException("copy hold and anneal steps must be >= 0, got " + holdSteps + " and " + annealSteps);
        }
        if (pool < 2 || finalPool < 2) {
            throw new IllegalArgumentException("the copy token pool must hold at least 2 tokens, got " + pool + " and " + finalPool);
        }
        if (minSpan < 2 || maxSpan < minSpan) {
            throw new IllegalArgumentException("copy spans must satisfy 2 <= min <= max, got " + minSpan + ".." + maxSpan);
        }
    }

    /** No copy windows. */
    public static final CopyCurriculum NONE = new CopyCurriculum(0, 0, 0, 0, 2, 2, 2, 2);

    /** True when some window is a copy window. */
    public boolean active() {
        return fraction > 0 || finalFraction > 0;
    }

    /** The share of copy windows at training step {@code step}. */
    public double fractionAt(long step) {
        return fraction + (finalFraction - fraction) * progress(step);
    }

    /** How far the anneal has got at {@code step}: 0 while held, 1 once done (and always 0 without an anneal). */
    private double progress(long step) {
        if (annealSteps == 0 || step <= holdSteps) return 0;
        return Math.min(1.0, (double) (step - holdSteps) / annealSteps);
    }

    /** The pool size at training step {@code step}. */
    public int poolAt(long step) {
        return (int) Math.round(pool * Math.pow((double) finalPool / pool, progress(step)));
    }

    /** The largest pool any step uses. */
    public int maxPool() {
        return Math.max(pool, finalPool);
    }

    /**
     * Whether window {@code index} of a run seeded {@code seed} is a copy window; a training step reads
     * {@code windowsPerStep} windows.
     */
    public boolean isCopyWindow(long seed, long index, int windowsPerStep) {
        double f = fractionAt(index / Math.max(1, windowsPerStep));
        return f > 0 && Rng.uniform(seed ^ CHOICE, index) < f;
    }

    /**
     * Writes copy window {@code index} into {@code out[0..length)} with tokens from the first {@code poolSize}
     * entries of {@code vocabulary} (most frequent first) and marks each position in {@code repeat} (may be
     * null): true where the token continues a repeated span.
     */
    public void fill(long seed, long index, int[] vocabulary, int poolSize, int[] out, int length, boolean[] repeat) {
        int n = Math.max(2, Math.min(poolSize, vocabulary.length));
        Rng rng = new Rng(Rng.hash(seed ^ CONTENT, index));
        for (int i = 0; i < length; i++) out[i] = vocabulary[rng.nextInt(n)];
        if (repeat != null) java.util.Arrays.fill(repeat, 0, length, false);
        int pos = rng.nextInt(8);
        while (true) {
            int span = minSpan + rng.nextInt(maxSpan - minSpan + 1);
            int gap = rng.nextInt(24);
            if (pos + 2 * span + gap > length) break;
            int second = pos + span + gap;
            System.arraycopy(out, pos, out, second, span);
            if (repeat != null) java.util.Arrays.fill(repeat, second + 1, second + span, true);
            pos = second + span + rng.nextInt(8);
        }
    }

    /**
     * The {@code pool} most frequent token ids of {@code stream}, most frequent first (ties: lower id first),
     * leaving out {@code exclude} (the end-of-text id, which marks document boundaries, not content).
     */
    public static int[] frequentTokens(int[] stream, int vocabSize, int pool, int exclude) {
        long[] counts = new long[vocabSize];
        for (int t : stream) counts[t]++;
        if (exclude >= 0 && exclude < vocabSize) counts[exclude] = 0;
        Integer[] ids = new Integer[vocabSize];
        for (int i = 0; i < vocabSize; i++) ids[i] = i;
        java.util.Arrays.sort(ids, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int n = 0;
        while (n < vocabSize && n < pool && counts[ids[n]] > 0) n++;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = ids[i];
        return out;
    }

    /** The JSON form used in training configs (see {@code DataSpec}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fraction", fraction);
        m.put("final_fraction", finalFraction);
        m.put("hold_steps", holdSteps);
        m.put("anneal_steps", annealSteps);
        m.put("pool", (long) pool);
        m.put("final_pool", (long) finalPool);
        m.put("min_span", (long) minSpan);
        m.put("max_span", (long) maxSpan);
        return m;
    }
}
