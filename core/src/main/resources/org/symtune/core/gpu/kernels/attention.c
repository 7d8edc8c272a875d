/*
 * Causal attention with packed segments and grouped KV heads (AttentionKernels), forward and backward,
 * without materialising the attention matrix.
 *
 * Layouts: q, out, dOut are [batch, qLen, qHeads, dim]; k, v [batch, kvStride, kvHeads, dim] of which the
 * first kvLen rows are read; lse and rowDot [batch, qHeads, qLen]. Query i sits at key position
 * i + kvLen - qLen and sees key j when j <= that position and, with segments, when the segments match.
 *
 * Compile-time constants: ATT_DIM >= dim, the size of the per-item and tile arrays, and ATT_K, the rows per
 * tile. Vectors are zero-padded from dim to ATT_DIM, so the inner loops have compile-time bounds (registers,
 * unrolling) and the padding adds exact zeros. A group of ATT_GROUP items owns ATT_GROUP queries (forward, dq) or keys (dk/dv) of one head and walks
 * the other side in tiles of ATT_K rows staged in local memory. Every sum runs in a fixed order (keys or
 * queries ascending, heads ascending), so results are bit-identical from run to run.
 */
#define ATT_GROUP 64

DEVICE_FN int q_at(int b, int i, int h, int qLen, int qHeads, int dim) {
    return ((b * qLen + i) * qHeads + h) * dim;
}

DEVICE_FN int kv_at(int b, int j, int g, int kvStride, int kvHeads, int dim) {
    return ((b * kvStride + j) * kvHeads + g) * dim;
}

/* Stages rows [j0, j0 + ATT_K) of the kv head g of k and v (zeros past kvLen) and their segments. */
DEVICE_FN void stage_keys(LOCAL_PTR float* kt, LOCAL_PTR float* vt, LOCAL_PTR int* st, int j0, int t,
                          int b, int g, int kvLen, int kvStride, int kvHeads, int dim,
                          GLOBAL const float* k, GLOBAL const float* v, int hasSegments, GLOBAL const int* kSeg) {
    for (int e = t; e < ATT_K * ATT_DIM; e += ATT_GROUP) {
        int jj = e / ATT_DIM, d = e % ATT_DIM, j = j0 + jj;
        int inside = j < kvLen && d < dim;
        kt[e] = inside ? k[kv_at(b, j, g, kvStride, kvHeads, dim) + d] : 0.0f;
        vt[e] = inside ? v[kv_at(b, j, g, kvStride, kvHeads, dim) + d] : 0.0f;
    }
    if (t < ATT_K) st[t] = hasSegments && j0 + t < kvLen ? kSeg[b * kvStride + j0 + t] : 0;
}

/* Geometry: global (ceil(qLen / ATT_GROUP) * ATT_GROUP, batch * qHeads), local (ATT_GROUP, 1). */
KERNEL attention_forward(int qLen, int kvLen, int kvStride, int qHeads, int kvHeads, int dim, float scale,
                         GLOBAL const float* RESTRICT q, GLOBAL const float* RESTRICT k, GLOBAL const float* RESTRICT v,
                         int hasSegments, GLOBAL const int* RESTRICT qSeg, GLOBAL const int* RESTRICT kSeg,
                         GLOBAL float* RESTRICT out, GLOBAL float* RESTRICT lse) {
    LOCAL_MEM float kt[ATT_K * ATT_DIM];
    LOCAL_MEM float vt[ATT_K * ATT_DIM];
    LOCAL_MEM int st[ATT_K];
    int t = LOCAL_ID(0);
    int i = GROUP_ID(0) * ATT_GROUP + t;
    int b = GROUP_ID(1) / qHeads, h = GROUP_ID(1) % qHeads;
    int g = h / (qHeads / kvHeads);
    int shift = kvLen - qLen;
    int active = i < qLen;
    int last = i + shift;
    int groupLast = IMIN(GROUP_ID(0) * ATT_GROUP + ATT_GROUP - 1, qLen - 1) + shift;
    int qBase = q_at(b, active ? i : 0, h, qLen, qHeads, dim);
    int mySeg = hasSegments && active ? qSeg[b * qLen + i] : 0;
    float qv[ATT_DIM], acc[ATT_DIM];
    for (int d = 0; d < ATT_DIM; d++) {
        qv[d] = active && d < dim ? q[qBase + d] : 0.0f;
        acc[d] = 0.0f;
    }
    float m = -F_INF, l = 0.0f;
    for (int j0 = 0; j0 <= groupLast; j0 += ATT_K) {
        stage_keys(kt, vt, st, j0, t, b, g, kvLen, kvStride, kvHeads, dim, k, v, hasSegments, kSeg);
        BARRIER();
        if (active) {
            float s[ATT_K];
            float tileMax = -F_INF;
            for (int jj = 0; jj < ATT_K; jj++) {
                s[jj] = -F_INF;
                if (j0 + jj <= last && (!hasSegments || st[jj] == mySeg)) {
                    float dot = 0.0f;
                    for (int d = 0; d < ATT_DIM; d++) dot += qv[d] * kt[jj * ATT_DIM + d];
                    s[jj] = scale * dot;
                    tileMax = FMAX(tileMax, s[jj]);
                }
            }
            if (tileMax > -F_INF) {
                /* Online softmax: rescale what was summed under the old maximum (exp(-inf) = 0 at the start). */
                float mNew = FMAX(m, tileMax);
                float corr = EXP(m - mNew);
                l *= corr;
                for (int d = 0; d < ATT_DIM; d++) acc[d] *= corr;
                for (int jj = 0; jj < ATT_K; jj++) {
                    if (s[jj] == -F_INF) continue;
                    float p = EXP(s[jj] - mNew);
                    l += p;
                    for (int d = 0; d < ATT_DIM; d++) acc[d] += p * vt[jj * ATT_DIM + d];
                }
                m = mNew;
            }
        }
        BARRIER();
    }
    if (!active) return;
    int lseAt = (b * qHeads + h) * qLen + i;
    if (l == 0.0f) {
        /* No visible key: zero output and an lse of -inf, which the backward pass skips. */
        for (int d = 0; d < dim; d++) out[qBase + d] = 0.0f;
        lse[lseAt] = -F_INF;
    } else {
        for (int d = 0; d < dim; d++) out[qBase + d] = acc[d] / l;
        lse[lseAt] = m + LOG(l);
    }
}

