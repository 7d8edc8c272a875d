/*
 * Rotary position embedding, rotate-half convention: the pair (x[i], x[i + halfDim]) of every head of row r is
 * rotated by the angle positions[r] * theta^(-2i / headDim), whose cosine and sine come from tables built on
 * the host in double precision (cos[p * halfDim + i], sin[p * halfDim + i]); inverse rotates backwards (the
 * backward pass). In place is allowed: each item reads both elements of its pair before writing them.
 * A position outside the tables writes NaN. Geometry: one item per pair, rows * heads * halfDim of them.
 */
KERNEL rope(int rows, int heads, int halfDim, int tablePositions, GLOBAL const float* RESTRICT cosTable,
            GLOBAL const float* RESTRICT sinTable, GLOBAL const int* RESTRICT positions, int inverse,
            GLOBAL const float* x, int xOff, GLOBAL float* y, int yOff) {
    int e = GLOBAL_ID(0);
    if (e >= rows * heads * halfDim) return;
    int i = e % halfDim, rh = e / halfDim, r = rh / heads;
    int base = rh * 2 * halfDim;
    int pos = positions[r];
    float a = x[xOff + base + i], b = x[xOff + base + i + halfDim];
    if (pos < 0 || pos >= tablePositions) {
        y[yOff + base + i] = F_NAN;
        y[yOff + base + i + halfDim] = F_NAN;
        return;
    }
    float c = cosTable[pos * halfDim + i];
    float s = inverse ? -sinTable[pos * halfDim + i] : sinTable[pos * halfDim + i];
    y[yOff + base + i] = a * c - b * s;
    y[yOff + base + i + halfDim] = b * c + a * s;
}
