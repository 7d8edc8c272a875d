package org.symtune.core.gpu.cuda;

/** A stand-in for the shared GEMM source: declares the kernel {@link FakeCompiler} looks for. */
final class FakeTiledGemmSource {
    static final String SOURCE = "extern \"C\" __global__ void " + SharedKernelGemm.KERNEL
            + "(int transA, int transB, int m, int n, int k, float alpha, const float* a, int aOff, int lda,"
            + " const float* b, int bOff, int ldb, float beta, float* c, int cOff, int ldc) {}\n";

    private FakeTiledGemmSource() {
    }
}
