package org.symtune.core.gpu;

import java.util.List;
import java.util.Map;

/**
 * Single-precision GEMM on device buffers by the shared tiled kernel ({@code gemm.c}: 64x64 blocks of C per
 * work group, staged through local memory 16 deep in k). Any {@link ComputeDevice} can run it; the OpenCL
 * device implements {@link ComputeDevice#sgemm} with it.
 */
public final class TiledGemm {
    private static final int THREADS = 16;
    private static final int TILE = 64;

    private final ComputeDevice device;
    private final ComputeDevice.Kernel kernel;

    /** Compiles the GEMM kernel for {@code device}. */
    public TiledGemm(ComputeDevice device) {
        this.device = device;
        this.kernel = device.compile("gemm", KernelSources.program(device.api(), Map.of(), "gemm.c"), List.of("gemm")).kernel("gemm");
    }

    /** {@code C = alpha · op(A) · op(B) + beta · C}, with the arguments of {@link ComputeDevice#sgemm}. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, DeviceBuffer a, long aOff, int lda,
                      DeviceBuffer b, long bOff, int ldb,
                      float beta, DeviceBuffer c, long cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        DeviceChecks.matrix("sgemm", "A", a, aOff, transA ? k : m, transA ? m : k, lda);
        DeviceChecks.matrix("sgemm", "B", b, bOff, transB ? n : k, transB ? k : n, ldb);
        DeviceChecks.matrix("sgemm", "C", c, cOff, m, n, ldc);
        if (m == 0 || n == 0) return;
        long[] global = {(long) ceilDiv(n, TILE) * THREADS, (long) ceilDiv(m, TILE) * THREADS};
        device.launch(kernel, global, new long[] {THREADS, THREADS},
                transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
                a, DeviceChecks.offset(aOff), lda, b, DeviceChecks.offset(bOff), ldb,
                beta, c, DeviceChecks.offset(cOff), ldc);
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }
}
