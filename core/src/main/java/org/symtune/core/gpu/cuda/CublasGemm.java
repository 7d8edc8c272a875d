package org.symtune.core.gpu.cuda;

import java.lang.foreign.MemorySegment;

/**
 * Row-major {@code sgemm} through column-major cuBLAS. A row-major m×n matrix with row stride ld is, read
 * column-major, its n×m transpose with the same leading dimension. So {@code C = op(A)·op(B)} is computed
 * as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: swap the operands and m with n, and keep each operand's own transpose flag.
 */
final class CublasGemm implements GemmRoute {
    private final Cublas cublas;
    private final MemorySegment handle;

    /** A route with a new cuBLAS handle queued on {@code stream}; the device's context must be current. */
    CublasGemm(Cublas cublas, MemorySegment stream) {
        this.cublas = cublas;
        this.handle = cublas.create(stream);
    }

    @Override
    public String description() {
        return "cublas (" + cublas.library() + ")";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, CudaBuffer a, long aOff, int lda,
                      CudaBuffer b, long bOff, int ldb,
                      float beta, CudaBuffer c, long cOff, int ldc) {
        cublas.sgemm(handle, transB, transA, n, m, k, alpha, b.pointer(bOff), ldb, a.pointer(aOff), lda,
                beta, c.pointer(cOff), ldc);
    }

    @Override
    public void close() {
        cublas.destroy(handle);
    }
}
