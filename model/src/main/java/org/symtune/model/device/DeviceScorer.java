package org.symtune.model.device;

import java.util.ArrayList;
import java.util.List;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.ContinuationScorer;
import org.symtune.model.infer.LogProbs;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.model.infer.Scorer;

/**
 * Log-likelihoods of candidate continuations on a {@link DeviceTransformer}, without a KV cache: every candidate
 * is one row, its prompt followed by all but its last token; up to {@code maxRows} rows go through one forward
 * (right-padded), and only the logits that predict candidate tokens come back. The scores are those of
 * {@link Scorer} up to float rounding.
 */
public final class DeviceScorer implements ContinuationScorer {
    private final DeviceTransformer model;
    private final int maxRows;

    /** @param maxRows the most candidates run together in one forward pass (device memory against speed) */
    public DeviceScorer(DeviceTransformer model, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        this.model = model;
        this.maxRows = maxRows;
    }

    @Override
    public List<List<CandidateScore>> score(List<ScoreRequest> requests) {
        Scorer.validate(requests, model.config());
        List<int[]> pairs = new ArrayList<>(); // (request, candidate) in order
        for (int r = 0; r < requests.size(); r++) {
            for (int c = 0; c < requests.get(r).candidates().size(); c++) pairs.add(new int[] {r, c});
        }
        CandidateScore[][] scores = new CandidateScore[requests.size()][];
        for (int r = 0; r < requests.size(); r++) scores[r] = new CandidateScore[requests.get(r).candidates().size()];
        for (int s = 0; s < pairs.size(); s += maxRows) {
            List<int[]> chunk = pairs.subList(s, Math.min(pairs.size(), s + maxRows));
            scoreChunk(requests, chunk, scores);
        }
        List<List<CandidateScore>> out = new ArrayList<>(requests.size());
        for (CandidateScore[] row : scores) out.add(List.of(row));
        return out;
    }

    private void scoreChunk(List<ScoreRequest> requests, List<int[]> chunk, CandidateScore[][] scores) {
        int vocab = model.config().vocabSize();
        List<int[]> rows = new ArrayList<>(chunk.size());
        int predicted = 0;
        for (int[] pair : chunk) {
            int[] prompt = requests.get(pair[0]).prompt();
            int[] cand = requests.get(pair[0]).candidates().get(pair[1]);
            int[] row = new int[prompt.length + cand.length - 1];
            System.arraycopy(prompt, 0, row, 0, prompt.length);
            System.arraycopy(cand, 0, row, prompt.length, cand.length - 1);
            rows.add(row);
            predicted += cand.length;
        }
        var batch = RowBatches.rightPadded(rows);
        // Candidate token j is predicted by the logits at the row's token prompt.length − 1 + j.
        int[] at = new int[predicted];
        int k = 0;
        for (int i = 0; i < chunk.size(); i++) {
            int[] pair = chunk.get(i);
            int promptLength = requests.get(pair[0]).prompt().length;
            int candLength = requests.get(pair[0]).candidates().get(pair[1]).length;
            for (int j = 0; j < candLength; j++) at[k++] = i * batch.seqLen() + promptLength - 1 + j;
        }
        float[] logits = model.logitsAt(batch, at);
        k = 0;
        for (int[] pair : chunk) {
            int[] cand = requests.get(pair[0]).candidates().get(pair[1]);
            double[] logProbs = new double[cand.length];
            double sum = 0;
            boolean greedy = true;
            for (int j = 0; j < cand.length; j++, k++) {
                logProbs[j] = LogProbs.of(logits, k * vocab, vocab, cand[j]);
                sum += logProbs[j];
                if (LogProbs.argmax(logits, k * vocab, vocab) != cand[j]) greedy = false;
            }
            scores[pair[0]][pair[1]] = new CandidateScore(sum, cand.length, greedy, logProbs);
        }
    }
}
