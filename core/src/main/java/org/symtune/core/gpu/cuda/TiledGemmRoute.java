package org.symtune.core.gpu.cuda;

import org.symtune.core.gpu.TiledGemm;

/** The sgemm route of a CUDA device without cuBLAS: the shared {@link TiledGemm}, as every other device runs it. */
final class TiledGemmRoute implements GemmRoute {
    private final TiledGemm gemm;

    /** Compiles the tiled kernel for {@code device} (NVRTC, at the first sgemm). */
    TiledGemmRoute(CudaDevice device) {
        this.gemm = new TiledGemm(device);
    }

    @Override
    public String description() {
        return "shared kernel " + TiledGemm.KERNEL + " (" + String.join(", ", TiledGemm.PROGRAM.files()) + ")";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, CudaBuffer a, long aOff, int lda,
                      CudaBuffer b, long bOff, int ldb,
                      float beta, CudaBuffer c, long cOff, int ldc) {
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void close() {
        // The kernel's program belongs to the device, which unloads it when it closes.
    }
}
