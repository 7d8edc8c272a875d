package org.symtune.tuning.packing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;

/**
 * Packs a text corpus for pretraining: the documents' tokens, each document followed by EOS, form one
 * stream, which is cut into consecutive windows of {@code seqLen} tokens. Position {@code i} of a window
 * predicts the stream's next token, so a window reads {@code seqLen + 1} tokens of the stream and the
 * next window starts where this one's inputs ended. Every position carries loss; there is no padding,
 * and attention runs across document boundaries, which the EOS tokens mark (as in GPT-2 pretraining).
 *
 * <p>A training source is circular: after the last window it wraps around to the start of the stream
 * (the wrap falls on a document boundary, since the stream ends with EOS). The data position is the
 * number of windows produced, so seeking is immediate.
 *
 * <p><b>Repeated windows</b> ({@link #circular(int[], int, double, long)}): in a chosen share of the training
 * windows, the tokens from position {@code c} on repeat the window from its start ({@code z = s[0..c) s[0..)}),
 * so that predicting them rewards copying from the context, the ability (induction heads) that in-context
 * learning and symbol tuning rest on. The offset {@code c} is drawn per window between {@code seqLen / 8} and
 * {@code seqLen / 2}, so that no fixed positional offset can stand in for finding the earlier occurrence. Which
 * windows repeat, and at which offset, depends on the seed and the window's index alone, so a resumed run sees
 * the same windows.
 *
 * <p><b>Copy windows</b> ({@link #circular(int[], int, double, CopyCurriculum, int[], int, long)}): a share of the
 * training windows, set by a {@link CopyCurriculum}, is replaced by fresh random tokens with repeated spans;
 * the stream position does not advance for them, so the corpus is read in the same order either way.
 */
public final class TokenWindows implements BatchSource {
    private final int[] stream;
    private final int seqLen;
    private final boolean circular;
    private final double repeatFraction;
    private final long repeatSeed;
    private final CopyCurriculum copy;
    private final int[] copyVocabulary;
    private final int windowsPerStep;
    /** Windows produced (the data position); {@code corpusWindows} of them were read from the stream. */
    private long windows;
    private long corpusWindows;
    private PackingStats stats = new PackingStats();

    private TokenWindows(int[] stream, int seqLen, boolean circular) {
        this(stream, seqLen, circular, 0, 0);
    }

    private TokenWindows(int[] stream, int seqLen, boolean circular, double repeatFraction, long repeatSeed) {
        this(stream, seqLen, circular, repeatFraction, CopyCurriculum.NONE, null, 1, repeatSeed);
    }

    private TokenWindows(int[] stream, int seqLen, boolean circular, double repeatFraction, CopyCurriculum copy,
                         int[] copyVocabulary, int windowsPerStep, long repeatSeed) {
        if (copy.active() && (copyVocabulary == null || copyVocabulary.length < 2)) {
            throw new IllegalArgumentException("copy windows need a vocabulary of at least 2 tokens");
        }
        if (windowsPerStep < 1) throw new IllegalArgumentException("windows per step must be >= 1, got " + windowsPerStep);
        this.copy = copy;
        this.copyVocabulary = copyVocabulary;
        this.windowsPerStep = windowsPerStep;
        if (!(repeatFraction >= 0 && repeatFraction <= 1)) throw new IllegalArgumentException("repeat fraction must be in [0, 1], got " + repeatFraction);
        if (repeatFraction > 0 && seqLen < 2) throw new IllegalArgumentException("repeated windows need seqLen >= 2, got " + seqLen);
        if (seqLen < 1) throw new IllegalArgumentException("sequence length must be >= 1, got " + seqLen);
        if (stream.length < seqLen + 1) {
            throw new IllegalArgumentException("the token stream has " + stream.length + " tokens; a window of " + seqLen
                    + " needs at least " + (seqLen + 1));
        }
        this.stream = stream;
        this.seqLen = seqLen;
        this.circular = circular;
        this.repeatFraction = repeatFraction;
        this.repeatSeed = repeatSeed;
    }

    /** An endless source over {@code stream}, wrapping around at its end. */
    public static TokenWindows circular(int[] stream, int seqLen) {
        return new TokenWindows(stream, seqLen, true);
    }

    /**
     * An endless source over {@code stream} in which about {@code repeatFraction} of the windows repeat their
     * first half (see the class comment); the choice of windows derives from {@code seed}.
     */
    public static TokenWindows circular(int[] stream, int seqLen, double repeatFraction, long seed) {
        return new TokenWindows(stream, seqLen, true, repeatFraction, seed);
    }

