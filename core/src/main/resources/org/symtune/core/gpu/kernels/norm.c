/*
 * Row-wise LayerNorm, RMSNorm and softmax (NormKernels), forward and backward. Row kernels run one work
 * group of ROW_GROUP items per row: item t handles the elements t, t + ROW_GROUP, ... of the row and the row
 * statistics are combined by group_sum / group_max. Parameter gradients (dGamma, dBeta) are column kernels:
 * each column's sum over rows is accumulated by COL_LANES lanes in row order and combined in a fixed tree.
 * Optional parameters are passed with a has* flag (the buffer is then a placeholder that is never read).
 */

KERNEL layernorm_forward(int dim, float eps, GLOBAL const float* RESTRICT x, int xOff,
                         int hasGamma, GLOBAL const float* RESTRICT gamma, int hasBeta, GLOBAL const float* RESTRICT beta,
                         GLOBAL float* RESTRICT y, int yOff, int hasMean, GLOBAL float* RESTRICT mean, int hasRstd, GLOBAL float* RESTRICT rstd) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* row = x + xOff + r * dim;
    float s = 0.0f;
    for (int i = t; i < dim; i += ROW_GROUP) s += row[i];
    float mu = group_sum(scratch, s, t) / (float) dim;
    float sq = 0.0f;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float d = row[i] - mu;
        sq += d * d;
    }
    float rs = 1.0f / SQRT(group_sum(scratch, sq, t) / (float) dim + eps);
    GLOBAL float* out = y + yOff + r * dim;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float v = (row[i] - mu) * rs;
        if (hasGamma) v *= gamma[i];
        if (hasBeta) v += beta[i];
        out[i] = v;
    }
    if (t == 0 && hasMean) mean[r] = mu;
    if (t == 0 && hasRstd) rstd[r] = rs;
}

/* dx += rstd * (g - mean(g) - xhat * mean(g * xhat)), g = dy * gamma, xhat = (x - mean) * rstd. */
KERNEL layernorm_backward_dx(int dim, GLOBAL const float* RESTRICT x, int xOff, int hasGamma, GLOBAL const float* RESTRICT gamma,
                             GLOBAL const float* RESTRICT mean, GLOBAL const float* RESTRICT rstd,
                             GLOBAL const float* RESTRICT dy, int dyOff, GLOBAL float* RESTRICT dx, int dxOff) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* row = x + xOff + r * dim;
    GLOBAL const float* drow = dy + dyOff + r * dim;
    float mu = mean[r], rs = rstd[r];
    float sg = 0.0f, sgx = 0.0f;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float g = hasGamma ? drow[i] * gamma[i] : drow[i];
        sg += g;
        sgx += g * (row[i] - mu) * rs;
    }
    float meanG = group_sum(scratch, sg, t) / (float) dim;
    float meanGx = group_sum(scratch, sgx, t) / (float) dim;
    GLOBAL float* out = dx + dxOff + r * dim;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float g = hasGamma ? drow[i] * gamma[i] : drow[i];
        out[i] += rs * (g - meanG - (row[i] - mu) * rs * meanGx);
    }
}

/* dGamma[c] += sum_r dy * xhat, dBeta[c] += sum_r dy. Geometry: global (ceil(dim / COL_TILE) * COL_TILE, COL_LANES). */
KERNEL layernorm_backward_params(int rows, int dim, GLOBAL const float* RESTRICT x, int xOff,
                                 GLOBAL const float* RESTRICT mean, GLOBAL const float* RESTRICT rstd,
                                 GLOBAL const float* RESTRICT dy, int dyOff,
                                 int hasDGamma, GLOBAL float* RESTRICT dGamma, int hasDBeta, GLOBAL float* RESTRICT dBeta) {
    LOCAL_MEM float scratch[COL_LANES * COL_TILE];
    int col = LOCAL_ID(0), lane = LOCAL_ID(1);
    int c = GROUP_ID(0) * COL_TILE + col;
    float sg = 0.0f, sb = 0.0f;
    if (c < dim) {
        for (int r = lane; r < rows; r += COL_LANES) {
            float d = dy[dyOff + r * dim + c];
            sg += d * (x[xOff + r * dim + c] - mean[r]) * rstd[r];
            sb += d;
        }
    }
    sg = lanes_sum(scratch, sg, col, lane);
    sb = lanes_sum(scratch, sb, col, lane);
    if (lane == 0 && c < dim) {
        if (hasDGamma) dGamma[c] += sg;
        if (hasDBeta) dBeta[c] += sb;
    }
}

