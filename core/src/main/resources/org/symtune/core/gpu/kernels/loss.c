/*
 * Embedding lookup and cross-entropy fused with log-softmax (LossKernels). Indices come from the host, which
 * checks them when it uploads a batch; a kernel that still meets an index outside its table writes NaN
 * rather than reading out of bounds, so the mistake surfaces as a NaN loss.
 */

/* out[i][c] = table[ids[i]][c]. Geometry: one item per output element. */
KERNEL embedding_forward(int n, int dim, int tableRows, GLOBAL const float* RESTRICT table, GLOBAL const int* RESTRICT ids,
                         GLOBAL float* RESTRICT out, int outOff) {
    int e = GLOBAL_ID(0);
    if (e >= n * dim) return;
    int i = e / dim, c = e % dim;
    int id = ids[i];
    out[outOff + e] = id >= 0 && id < tableRows ? table[id * dim + c] : F_NAN;
}

/*
 * dTable[ids[i]][c] += dOut[i][c] in token order. One item per column walks the tokens in order, so repeated
 * ids accumulate exactly as the CPU loop does and no two items ever write the same element.
 */
KERNEL embedding_backward(int n, int dim, int tableRows, GLOBAL const int* RESTRICT ids, GLOBAL const float* RESTRICT dOut, int dOutOff,
                          GLOBAL float* RESTRICT dTable) {
    int c = GLOBAL_ID(0);
    if (c >= dim) return;
    for (int i = 0; i < n; i++) {
        int id = ids[i];
        if (id >= 0 && id < tableRows) dTable[id * dim + c] += dOut[dOutOff + i * dim + c];
    }
}

DEVICE_FN int row_ignored(int r, GLOBAL const int* targets, int hasWeights, GLOBAL const float* weights) {
    return targets[r] < 0 || (hasWeights && weights[r] == 0.0f);
}

/*
 * loss[r] = w[r] * (logsumexp(logits[r]) - logits[r][target[r]]), lse[r] = the row's log-sum-exp; an ignored
 * row (negative target, zero weight) gets loss 0 and lse NaN. One work group of ROW_GROUP items per row.
 */
KERNEL cross_entropy_forward(int vocab, GLOBAL const float* RESTRICT logits, int logitsOff, GLOBAL const int* RESTRICT targets,
                             int hasWeights, GLOBAL const float* RESTRICT weights, GLOBAL float* RESTRICT loss, GLOBAL float* RESTRICT lse) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    if (row_ignored(r, targets, hasWeights, weights)) {
        if (t == 0) {
            loss[r] = 0.0f;
            lse[r] = F_NAN;
        }
        return; /* the whole group leaves together, so no barrier is skipped by part of it */
    }
    GLOBAL const float* row = logits + logitsOff + r * vocab;
    float m = -F_INF;
    for (int j = t; j < vocab; j += ROW_GROUP) m = FMAX(m, row[j]);
    m = group_max(scratch, m, t);
    float s = 0.0f;
    for (int j = t; j < vocab; j += ROW_GROUP) s += EXP(row[j] - m);
    float l = m + LOG(group_sum(scratch, s, t));
    if (t == 0) {
        int target = targets[r];
        float w = hasWeights ? weights[r] : 1.0f;
        loss[r] = target < vocab ? w * (l - row[target]) : F_NAN;
        lse[r] = l;
    }
}

/* dLogits[r][j] += scale * w[r] * (softmax(logits[r])[j] - (j == target[r])). Geometry: (ceil(vocab), rows). */
KERNEL cross_entropy_backward(int vocab, GLOBAL const float* RESTRICT logits, int logitsOff, GLOBAL const int* RESTRICT targets,
                              int hasWeights, GLOBAL const float* RESTRICT weights, GLOBAL const float* RESTRICT lse, float scale,
                              GLOBAL float* RESTRICT dLogits, int dLogitsOff) {
    int j = GLOBAL_ID(0), r = GLOBAL_ID(1);
    if (j >= vocab || row_ignored(r, targets, hasWeights, weights)) return;
    float sw = scale * (hasWeights ? weights[r] : 1.0f);
    float p = EXP(logits[logitsOff + r * vocab + j] - lse[r]);
    dLogits[dLogitsOff + r * vocab + j] += sw * (j == targets[r] ? p - 1.0f : p);
}
