package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.ComputeDeviceContractTest;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceTestSupport;

/**
 * The contract, and what only a real GPU can show, on the CUDA device {@link CudaDevice#open()} picks
 * ({@code -Dsymtune.cuda.device}); every test is skipped, with the reason, where there is none. Kernel
 * tests need NVRTC as well.
 */
class CudaDeviceTest extends ComputeDeviceContractTest {

    @Override
    protected ComputeDevice openDevice() {
        return DeviceTestSupport.cudaOrSkip();
    }

    @Override
    protected TestProgram scaleAddProgram() {
        return CudaTestPrograms.SCALE_ADD;
    }

    private CudaDevice cuda() {
        return (CudaDevice) device;
    }

    @Test
    void describesARealDevice() {
        CudaDeviceInfo info = cuda().info();
        assertTrue(info.computeMajor() >= 3 && info.multiprocessors() > 0 && info.totalMemoryBytes() > 0, info.toString());
        assertTrue(device.name().startsWith("cuda: "), device.name());
        assertTrue(cuda().compilerDescription().startsWith("NVRTC "), cuda().compilerDescription());
        assertTrue(cuda().gemmRoute().startsWith("cublas") || cuda().gemmRoute().startsWith("shared kernel"), cuda().gemmRoute());
    }

    @Test
    void aLargeTransferRoundTrips() {
        int n = 10_000_019;
        float[] x = randoms(n, new SplittableRandom(3));
        DeviceBuffer b = device.allocate(n);
        device.upload(x, 0, b, 0, n);
        assertArrayEquals(x, download(b, 0, n));
    }

    @Test
    void aCppKernelRunsUnderItsMangledName() {
        ComputeDevice.Kernel k = device.compile("twice", "__global__ void twice(float* x, int n) {"
                + " int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) x[i] *= 2.0f; }", List.of("twice")).kernel("twice");
        DeviceBuffer b = upload(new float[] {1, 2, 3});
        device.launch(k, new long[] {32}, new long[] {32}, b, 3);
        assertArrayEquals(new float[] {2, 4, 6}, download(b, 0, 3));
    }

    /** sgemm by the shared tiled kernel, as on a machine without cuBLAS, against the CPU reference. */
    @Test
    void theKernelRouteOfSgemmMatchesTheCpuReference() {
        CudaSetup system = CudaSetup.fromSystemProperties();
        try (CudaDevice d = CudaDevice.open(cuda().info().ordinal(),
                new CudaSetup(system.driver(), system.compiler(), Optional::empty))) {
            assertTrue(d.gemmRoute().startsWith("shared kernel"), d.gemmRoute());
            int m = 200, n = 130, k = 77;
            SplittableRandom random = new SplittableRandom(5);
            float[] a = randoms(k * m, random), b = randoms(n * k, random), c = randoms(m * n, random);
            float[] expected = c.clone();
            Backends.scalar().gemm().sgemm(true, true, m, n, k, 0.5f, a, 0, m, b, 0, k, 2f, expected, 0, n);
            DeviceBuffer da = d.allocate(a.length), db = d.allocate(b.length), dc = d.allocate(c.length);
            d.upload(a, 0, da, 0, a.length);
            d.upload(b, 0, db, 0, b.length);
            d.upload(c, 0, dc, 0, c.length);
            d.sgemm(true, true, m, n, k, 0.5f, da, 0, m, db, 0, k, 2f, dc, 0, n);
            float[] actual = new float[c.length];
            d.download(dc, 0, actual, 0, c.length);
            double diff = 0, norm = 0;
            for (int i = 0; i < c.length; i++) {
                diff += Math.pow((double) actual[i] - expected[i], 2);
                norm += Math.pow(expected[i], 2);
            }
            assertTrue(Math.sqrt(diff / norm) < 1e-4, "relative error " + Math.sqrt(diff / norm));
        }
    }
}
