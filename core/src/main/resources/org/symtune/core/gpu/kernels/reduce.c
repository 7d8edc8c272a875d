/*
 * Deterministic sums over long vectors in two passes. Pass one: group g sums the REDUCE_CHUNK elements
 * [g * REDUCE_CHUNK, (g + 1) * REDUCE_CHUNK) (item t takes every REDUCE_GROUP-th element from t, then a tree)
 * into partials[g]. Pass two: one group sums the partials the same way. The chunks depend only on n.
 */
#define REDUCE_GROUP 256
#define REDUCE_CHUNK (REDUCE_GROUP * 16)

DEVICE_FN float reduce_group(LOCAL_PTR float* scratch, float v, int t) {
    scratch[t] = v;
    BARRIER();
    for (int s = REDUCE_GROUP / 2; s > 0; s >>= 1) {
        if (t < s) scratch[t] += scratch[t + s];
        BARRIER();
    }
    return scratch[0];
}

/* partials[g] = sum (or sum of squares, when squares != 0) of chunk g of x. */
KERNEL reduce_chunks(int n, int squares, GLOBAL const float* RESTRICT x, int xOff, GLOBAL float* RESTRICT partials) {
    LOCAL_MEM float scratch[REDUCE_GROUP];
    int g = GROUP_ID(0), t = LOCAL_ID(0);
    int end = IMIN(n, (g + 1) * REDUCE_CHUNK);
    float s = 0.0f;
    for (int i = g * REDUCE_CHUNK + t; i < end; i += REDUCE_GROUP) {
        float v = x[xOff + i];
        s += squares ? v * v : v;
    }
    s = reduce_group(scratch, s, t);
    if (t == 0) partials[g] = s;
}

/* out[outOff] = sum of partials[0, count) (plus the old value when accumulate != 0). One group of REDUCE_GROUP. */
KERNEL reduce_finish(int count, GLOBAL const float* RESTRICT partials, int accumulate, GLOBAL float* RESTRICT out, int outOff) {
    LOCAL_MEM float scratch[REDUCE_GROUP];
    int t = LOCAL_ID(0);
    float s = 0.0f;
    for (int i = t; i < count; i += REDUCE_GROUP) s += partials[i];
    s = reduce_group(scratch, s, t);
    if (t == 0) out[outOff] = accumulate ? out[outOff] + s : s;
}