KERNEL rmsnorm_forward(int dim, float eps, GLOBAL const float* RESTRICT x, int xOff, int hasGamma, GLOBAL const float* RESTRICT gamma,
                       GLOBAL float* RESTRICT y, int yOff, int hasRstd, GLOBAL float* RESTRICT rstd) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* row = x + xOff + r * dim;
    float sq = 0.0f;
    for (int i = t; i < dim; i += ROW_GROUP) sq += row[i] * row[i];
    float rs = 1.0f / SQRT(group_sum(scratch, sq, t) / (float) dim + eps);
    GLOBAL float* out = y + yOff + r * dim;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float v = row[i] * rs;
        if (hasGamma) v *= gamma[i];
        out[i] = v;
    }
    if (t == 0 && hasRstd) rstd[r] = rs;
}

/* dx += rstd * (g - xhat * mean(g * xhat)), g = dy * gamma, xhat = x * rstd. */
KERNEL rmsnorm_backward_dx(int dim, GLOBAL const float* RESTRICT x, int xOff, int hasGamma, GLOBAL const float* RESTRICT gamma,
                           GLOBAL const float* RESTRICT rstd, GLOBAL const float* RESTRICT dy, int dyOff,
                           GLOBAL float* RESTRICT dx, int dxOff) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* row = x + xOff + r * dim;
    GLOBAL const float* drow = dy + dyOff + r * dim;
    float rs = rstd[r];
    float sgx = 0.0f;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float g = hasGamma ? drow[i] * gamma[i] : drow[i];
        sgx += g * row[i] * rs;
    }
    float meanGx = group_sum(scratch, sgx, t) / (float) dim;
    GLOBAL float* out = dx + dxOff + r * dim;
    for (int i = t; i < dim; i += ROW_GROUP) {
        float g = hasGamma ? drow[i] * gamma[i] : drow[i];
        out[i] += rs * (g - row[i] * rs * meanGx);
    }
}

/* dGamma[c] += sum_r dy * x * rstd. Geometry: global (ceil(dim / COL_TILE) * COL_TILE, COL_LANES). */
KERNEL rmsnorm_backward_gamma(int rows, int dim, GLOBAL const float* RESTRICT x, int xOff, GLOBAL const float* RESTRICT rstd,
                              GLOBAL const float* RESTRICT dy, int dyOff, GLOBAL float* RESTRICT dGamma) {
    LOCAL_MEM float scratch[COL_LANES * COL_TILE];
    int col = LOCAL_ID(0), lane = LOCAL_ID(1);
    int c = GROUP_ID(0) * COL_TILE + col;
    float sg = 0.0f;
    if (c < dim) {
        for (int r = lane; r < rows; r += COL_LANES) sg += dy[dyOff + r * dim + c] * x[xOff + r * dim + c] * rstd[r];
    }
    sg = lanes_sum(scratch, sg, col, lane);
    if (lane == 0 && c < dim) dGamma[c] += sg;
}

KERNEL softmax_forward(int cols, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT y, int yOff) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* row = x + xOff + r * cols;
    float m = -F_INF;
    for (int i = t; i < cols; i += ROW_GROUP) m = FMAX(m, row[i]);
    m = group_max(scratch, m, t);
    float s = 0.0f;
    for (int i = t; i < cols; i += ROW_GROUP) s += EXP(row[i] - m);
    float sum = group_sum(scratch, s, t);
    GLOBAL float* out = y + yOff + r * cols;
    for (int i = t; i < cols; i += ROW_GROUP) out[i] = EXP(row[i] - m) / sum;
}

/* dx += y * (dy - sum(dy * y)). */
KERNEL softmax_backward(int cols, GLOBAL const float* RESTRICT y, int yOff, GLOBAL const float* RESTRICT dy, int dyOff,
                        GLOBAL float* RESTRICT dx, int dxOff) {
    LOCAL_MEM float scratch[ROW_GROUP];
    int r = GROUP_ID(0), t = LOCAL_ID(0);
    GLOBAL const float* yr = y + yOff + r * cols;
    GLOBAL const float* dr = dy + dyOff + r * cols;
    float s = 0.0f;
    for (int i = t; i < cols; i += ROW_GROUP) s += dr[i] * yr[i];
    float dot = group_sum(scratch, s, t);
    GLOBAL float* out = dx + dxOff + r * cols;
    for (int i = t; i < cols; i += ROW_GROUP) out[i] += yr[i] * (dr[i] - dot);
}
