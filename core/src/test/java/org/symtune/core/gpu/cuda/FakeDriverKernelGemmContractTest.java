package org.symtune.core.gpu.cuda;

/** The contract over {@link FakeCuda} without cuBLAS: sgemm runs {@link org.symtune.core.gpu.TiledGemm},
 * whose launches reach the Java version of the kernel ({@link CudaTestPrograms#tiledGemm}). */
class FakeDriverKernelGemmContractTest extends FakeDriverContractTest {
    @Override
    protected boolean withCublas() {
        return false;
    }
}
