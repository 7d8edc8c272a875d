package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.GpuUnavailableException;

/**
 * The real NVRTC, which needs no GPU: kernels compile to PTX, names are lowered, errors carry the log, and
 * real PTX runs through the device. Skipped, with the reason, where NVRTC is not installed.
 */
class NvrtcTest {

    static Nvrtc nvrtcOrSkip() {
        try {
            Optional<NativeLibrary> lib = CudaLibraries.nvrtc().find(System.getProperty(CudaLibraries.NVRTC_PROPERTY));
            assumeTrue(lib.isPresent(), "NVRTC is not installed here, so the compile tests are skipped: "
                    + CudaLibraries.nvrtc().notFound());
            return Nvrtc.load(lib.get());
        } catch (GpuUnavailableException unusable) {
            assumeTrue(false, "NVRTC cannot be used here, so the compile tests are skipped: " + unusable.getMessage());
            throw unusable;
        }
    }

    /** The oldest architecture this NVRTC supports (every device it can serve runs that PTX), else 7.5. */
    private static int oldestArchitecture(Nvrtc nvrtc) {
        int[] archs = nvrtc.supportedArchitectures();
        return archs.length > 0 ? archs[0] : 75;
    }

    @Test
    void reportsItsVersionAndArchitectures() {
        Nvrtc nvrtc = nvrtcOrSkip();
        int[] version = nvrtc.version();
        assertTrue(version[0] >= 10, "NVRTC " + version[0] + "." + version[1]);
        assertTrue(nvrtc.description().startsWith("NVRTC " + version[0] + "." + version[1] + " ("), nvrtc.description());
        int[] archs = nvrtc.supportedArchitectures();
        for (int i = 1; i < archs.length; i++) assertTrue(archs[i - 1] < archs[i], "architectures not ascending");
    }

    @Test
    void anExternCKernelCompilesToPtxUnderItsOwnName() {
        Nvrtc nvrtc = nvrtcOrSkip();
        int arch = oldestArchitecture(nvrtc);
        CompiledPtx ptx = nvrtc.compile("scale_add_test", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add"), arch);
        assertEquals("scale_add", ptx.loweredNames().get("scale_add"));
        assertTrue(ptx.ptx().contains(".entry scale_add("), ptx.ptx());
        assertTrue(ptx.ptx().contains(".target sm_" + arch), ptx.ptx());
    }

    @Test
    void aCppKernelIsFoundByItsMangledName() {
        Nvrtc nvrtc = nvrtcOrSkip();
        CompiledPtx ptx = nvrtc.compile("twice", "__global__ void twice(float* x) { x[threadIdx.x] *= 2.0f; }\n",
                List.of("twice"), oldestArchitecture(nvrtc));
        String lowered = ptx.loweredNames().get("twice");
        assertTrue(lowered.startsWith("_Z") && lowered.contains("twice"), lowered);
        assertTrue(ptx.ptx().contains(".entry " + lowered + "("), ptx.ptx());
    }

    @Test
    void compileErrorsCarryTheCompilersLog() {
        Nvrtc nvrtc = nvrtcOrSkip();
        var e = assertThrows(IllegalArgumentException.class, () -> nvrtc.compile("broken_program",
                "extern \"C\" __global__ void k(float* x) {\n    x[0] = undefined_name;\n}\n", List.of("k"),
                oldestArchitecture(nvrtc)));
        assertTrue(e.getMessage().contains("broken_program") && e.getMessage().contains("undefined_name")
                && e.getMessage().contains("error"), e.getMessage());
    }

    @Test
    void realPtxLoadsAndRunsThroughTheDevice() {
        Nvrtc nvrtc = nvrtcOrSkip();
        try (FakeCuda fake = new FakeCuda()) {
            fake.kernel("scale_add", CudaTestPrograms::scaleAdd);
            // The fake device is compute 8.6; an NVRTC that supports only newer architectures cannot serve it.
            int[] archs = nvrtc.supportedArchitectures();
            assumeTrue(archs.length == 0 || archs[0] <= 86, "this NVRTC cannot target compute 8.6");
            try (CudaDevice d = CudaDevice.open(0, new CudaSetup(fake::driverLibrary, () -> nvrtc, Optional::empty))) {
                ComputeDevice.Kernel k = d.compile("scale_add_test", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add"))
                        .kernel("scale_add");
                DeviceBuffer x = d.allocate(5);
                d.upload(new float[] {1, 2, 3, 4, 5}, 0, x, 0, 5);
                d.launch(k, new long[] {64}, new long[] {64}, x, 5, 10f);
                float[] out = new float[5];
                d.download(x, 0, out, 0, 5);
                assertArrayEquals(new float[] {10, 21, 32, 43, 54}, out);
                assertTrue(fake.loadedImages.getFirst().contains(".version"), "the driver received real PTX");
                assertTrue(d.compilerDescription().startsWith("NVRTC "), d.compilerDescription());
            }
            assertEquals(List.of(), fake.failures());
        }
    }
}
