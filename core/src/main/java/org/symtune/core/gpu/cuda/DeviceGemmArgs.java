package org.symtune.core.gpu.cuda;

/**
 * Checks {@code sgemm} arguments on device buffers before they reach cuBLAS or a kernel, which would read
 * or write out of bounds instead of failing. Row-major storage: op(A) is m×k, op(B) is k×n, C is m×n.
 */
final class DeviceGemmArgs {
    private DeviceGemmArgs() {
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      CudaBuffer a, long aOff, int lda, CudaBuffer b, long bOff, int ldb, CudaBuffer c, long cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        matrix("A", a, aOff, transA ? k : m, transA ? m : k, lda);
        matrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
        matrix("C", c, cOff, m, n, ldc);
    }

    private static void matrix(String name, CudaBuffer x, long off, int rows, int cols, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld + ", below its " + cols + " columns");
        }
        if (off < 0 || off > x.count()) {
            throw new IllegalArgumentException("sgemm: offset " + off + " of " + name + " is outside its buffer of " + x.count());
        }
        if (rows == 0 || cols == 0) return;
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.count()) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + "x" + cols + ", ld " + ld + ", offset " + off
                    + ") does not fit its buffer of " + x.count());
        }
    }
}
