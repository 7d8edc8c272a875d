package org.symtune.core.gpu;

import java.util.List;
import java.util.Map;

/**
 * Single-precision GEMM on device buffers by the shared tiled kernel ({@code gemm.c}: {@value #TILE}x{@value #TILE}
 * blocks of C per work group of {@value #GROUP}x{@value #GROUP} items, staged through local memory 16 deep in k).
 * Any {@link ComputeDevice} can run it, and every device that has no vendor BLAS does: OpenCL always, CUDA
 * without cuBLAS. This class is the one place that knows the kernel's parameters and launch shape.
 */
public final class TiledGemm {
    /** The kernel's name in {@code gemm.c}. */
    public static final String KERNEL = "gemm";
    /** Work-group side: groups of GROUP x GROUP items, dimension 0 over columns of C and 1 over rows. */
    public static final int GROUP = 16;
    /** Side of the block of C one work group computes. */
    public static final int TILE = 64;
    /** The program the kernel is compiled from. */
    public static final DeviceProgram PROGRAM = new DeviceProgram("gemm", Map.of(), List.of("gemm.c"), List.of(KERNEL));

    private final ComputeDevice device;
    private final ComputeDevice.Kernel kernel;

    /** Compiles the GEMM kernel for {@code device}. */
    public TiledGemm(ComputeDevice device) {
        this.device = device;
        this.kernel = PROGRAM.compile(device).kernel(KERNEL);
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
        long[] global = {(long) ceilDiv(n, TILE) * GROUP, (long) ceilDiv(m, TILE) * GROUP};
        device.launch(kernel, global, new long[] {GROUP, GROUP},
                transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
                a, DeviceChecks.offset(aOff), lda, b, DeviceChecks.offset(bOff), ldb,
                beta, c, DeviceChecks.offset(cOff), ldc);
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }
}
