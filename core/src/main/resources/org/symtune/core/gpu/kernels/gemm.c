/*
 * C = alpha * op(A) * op(B) + beta * C on row-major matrices (BLAS sgemm semantics, see GemmKernels).
 *
 * Tiling: a work group of GEMM_THREADS x GEMM_THREADS items computes a GEMM_TILE x GEMM_TILE block of C,
 * each item a GEMM_WORK x GEMM_WORK register block whose rows and columns are GEMM_THREADS apart (so
 * neighbouring items touch neighbouring addresses). The k dimension advances GEMM_K at a time through local
 * memory: the group stages a GEMM_TILE x GEMM_K slice of op(A) and a GEMM_K x GEMM_TILE slice of op(B),
 * zero-padded past the matrix edges, so no item needs bounds checks in the inner loop.
 *
 * Geometry: dimension 0 runs over columns of C, dimension 1 over rows; local size
 * (GEMM_THREADS, GEMM_THREADS), global size (ceil(n / GEMM_TILE), ceil(m / GEMM_TILE)) * GEMM_THREADS.
 * Each element of C is a sum over k in increasing order, so results do not depend on the launch.
 */
#define GEMM_THREADS 16
#define GEMM_WORK 4
#define GEMM_TILE (GEMM_THREADS * GEMM_WORK)
#define GEMM_K 16

KERNEL gemm(int transA, int transB, int m, int n, int k, float alpha,
            GLOBAL const float* RESTRICT a, int aOff, int lda,
            GLOBAL const float* RESTRICT b, int bOff, int ldb,
            float beta, GLOBAL float* RESTRICT c, int cOff, int ldc) {
    /* One padding column keeps the transposed stores from hitting the same bank. */
    LOCAL_MEM float aTile[GEMM_K][GEMM_TILE + 1];
    LOCAL_MEM float bTile[GEMM_K][GEMM_TILE + 1];
    int tx = LOCAL_ID(0);
    int ty = LOCAL_ID(1);
    int tid = ty * GEMM_THREADS + tx;
    int row0 = GROUP_ID(1) * GEMM_TILE;
    int col0 = GROUP_ID(0) * GEMM_TILE;
    float acc[GEMM_WORK][GEMM_WORK];
    for (int i = 0; i < GEMM_WORK; i++) {
        for (int j = 0; j < GEMM_WORK; j++) acc[i][j] = 0.0f;
    }
    for (int k0 = 0; k0 < k; k0 += GEMM_K) {
        /* Each of the 256 items stages 4 of the 1024 elements of each slice, reading along the stored rows. */
        for (int l = 0; l < (GEMM_TILE * GEMM_K) / (GEMM_THREADS * GEMM_THREADS); l++) {
            int e = tid + l * GEMM_THREADS * GEMM_THREADS;
            int r, kk;
            if (transA) { r = e % GEMM_TILE; kk = e / GEMM_TILE; } else { kk = e % GEMM_K; r = e / GEMM_K; }
            int gr = row0 + r, gk = k0 + kk;
            float v = 0.0f;
            if (gr < m && gk < k) v = transA ? a[aOff + gk * lda + gr] : a[aOff + gr * lda + gk];
            aTile[kk][r] = v;

            int cc;
            if (transB) { kk = e % GEMM_K; cc = e / GEMM_K; } else { cc = e % GEMM_TILE; kk = e / GEMM_TILE; }
            int gc = col0 + cc;
            gk = k0 + kk;
            v = 0.0f;
            if (gc < n && gk < k) v = transB ? b[bOff + gc * ldb + gk] : b[bOff + gk * ldb + gc];
            bTile[kk][cc] = v;
        }
        BARRIER();
        for (int kk = 0; kk < GEMM_K; kk++) {
            float av[GEMM_WORK], bv[GEMM_WORK];
            for (int i = 0; i < GEMM_WORK; i++) av[i] = aTile[kk][ty + i * GEMM_THREADS];
            for (int j = 0; j < GEMM_WORK; j++) bv[j] = bTile[kk][tx + j * GEMM_THREADS];
            for (int i = 0; i < GEMM_WORK; i++) {
                for (int j = 0; j < GEMM_WORK; j++) acc[i][j] = FMA(av[i], bv[j], acc[i][j]);
            }
        }
        BARRIER();
    }
    for (int i = 0; i < GEMM_WORK; i++) {
        int row = row0 + ty + i * GEMM_THREADS;
        if (row >= m) continue;
        for (int j = 0; j < GEMM_WORK; j++) {
            int col = col0 + tx + j * GEMM_THREADS;
            if (col >= n) continue;
            int at = cOff + row * ldc + col;
            /* beta == 0 ignores the old C entirely, NaNs included, as BLAS does. */
            c[at] = beta == 0.0f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * c[at];
        }
    }
}
