package org.symtune.core.gpu.cuda;

/** The contract over {@link FakeCuda} without cuBLAS: sgemm launches the shared tiled GEMM kernel instead. */
class FakeDriverKernelGemmContractTest extends FakeDriverContractTest {
    @Override
    protected boolean withCublas() {
        return false;
    }
}
