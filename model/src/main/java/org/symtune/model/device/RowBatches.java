package org.symtune.model.device;

import java.util.List;
import org.symtune.model.Batch;

/** Rows of different lengths as one {@link Batch} for an inference forward. */
final class RowBatches {
    private RowBatches() {
    }

    /**
     * The rows right-padded with token 0 to the longest. Attention is causal, so padding after a row's tokens
     * never changes their logits; positions run on through the padding (the longest row bounds them). No targets.
     */
    static Batch rightPadded(List<int[]> rows) {
        int length = 0;
        for (int[] r : rows) length = Math.max(length, r.length);
        int[] ids = new int[rows.size() * length];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, ids, r * length, rows.get(r).length);
        int[] targets = new int[ids.length];
        java.util.Arrays.fill(targets, -1);
        return new Batch(rows.size(), length, ids, targets, null, null, null);
    }
}
