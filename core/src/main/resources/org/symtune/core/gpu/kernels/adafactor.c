/*
 * Adafactor's update of one parameter on the device (the semantics of org.symtune.tuning.optim.Adafactor,
 * itself Hugging Face's order of operations), in a handful of launches that never leave the device:
 *
 *   reduce_chunks/finish(w^2) -> scalars[0]; adafactor_step_size -> scalars[1]
 *   factored:   adafactor_row_moments, adafactor_col_moments, adafactor_row_means -> scalars[4 + b],
 *               adafactor_factored_chunks + reduce_finish -> scalars[2]
 *   unfactored: adafactor_unfactored_chunks (also updates v) + reduce_finish -> scalars[2]
 *   adafactor_clip -> scalars[3] and the step's statistics; adafactor_*_apply updates w (and the momentum).
 *
 * The chunk kernels use the REDUCE_CHUNK layout of reduce.c, which this file is compiled with. The factored
 * statistics treat a tensor of shape [..., rows, cols] as batches x rows x cols.
 */
#define SLOT_PARAM_SUMSQ 0
#define SLOT_STEP_SIZE 1
#define SLOT_UPDATE_SUMSQ 2
#define SLOT_CLIP 3
#define SLOT_ROW_MEANS 4

DEVICE_FN float second_moment(float old, float sample, float beta2, float mix2, int skipNan) {
    float updated = old * beta2 + mix2 * sample;
    return skipNan && IS_NAN(updated) ? old : updated;
}

DEVICE_FN float rsqrt_div(float x) {
    return 1.0f / SQRT(x);
}

/* scalars[1] = rate * min(max(eps2, RMS(w)), maxScale), or rate alone without parameter scaling. One item. */
KERNEL adafactor_step_size(int n, int scaleParameter, float rate, float eps2, float maxScale, GLOBAL float* scalars) {
    if (GLOBAL_ID(0) != 0) return;
    float scale = 1.0f;
    if (scaleParameter) scale = FMIN(FMAX(eps2, SQRT(scalars[SLOT_PARAM_SUMSQ] / (float) n)), maxScale);
    scalars[SLOT_STEP_SIZE] = scale * rate;
}

/* row[r] = EMA of mean_c(g^2 + eps1). One group of ROW_GROUP items per row of every batch. */
KERNEL adafactor_row_moments(int cols, GLOBAL const float* RESTRICT g, int gOff, GLOBAL float* RESTRICT row,
                             float beta2, float mix2, float eps1, int skipNan) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* gr = g + gOff + r * cols;
    float s = 0.0f;
    for (int c = t; c < cols; c += ROW_GROUP) s += gr[c] * gr[c] + eps1;
    s = group_sum(scratch, s, t);
    if (t == 0) row[r] = second_moment(row[r], s / (float) cols, beta2, mix2, skipNan);
}

/* col[b][c] = EMA of mean_r(g^2 + eps1). Geometry: global (ceil(cols / COL_TILE) * COL_TILE, COL_LANES * batches). */
KERNEL adafactor_col_moments(int rows, int cols, GLOBAL const float* RESTRICT g, int gOff, GLOBAL float* RESTRICT col,
                             float beta2, float mix2, float eps1, int skipNan) {
    LOCAL_MEM float scratch[COL_LANES * COL_TILE];
    int cl = LOCAL_ID(0), lane = LOCAL_ID(1);
    int c = GROUP_ID(0) * COL_TILE + cl, b = GROUP_ID(1);
    float s = 0.0f;
    if (c < cols) {
        GLOBAL const float* gb = g + gOff + b * rows * cols;
        for (int r = lane; r < rows; r += COL_LANES) s += gb[r * cols + c] * gb[r * cols + c] + eps1;
    }
    s = lanes_sum(scratch, s, cl, lane);
    if (lane == 0 && c < cols) col[b * cols + c] = second_moment(col[b * cols + c], s / (float) rows, beta2, mix2, skipNan);
}

/* scalars[4 + b] = mean over the rows of batch b of row[]. One group of ROW_GROUP items per batch. */
KERNEL adafactor_row_means(int rows, GLOBAL const float* RESTRICT row, GLOBAL float* RESTRICT scalars) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int b = GROUP_ID(0), t = LOCAL_ID(0);
    float s = 0.0f;
    for (int r = t; r < rows; r += ROW_GROUP) s += row[b * rows + r];
    s = group_sum(scratch, s, t);
    if (t == 0) scalars[SLOT_ROW_MEANS + b] = s / (float) rows;
}

/* The factored update direction rsqrt(row / mean(row)) * rsqrt(col) * g of element e. */
DEVICE_FN float factored_direction(int e, int rows, int cols, GLOBAL const float* g, int gOff, GLOBAL const float* row,
                                   GLOBAL const float* col, GLOBAL const float* scalars) {
    int r = e / cols, c = e % cols, b = r / rows;
    float fr = rsqrt_div(row[r] / scalars[SLOT_ROW_MEANS + b]);
    return fr * rsqrt_div(col[b * cols + c]) * g[gOff + e];
}