/* rowDot[b][h][i] = dOut_i . out_i, the softmax-backward correction term. One item per query row. */
KERNEL attention_row_dot(int rowsTotal, int qLen, int qHeads, int dim, GLOBAL const float* RESTRICT dOut,
                         GLOBAL const float* RESTRICT out, GLOBAL float* RESTRICT rowDot) {
    int r = GLOBAL_ID(0);
    if (r >= rowsTotal) return;
    int h = r % qHeads, i = (r / qHeads) % qLen, b = r / (qHeads * qLen);
    float s = 0.0f;
    for (int d = 0; d < dim; d++) s += dOut[r * dim + d] * out[r * dim + d];
    rowDot[(b * qHeads + h) * qLen + i] = s;
}

/* dq_i += scale * sum_j p_ij (dOut_i . v_j - rowDot_i) k_j. Geometry as attention_forward. */
KERNEL attention_backward_dq(int qLen, int kvLen, int kvStride, int qHeads, int kvHeads, int dim, float scale,
                             GLOBAL const float* RESTRICT q, GLOBAL const float* RESTRICT k, GLOBAL const float* RESTRICT v,
                             int hasSegments, GLOBAL const int* RESTRICT qSeg, GLOBAL const int* RESTRICT kSeg,
                             GLOBAL const float* RESTRICT lse, GLOBAL const float* RESTRICT rowDot,
                             GLOBAL const float* RESTRICT dOut, GLOBAL float* RESTRICT dq) {
    LOCAL_MEM float kt[ATT_K * ATT_DIM];
    LOCAL_MEM float vt[ATT_K * ATT_DIM];
    LOCAL_MEM int st[ATT_K];
    int t = LOCAL_ID(0);
    int i = GROUP_ID(0) * ATT_GROUP + t;
    int b = GROUP_ID(1) / qHeads, h = GROUP_ID(1) % qHeads;
    int g = h / (qHeads / kvHeads);
    int shift = kvLen - qLen;
    int inside = i < qLen;
    int rowAt = (b * qHeads + h) * qLen + (inside ? i : 0);
    float rowLse = inside ? lse[rowAt] : -F_INF;
    float dRow = inside ? rowDot[rowAt] : 0.0f;
    int active = inside && rowLse != -F_INF;
    int last = i + shift;
    int groupLast = IMIN(GROUP_ID(0) * ATT_GROUP + ATT_GROUP - 1, qLen - 1) + shift;
    int qBase = q_at(b, inside ? i : 0, h, qLen, qHeads, dim);
    int mySeg = hasSegments && inside ? qSeg[b * qLen + i] : 0;
    float qv[ATT_DIM], gv[ATT_DIM], acc[ATT_DIM];
    for (int d = 0; d < ATT_DIM; d++) {
        qv[d] = active && d < dim ? q[qBase + d] : 0.0f;
        gv[d] = active && d < dim ? dOut[qBase + d] : 0.0f;
        acc[d] = 0.0f;
    }
    for (int j0 = 0; j0 <= groupLast; j0 += ATT_K) {
        stage_keys(kt, vt, st, j0, t, b, g, kvLen, kvStride, kvHeads, dim, k, v, hasSegments, kSeg);
        BARRIER();
        if (active) {
            for (int jj = 0; jj < ATT_K; jj++) {
                if (j0 + jj > last || (hasSegments && st[jj] != mySeg)) continue;
                float dot = 0.0f, dp = 0.0f;
                for (int d = 0; d < ATT_DIM; d++) {
                    dot += qv[d] * kt[jj * ATT_DIM + d];
                    dp += gv[d] * vt[jj * ATT_DIM + d];
                }
                float p = EXP(scale * dot - rowLse);
                float ds = scale * p * (dp - dRow);
                for (int d = 0; d < ATT_DIM; d++) acc[d] += ds * kt[jj * ATT_DIM + d];
            }
        }
        BARRIER();
    }
    if (!active) return;
    for (int d = 0; d < dim; d++) dq[qBase + d] += acc[d];
}

