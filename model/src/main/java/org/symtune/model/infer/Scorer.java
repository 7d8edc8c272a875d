package org.symtune.model.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.symtune.core.backend.Backend;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

/**
 * Log-likelihoods of candidate continuations (rank classification). Each prompt is run once: the
 * prompts of a group of requests are prefilled together (left-padded), the KV cache is then forked
 * into one row per candidate, and all candidates are fed together (right-padded), so a candidate's
 * first token is scored from the prompt's last logits and its later tokens from the forked rows.
 *
 * <p>Scores equal those of the training forward up to float rounding; the rounding may differ in the
 * last bits with the composition of a batch (padding changes how attention tiles are summed), but the
 * same requests in the same order always give the same scores.
 */
public final class Scorer implements ContinuationScorer {
    /** Default number of rows (prompts or candidates) per forward pass. */
    public static final int DEFAULT_MAX_ROWS = 32;
    /** Largest logits array one forward pass may return, in floats, before candidates are split further. */
    private static final long MAX_LOGITS = 32L << 20;

    private final Transformer model;
    private final Backend backend;
    private final int maxRows;

    public Scorer(Transformer model, Backend backend) {
        this(model, backend, DEFAULT_MAX_ROWS);
    }

    /** @param maxRows the most prompts or candidates run together in one forward pass (memory vs speed) */
    public Scorer(Transformer model, Backend backend, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        this.model = model;
        this.backend = backend;
        this.maxRows = maxRows;
    }

    /** Scores every candidate of one prompt. */
    public List<CandidateScore> score(int[] prompt, List<int[]> candidates) {
        return score(List.of(new ScoreRequest(prompt, candidates))).get(0);
    }

    /** Scores many requests, batching prompts and candidates across requests; results in request order. */
    @Override
    public List<List<CandidateScore>> score(List<ScoreRequest> requests) {
        validate(requests, model.config());
        List<List<CandidateScore>> results = new ArrayList<>(requests.size());
        int start = 0;
        while (start < requests.size()) {
            // A group: consecutive requests with at most maxRows candidates in all (or one larger request).
            int end = start + 1;
            int rows = requests.get(start).candidates().size();
            while (end < requests.size() && rows + requests.get(end).candidates().size() <= maxRows) {
                rows += requests.get(end++).candidates().size();
            }
            results.addAll(scoreGroup(requests.subList(start, end)));
            start = end;
        }
        return results;
    }

    /**
     * Checks that every token of {@code requests} is in the vocabulary of {@code config} and that each prompt with
     * each candidate fits its context (the last candidate token is only predicted, never fed); the message names
     * the request and candidate.
     */
    public static void validate(List<ScoreRequest> requests, TransformerConfig config) {
        int context = config.contextLength();
        int vocab = config.vocabSize();
        for (int r = 0; r < requests.size(); r++) {
            ScoreRequest q = requests.get(r);
            for (int c = 0; c < q.candidates().size(); c++) {
                int fed = q.prompt().length + q.candidates().get(c).length - 1;
                if (fed > context) {
                    throw new IllegalArgumentException("request " + r + ", candidate " + c + ": the prompt (" + q.prompt().length
                            + " tokens) and candidate (" + q.candidates().get(c).length + " tokens) exceed the model's context length of "
                            + context);
                }
                for (int id : q.candidates().get(c)) checkId(id, vocab, r, "candidate " + c);
            }
            for (int id : q.prompt()) checkId(id, vocab, r, "prompt");
        }
    }

