package org.symtune.core.gpu.cuda;

/** How a {@link CudaDevice} runs {@code sgemm}: cuBLAS when it is installed, else the shared tiled kernel. */
interface GemmRoute extends AutoCloseable {

    /** Which route, for logs: e.g. {@code "cublas (libcublas.so.12)"}. */
    String description();

    /** Row-major {@code sgemm} with the meaning of {@code ComputeDevice.sgemm}; arguments are already checked. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, CudaBuffer a, long aOff, int lda,
               CudaBuffer b, long bOff, int ldb,
               float beta, CudaBuffer c, long cOff, int ldc);

    @Override
    void close();
}