/*
 * dk_j += scale * sum_{h,i} p_ij (dOut_i . v_j - rowDot_i) q_i and dv_j += sum_{h,i} p_ij dOut_i, over the query
 * heads h that read kv head g and the queries i that see key j. Geometry: global
 * (ceil(kvLen / ATT_GROUP) * ATT_GROUP, batch * kvHeads), local (ATT_GROUP, 1).
 */
KERNEL attention_backward_dkdv(int qLen, int kvLen, int kvStride, int qHeads, int kvHeads, int dim, float scale,
                               GLOBAL const float* RESTRICT q, GLOBAL const float* RESTRICT k, GLOBAL const float* RESTRICT v,
                               int hasSegments, GLOBAL const int* RESTRICT qSeg, GLOBAL const int* RESTRICT kSeg,
                               GLOBAL const float* RESTRICT lse, GLOBAL const float* RESTRICT rowDot, GLOBAL const float* RESTRICT dOut,
                               int hasDk, GLOBAL float* RESTRICT dk, int hasDv, GLOBAL float* RESTRICT dv) {
    LOCAL_MEM float qt[ATT_K * ATT_DIM];
    LOCAL_MEM float gt[ATT_K * ATT_DIM];
    LOCAL_MEM float lt[ATT_K];
    LOCAL_MEM float rt[ATT_K];
    LOCAL_MEM int st[ATT_K];
    int t = LOCAL_ID(0);
    int j = GROUP_ID(0) * ATT_GROUP + t;
    int b = GROUP_ID(1) / kvHeads, g = GROUP_ID(1) % kvHeads;
    int group = qHeads / kvHeads;
    int shift = kvLen - qLen;
    int active = j < kvLen;
    int kvBase = kv_at(b, active ? j : 0, g, kvStride, kvHeads, dim);
    int mySeg = hasSegments && active ? kSeg[b * kvStride + j] : 0;
    /* Queries before the group's first key minus the shift see none of its keys. */
    int iStart = IMAX(0, GROUP_ID(0) * ATT_GROUP - shift);
    float kv[ATT_DIM], vv[ATT_DIM], dkAcc[ATT_DIM], dvAcc[ATT_DIM];
    for (int d = 0; d < ATT_DIM; d++) {
        kv[d] = active && d < dim ? k[kvBase + d] : 0.0f;
        vv[d] = active && d < dim ? v[kvBase + d] : 0.0f;
        dkAcc[d] = 0.0f;
        dvAcc[d] = 0.0f;
    }
    for (int hh = 0; hh < group; hh++) {
        int h = g * group + hh;
        for (int i0 = iStart; i0 < qLen; i0 += ATT_K) {
            for (int e = t; e < ATT_K * ATT_DIM; e += ATT_GROUP) {
                int ii = e / ATT_DIM, d = e % ATT_DIM, i = i0 + ii;
                int inside = i < qLen && d < dim;
                qt[e] = inside ? q[q_at(b, i, h, qLen, qHeads, dim) + d] : 0.0f;
                gt[e] = inside ? dOut[q_at(b, i, h, qLen, qHeads, dim) + d] : 0.0f;
            }
            if (t < ATT_K) {
                int i = i0 + t;
                int inside = i < qLen;
                lt[t] = inside ? lse[(b * qHeads + h) * qLen + i] : -F_INF;
                rt[t] = inside ? rowDot[(b * qHeads + h) * qLen + i] : 0.0f;
                st[t] = hasSegments && inside ? qSeg[b * qLen + i] : 0;
            }
            BARRIER();
            if (active) {
                for (int ii = 0; ii < ATT_K; ii++) {
                    int i = i0 + ii;
                    if (i >= qLen || j > i + shift || lt[ii] == -F_INF || (hasSegments && st[ii] != mySeg)) continue;
                    float dot = 0.0f, dp = 0.0f;
                    for (int d = 0; d < ATT_DIM; d++) {
                        dot += qt[ii * ATT_DIM + d] * kv[d];
                        dp += gt[ii * ATT_DIM + d] * vv[d];
                    }
                    float p = EXP(scale * dot - lt[ii]);
                    float ds = scale * p * (dp - rt[ii]);
                    for (int d = 0; d < ATT_DIM; d++) {
                        dkAcc[d] += ds * qt[ii * ATT_DIM + d];
                        dvAcc[d] += p * gt[ii * ATT_DIM + d];
                    }
                }
            }
            BARRIER();
        }
    }
    if (!active) return;
    for (int d = 0; d < dim; d++) {
        if (hasDk) dk[kvBase + d] += dkAcc[d];
        if (hasDv) dv[kvBase + d] += dvAcc[d];
    }
}
