package org.symtune.model.infer;

import java.util.List;

/**
 * Scores candidate continuations of prompts (rank classification): {@link Scorer} on the CPU with a KV cache,
 * {@code org.symtune.model.device.DeviceScorer} on a device.
 */
public interface ContinuationScorer {

    /** Every candidate of every request, results in request and candidate order. */
    List<List<CandidateScore>> score(List<ScoreRequest> requests);
}
