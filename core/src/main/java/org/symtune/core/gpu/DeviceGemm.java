package org.symtune.core.gpu;

/** Matrix multiplication on the device: {@link org.symtune.core.backend.GemmKernels} on device buffers. */
public final class DeviceGemm {
    private final DeviceOps ops;

    DeviceGemm(DeviceOps ops) {
        this.ops = ops;
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} with the arguments of
     * {@link org.symtune.core.backend.GemmKernels#sgemm}; runs the device's own {@link ComputeDevice#sgemm}.
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, DeviceBuffer a, int aOff, int lda,
                      DeviceBuffer b, int bOff, int ldb,
                      float beta, DeviceBuffer c, int cOff, int ldc) {
        ops.device().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
