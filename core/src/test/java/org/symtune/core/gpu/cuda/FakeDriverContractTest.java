package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.ComputeDeviceContractTest;
import org.symtune.core.gpu.TiledGemm;

/**
 * The {@link ComputeDevice} contract run by {@link CudaDevice} over {@link FakeCuda}: every call goes through
 * the real driver and cuBLAS bindings, so this checks the downcalls, pointer arithmetic, argument
 * marshalling and the row-major to column-major mapping of sgemm without a GPU. After each test the device
 * must have released everything it took.
 */
class FakeDriverContractTest extends ComputeDeviceContractTest {
    private FakeCuda fake;

    /** Whether sgemm goes through (fake) cuBLAS; the subclass without it runs the tiled-kernel route. */
    protected boolean withCublas() {
        return true;
    }

    @Override
    protected ComputeDevice openDevice() {
        fake = new FakeCuda();
        fake.kernel("scale_add", CudaTestPrograms::scaleAdd);
        fake.kernel(TiledGemm.KERNEL, CudaTestPrograms::tiledGemm);
        CudaSetup setup = new CudaSetup(fake::driverLibrary, FakeCompiler::new,
                () -> withCublas() ? Optional.of(new Cublas(fake.blasLibrary())) : Optional.empty());
        return CudaDevice.open(0, setup);
    }

    @Override
    protected TestProgram scaleAddProgram() {
        return CudaTestPrograms.SCALE_ADD;
    }

    @Override
    @AfterEach
    protected void closeTheDevice() {
        try {
            super.closeTheDevice();
            assertEquals(List.of(), fake.failures(), "exceptions inside the fake driver");
            assertEquals(List.of(), fake.leaks(), "left behind by the closed device");
            assertTrue(fake.launches.stream().allMatch(l -> l.context() != 0), "a kernel was launched with no current context");
        } finally {
            fake.close();
        }
    }
}