    /**
     * An endless source over {@code stream} with repeated windows (as above) and copy windows: the
     * curriculum {@code copy} decides which windows are copy windows, whose tokens come from
     * {@code copyVocabulary} (most frequent first); a training step reads {@code windowsPerStep} windows.
     */
    public static TokenWindows circular(int[] stream, int seqLen, double repeatFraction, CopyCurriculum copy, int[] copyVocabulary,
                                        int windowsPerStep, long seed) {
        return new TokenWindows(stream, seqLen, true, repeatFraction, copy, copyVocabulary, windowsPerStep, seed);
    }

    /** Copy windows produced so far. */
    public long copyWindows() {
        return windows - corpusWindows;
    }

    /**
     * Where window {@code index} of a source with these settings starts repeating itself, or
     * {@link Integer#MAX_VALUE} for a window that does not repeat.
     */
    static int repeatOffset(long index, int seqLen, double repeatFraction, long seed) {
        if (repeatFraction <= 0 || Rng.uniform(seed, index) >= repeatFraction) return Integer.MAX_VALUE;
        int lo = Math.max(1, seqLen / 8);
        int hi = Math.max(lo, seqLen / 2);
        return lo + (int) Long.remainderUnsigned(Rng.hash(seed ^ 0x5245504541544cL, index), hi - lo + 1);
    }

    /** The stream of {@code documents}, each followed by {@code eosId}. */
    public static int[] concatenate(List<int[]> documents, int eosId) {
        long total = 0;
        for (int[] d : documents) total += d.length + 1L;
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the corpus has " + total + " tokens, more than one array holds");
        int[] s = new int[(int) total];
        int at = 0;
        for (int[] d : documents) {
            System.arraycopy(d, 0, s, at, d.length);
            at += d.length;
            s[at++] = eosId;
        }
        return s;
    }

    /**
     * The first {@code maxBatches} batches of {@code rows} non-overlapping windows of {@code stream},
     * without wrapping (the last batch has fewer rows when the stream runs out): a fixed held-out set.
     */
    public static List<Batch> heldOut(int[] stream, int seqLen, int rows, int maxBatches) {
        TokenWindows w = new TokenWindows(stream, seqLen, false);
        long available = (stream.length - 1L) / seqLen;
        List<Batch> out = new ArrayList<>();
        while (available > 0 && out.size() < maxBatches) {
            int n = (int) Math.min(rows, available);
            out.add(w.next(n));
            available -= n;
        }
        return out;
    }

    /** Tokens in the stream (one epoch). */
    public int streamLength() {
        return stream.length;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public PackingStats stats() {
        return stats;
    }

    @Override
    public Batch next(int rows) {
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        int n = rows * seqLen;
        int[] ids = new int[n];
        int[] targets = new int[n];
        int len = stream.length;
        int[] synthetic = copy.active() ? new int[seqLen + 1] : null;
        for (int r = 0; r < rows; r++) {
            if (synthetic != null && copy.isCopyWindow(repeatSeed, windows, windowsPerStep)) {
                copy.fill(repeatSeed, windows, copyVocabulary, copy.poolAt(windows / windowsPerStep), synthetic, seqLen + 1, null);
                System.arraycopy(synthetic, 0, ids, r * seqLen, seqLen);
                System.arraycopy(synthetic, 1, targets, r * seqLen, seqLen);
                windows++;
                stats.addSequence(seqLen, seqLen);
                continue;
            }
            long start = corpusWindows * seqLen;
            if (!circular && start + seqLen + 1 > len) throw new IllegalStateException("the token stream ran out after " + windows + " windows");
            int at = (int) (start % len);
            // A repeated window reads z = s[0..c) s[0..seqLen + 1 - c): from position c on it repeats its start.
            int copy = repeatOffset(windows, seqLen, repeatFraction, repeatSeed);
            for (int i = 0; i < seqLen; i++) {
                int in = i < copy ? i : i - copy;
                int next = i + 1 < copy ? i + 1 : i + 1 - copy;
                ids[r * seqLen + i] = stream[(at + in) % len];
                targets[r * seqLen + i] = stream[(at + next) % len];
            }
            windows++;
            corpusWindows++;
            stats.addSequence(seqLen, seqLen);
        }
        return new Batch(rows, seqLen, ids, targets, null, null, null);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", windows);
        if (copy.active()) m.put("corpus_position", corpusWindows);
        m.put("stats", stats.toJson());
        return m;
    }

    @Override
    public void restore(Map<String, Object> state) {
        windows = PackingStats.count(state, "position");
        corpusWindows = state.containsKey("corpus_position") ? PackingStats.count(state, "corpus_position") : windows;
        Object s = state.get("stats");
        if (!(s instanceof Map<?, ?>)) throw new IllegalArgumentException("data state: 'stats' must be an object, got " + s);
        @SuppressWarnings("unchecked")
        Map<String, Object> statsJson = (Map<String, Object>) s;
        stats = PackingStats.fromJson(statsJson);
    }
}