    private static void checkId(int id, int vocab, int request, String where) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("request " + request + ", " + where + ": token id " + id + " is outside the vocabulary of " + vocab);
        }
    }

    private List<List<CandidateScore>> scoreGroup(List<ScoreRequest> group) {
        int vocab = model.config().vocabSize();
        int[][] prompts = new int[group.size()][];
        int longestPrompt = 0;
        List<int[]> pairs = new ArrayList<>(); // (request in group, candidate) of the candidates longer than one token
        int longestCandidate = 0;
        for (int r = 0; r < group.size(); r++) {
            prompts[r] = group.get(r).prompt();
            longestPrompt = Math.max(longestPrompt, prompts[r].length);
            List<int[]> cands = group.get(r).candidates();
            for (int c = 0; c < cands.size(); c++) {
                if (cands.get(c).length > 1) pairs.add(new int[] {r, c});
                longestCandidate = Math.max(longestCandidate, cands.get(c).length);
            }
        }

        InferenceSession prefix = InferenceSession.open(model, backend, group.size(), longestPrompt);
        float[] promptLogits = prefix.prefill(prompts);

        List<List<CandidateScore>> out = new ArrayList<>(group.size());
        double[][][] logProbs = new double[group.size()][][];
        boolean[][] greedy = new boolean[group.size()][];
        for (int r = 0; r < group.size(); r++) {
            List<int[]> cands = group.get(r).candidates();
            logProbs[r] = new double[cands.size()][];
            greedy[r] = new boolean[cands.size()];
            int best = LogProbs.argmax(promptLogits, r * vocab, vocab);
            double lse = LogProbs.logSumExp(promptLogits, r * vocab, vocab);
            for (int c = 0; c < cands.size(); c++) {
                int first = cands.get(c)[0];
                logProbs[r][c] = new double[cands.get(c).length];
                logProbs[r][c][0] = promptLogits[r * vocab + first] - lse;
                greedy[r][c] = best == first;
            }
        }

        if (longestCandidate > 1) {
            // Candidate tokens after the first are predicted from forked rows fed all but the last token.
            int fed = longestCandidate - 1;
            int perChunk = (int) Math.max(1, Math.min(maxRows, MAX_LOGITS / ((long) fed * vocab)));
            for (int s = 0; s < pairs.size(); s += perChunk) {
                List<int[]> chunk = pairs.subList(s, Math.min(pairs.size(), s + perChunk));
                scoreContinuations(prefix, group, chunk, fed, logProbs, greedy);
            }
        }
        for (int r = 0; r < group.size(); r++) {
            List<CandidateScore> scores = new ArrayList<>();
            for (int c = 0; c < logProbs[r].length; c++) {
                double sum = 0;
                for (double lp : logProbs[r][c]) sum += lp;
                scores.add(new CandidateScore(sum, logProbs[r][c].length, greedy[r][c], logProbs[r][c]));
            }
            out.add(scores);
        }
        return out;
    }

    /** Feeds the chunk's candidates (all but their last token, right-padded to {@code fed}) and scores tokens 1.. of each. */
    private void scoreContinuations(InferenceSession prefix, List<ScoreRequest> group, List<int[]> chunk, int fed,
                                    double[][][] logProbs, boolean[][] greedy) {
        int vocab = model.config().vocabSize();
        int[] sources = new int[chunk.size()];
        int[] ids = new int[chunk.size() * fed];
        Arrays.fill(ids, InferenceSession.PAD);
        for (int i = 0; i < chunk.size(); i++) {
            int[] pair = chunk.get(i);
            sources[i] = pair[0];
            int[] cand = group.get(pair[0]).candidates().get(pair[1]);
            System.arraycopy(cand, 0, ids, i * fed, cand.length - 1);
        }
        InferenceSession rows = prefix.fork(sources, prefix.length() + fed);
        float[] logits = rows.forwardAll(ids, fed);
        for (int i = 0; i < chunk.size(); i++) {
            int[] pair = chunk.get(i);
            int[] cand = group.get(pair[0]).candidates().get(pair[1]);
            for (int j = 1; j < cand.length; j++) {
                int off = (i * fed + j - 1) * vocab;
                logProbs[pair[0]][pair[1]][j] = LogProbs.of(logits, off, vocab, cand[j]);
                if (LogProbs.argmax(logits, off, vocab) != cand[j]) greedy[pair[0]][pair[1]] = false;
            }
        }
    }
}
