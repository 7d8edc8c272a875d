/*
 * Element-wise kernels (PointwiseKernels): one item per element over a one-dimensional range rounded up to
 * the work-group size, items past n do nothing. Backward kernels add into their gradient buffers. The
 * column sum (sum_rows_into) is a column kernel: COL_TILE columns x COL_LANES lanes per group.
 */

KERNEL fill(int n, float value, GLOBAL float* RESTRICT out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i < n) out[outOff + i] = value;
}

KERNEL copy(int n, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i < n) out[outOff + i] = x[xOff + i];
}

KERNEL add(int n, GLOBAL const float* a, int aOff, GLOBAL const float* b, int bOff, GLOBAL float* out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i < n) out[outOff + i] = a[aOff + i] + b[bOff + i];
}

KERNEL mul(int n, GLOBAL const float* a, int aOff, GLOBAL const float* b, int bOff, GLOBAL float* out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i < n) out[outOff + i] = a[aOff + i] * b[bOff + i];
}

KERNEL scale(int n, float alpha, GLOBAL const float* x, int xOff, GLOBAL float* out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i < n) out[outOff + i] = alpha * x[xOff + i];
}

KERNEL axpy(int n, float alpha, GLOBAL const float* x, int xOff, GLOBAL float* y, int yOff) {
    int i = GLOBAL_ID(0);
    if (i < n) y[yOff + i] = FMA(alpha, x[xOff + i], y[yOff + i]);
}

KERNEL add_row_vector(int rows, int cols, GLOBAL const float* RESTRICT bias, int biasOff, GLOBAL float* RESTRICT x, int xOff) {
    int i = GLOBAL_ID(0);
    if (i < rows * cols) x[xOff + i] += bias[biasOff + i % cols];
}

/* out[c] += sum over rows of x[r][c]. Geometry: global (ceil(cols / COL_TILE) * COL_TILE, COL_LANES). */
KERNEL sum_rows_into(int rows, int cols, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT out, int outOff) {
    LOCAL_MEM float scratch[COL_LANES * COL_TILE];
    int col = LOCAL_ID(0), lane = LOCAL_ID(1);
    int c = GROUP_ID(0) * COL_TILE + col;
    float s = 0.0f;
    if (c < cols) {
        for (int r = lane; r < rows; r += COL_LANES) s += x[xOff + r * cols + c];
    }
    s = lanes_sum(scratch, s, col, lane);
    if (lane == 0 && c < cols) out[outOff + c] += s;
}

#define SQRT_2_OVER_PI 0.7978845608028654f
#define GELU_CUBIC 0.044715f
#define INV_SQRT_2 0.7071067811865476f
#define INV_SQRT_2PI 0.3989422804014327f

/* Phi(x), the standard normal CDF, through erfc so the far left tail keeps its relative accuracy. */
DEVICE_FN float normal_cdf(float x) {
    return 0.5f * ERFC(-x * INV_SQRT_2);
}

KERNEL gelu(int n, int tanhForm, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT y, int yOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float v = x[xOff + i];
    y[yOff + i] = tanhForm ? 0.5f * v * (1.0f + TANH(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v))) : v * normal_cdf(v);
}

KERNEL gelu_backward(int n, int tanhForm, GLOBAL const float* RESTRICT x, int xOff, GLOBAL const float* RESTRICT dy, int dyOff,
                     GLOBAL float* RESTRICT dx, int dxOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float v = x[xOff + i];
    float d;
    if (tanhForm) {
        float th = TANH(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
        float du = SQRT_2_OVER_PI * (1.0f + 3.0f * GELU_CUBIC * v * v);
        d = 0.5f * (1.0f + th) + 0.5f * v * (1.0f - th * th) * du;
    } else {
        d = normal_cdf(v) + v * INV_SQRT_2PI * EXP(-0.5f * v * v);
    }
    dx[dxOff + i] += d * dy[dyOff + i];
}

DEVICE_FN float sigmoid(float v) {
    return 1.0f / (1.0f + EXP(-v));
}

KERNEL silu(int n, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT y, int yOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float v = x[xOff + i];
    y[yOff + i] = v * sigmoid(v);
}

KERNEL silu_backward(int n, GLOBAL const float* RESTRICT x, int xOff, GLOBAL const float* RESTRICT dy, int dyOff,
                     GLOBAL float* RESTRICT dx, int dxOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float v = x[xOff + i];
    float s = sigmoid(v);
    dx[dxOff + i] += s * (1.0f + v * (1.0f - s)) * dy[dyOff + i];
}

KERNEL swiglu(int n, GLOBAL const float* RESTRICT gate, int gateOff, GLOBAL const float* RESTRICT up, int upOff,
              GLOBAL float* RESTRICT out, int outOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float g = gate[gateOff + i];
    out[outOff + i] = g * sigmoid(g) * up[upOff + i];
}

KERNEL swiglu_backward_gate(int n, GLOBAL const float* RESTRICT gate, int gateOff, GLOBAL const float* RESTRICT up, int upOff,
                            GLOBAL const float* RESTRICT dOut, int dOutOff, GLOBAL float* RESTRICT dGate, int dGateOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float g = gate[gateOff + i];
    float s = sigmoid(g);
    dGate[dGateOff + i] += dOut[dOutOff + i] * up[upOff + i] * s * (1.0f + g * (1.0f - s));
}

KERNEL swiglu_backward_up(int n, GLOBAL const float* RESTRICT gate, int gateOff,
                          GLOBAL const float* RESTRICT dOut, int dOutOff, GLOBAL float* RESTRICT dUp, int dUpOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float g = gate[gateOff + i];
    dUp[dUpOff + i] += dOut[dOutOff + i] * g * sigmoid(g);
}

/*
 * The counter-based hash of org.symtune.core.rng.Rng (SplitMix64's finaliser), bit for bit, so the device
 * drops exactly the elements the CPU drops: uniform(seed, counter) = (hash >> 40) * 2^-24.
 */
DEVICE_FN u64 mix64(u64 z) {
    z = (z ^ (z >> 30)) * U64(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * U64(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

DEVICE_FN float uniform01(u64 seed, u64 counter) {
    u64 h = mix64(mix64(seed + U64(0x9E3779B97F4A7C15)) ^ (counter * U64(0xD1B54A32D192ED03) + U64(0x632BE59BD9B4E019)));
    return (float) (h >> 40) * 5.9604644775390625e-8f;
}

DEVICE_FN u64 join64(int hi, int lo) {
    return ((u64) (u32) hi << 32) | (u64) (u32) lo;
}

KERNEL dropout(int n, float p, float keepScale, int seedHi, int seedLo, int counterHi, int counterLo,
               GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT y, int yOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float u = uniform01(join64(seedHi, seedLo), join64(counterHi, counterLo) + (u64) i);
    y[yOff + i] = u >= p ? x[xOff + i] * keepScale : 0.0f;
}

KERNEL dropout_backward(int n, float p, float keepScale, int seedHi, int seedLo, int counterHi, int counterLo,
                        GLOBAL const float* RESTRICT dy, int dyOff, GLOBAL float* RESTRICT dx, int dxOff) {
    int i = GLOBAL_ID(0);
    if (i >= n) return;
    float u = uniform01(join64(seedHi, seedLo), join64(counterHi, counterLo) + (u64) i);
    if (u >= p) dx[dxOff + i] += dy[dyOff + i] * keepScale;
}