/* partials[chunk] = sum of the squared factored directions of the chunk (the layout of reduce_chunks). */
KERNEL adafactor_factored_chunks(int n, int rows, int cols, GLOBAL const float* RESTRICT g, int gOff, GLOBAL const float* RESTRICT row,
                                 GLOBAL const float* RESTRICT col, GLOBAL const float* RESTRICT scalars, GLOBAL float* RESTRICT partials) {
    LOCAL_MEM float scratch[REDUCE_GROUP];
    int chunk = GROUP_ID(0), t = LOCAL_ID(0);
    int end = IMIN(n, (chunk + 1) * REDUCE_CHUNK);
    float s = 0.0f;
    for (int e = chunk * REDUCE_CHUNK + t; e < end; e += REDUCE_GROUP) {
        float u = factored_direction(e, rows, cols, g, gOff, row, col, scalars);
        s += u * u;
    }
    s = reduce_group(scratch, s, t);
    if (t == 0) partials[chunk] = s;
}

/* v = EMA of g^2 + eps1 (in place), and partials[chunk] = sum of (rsqrt(v) * g)^2 over the chunk. */
KERNEL adafactor_unfactored_chunks(int n, GLOBAL const float* RESTRICT g, int gOff, GLOBAL float* RESTRICT v,
                                   float beta2, float mix2, float eps1, int skipNan, GLOBAL float* RESTRICT partials) {
    LOCAL_MEM float scratch[REDUCE_GROUP];
    int chunk = GROUP_ID(0), t = LOCAL_ID(0);
    int end = IMIN(n, (chunk + 1) * REDUCE_CHUNK);
    float s = 0.0f;
    for (int e = chunk * REDUCE_CHUNK + t; e < end; e += REDUCE_GROUP) {
        float gi = g[gOff + e];
        float ve = second_moment(v[e], gi * gi + eps1, beta2, mix2, skipNan);
        v[e] = ve;
        float u = rsqrt_div(ve) * gi;
        s += u * u;
    }
    s = reduce_group(scratch, s, t);
    if (t == 0) partials[chunk] = s;
}

/*
 * scalars[3] = max(1, RMS(direction) / clipThreshold); stats[statsOff ..] = (step size, RMS of the direction
 * before clipping, clip denominator). One item.
 */
KERNEL adafactor_clip(int n, float clipThreshold, GLOBAL float* RESTRICT scalars, GLOBAL float* RESTRICT stats, int statsOff) {
    if (GLOBAL_ID(0) != 0) return;
    float rms = SQRT(scalars[SLOT_UPDATE_SUMSQ] / (float) n);
    float denominator = FMAX(1.0f, rms / clipThreshold);
    scalars[SLOT_CLIP] = denominator;
    stats[statsOff] = scalars[SLOT_STEP_SIZE];
    stats[statsOff + 1] = rms;
    stats[statsOff + 2] = denominator;
}

/*
 * w -= clipped, scaled direction (through the momentum when there is one), with weight decay: decayMode 1
 * is w += w * (-weightDecay * stepSize) (Hugging Face), 2 is w *= keep (T5X), 0 none.
 */
DEVICE_FN void apply_update(int e, float direction, GLOBAL const float* scalars, GLOBAL float* w, int wOff,
                            int hasMomentum, GLOBAL float* m, float beta1, float mix1,
                            int decayMode, float weightDecay, float keep, int skipNan) {
    float stepSize = scalars[SLOT_STEP_SIZE];
    float u = direction / scalars[SLOT_CLIP] * stepSize;
    if (hasMomentum) {
        float mi = m[e] * beta1 + mix1 * u;
        if (!(skipNan && IS_NAN(mi))) m[e] = mi;
        u = mi;
    }
    float old = w[wOff + e];
    float p = old;
    if (decayMode == 1) p = p + p * (-weightDecay * stepSize);
    else if (decayMode == 2) p = p * keep;
    p = p - u;
    w[wOff + e] = skipNan && IS_NAN(p) ? old : p;
}

KERNEL adafactor_factored_apply(int n, int rows, int cols, GLOBAL const float* RESTRICT g, int gOff, GLOBAL const float* RESTRICT row,
                                GLOBAL const float* RESTRICT col, GLOBAL const float* RESTRICT scalars, GLOBAL float* RESTRICT w, int wOff,
                                int hasMomentum, GLOBAL float* RESTRICT m, float beta1, float mix1,
                                int decayMode, float weightDecay, float keep, int skipNan) {
    int e = GLOBAL_ID(0);
    if (e >= n) return;
    float direction = factored_direction(e, rows, cols, g, gOff, row, col, scalars);
    apply_update(e, direction, scalars, w, wOff, hasMomentum, m, beta1, mix1, decayMode, weightDecay, keep, skipNan);
}

KERNEL adafactor_unfactored_apply(int n, GLOBAL const float* RESTRICT g, int gOff, GLOBAL const float* RESTRICT v,
                                  GLOBAL const float* RESTRICT scalars, GLOBAL float* RESTRICT w, int wOff,
                                  int hasMomentum, GLOBAL float* RESTRICT m, float beta1, float mix1,
                                  int decayMode, float weightDecay, float keep, int skipNan) {
    int e = GLOBAL_ID(0);
    if (e >= n) return;
    apply_update(e, rsqrt_div(v[e]) * g[gOff + e], scalars, w, wOff, hasMomentum, m, beta1, mix1, decayMode, weightDecay, keep, skipNan);
}
