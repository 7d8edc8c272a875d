package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.TiledGemm;

/** What only the CUDA device does, checked over {@link FakeCuda}: what reaches the driver, and how failures read. */
class CudaDeviceFakeDriverTest {
    private FakeCuda fake;

    @BeforeEach
    void fakeDriver() {
        fake = new FakeCuda();
        fake.kernel("scale_add", CudaTestPrograms::scaleAdd);
    }

    @AfterEach
    void nothingLeftBehind() {
        try {
            assertEquals(List.of(), fake.failures(), "exceptions inside the fake driver");
            assertEquals(List.of(), fake.leaks(), "left behind by closed devices");
        } finally {
            fake.close();
        }
    }

    private CudaDevice open(Supplier<PtxCompiler> compiler, boolean cublas) {
        return CudaDevice.open(0, new CudaSetup(fake::driverLibrary, compiler,
                () -> cublas ? Optional.of(new Cublas(fake.blasLibrary())) : Optional.empty()));
    }

    private CudaDevice open() {
        return open(FakeCompiler::new, true);
    }

    @Test
    void describesTheDeviceFromItsAttributes() {
        fake.deviceName = "Fake H100";
        fake.attributes.put(CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MAJOR, 9);
        fake.attributes.put(CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MINOR, 0);
        fake.attributes.put(CudaDriverApi.ATTR_MULTIPROCESSOR_COUNT, 132);
        fake.attributes.put(CudaDriverApi.ATTR_CLOCK_RATE_KHZ, 1_980_000);
        fake.totalMemory = 80L << 30;
        try (CudaDevice d = open()) {
            assertEquals("cuda", d.api());
            assertEquals("cuda: Fake H100 (compute 9.0, 132 SMs, 80 GiB, driver CUDA 12.4)", d.name());
            assertEquals(new CudaDeviceInfo(0, "Fake H100", 9, 0, 132, 1_980_000, 80L << 30, 12040), d.info());
            assertEquals(132 * 128 * 2 * 1.98, d.info().peakFp32Gflops().orElseThrow(), 1e-6);
        }
    }

    @Test
    void aLaunchReachesTheDriverWithItsGridBlockAndArguments() {
        try (CudaDevice d = open()) {
            ComputeDevice.Kernel k = d.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add")).kernel("scale_add");
            DeviceBuffer x = d.allocate(300);
            d.launch(k, new long[] {320}, new long[] {64}, x, 300, 1f);
            d.launch(k, new long[] {64, 2}, new long[] {32, 2}, x, 10, 1f);
            assertEquals(new LaunchGeometry(5, 1, 1, 64, 1, 1), fake.launches.get(0).geometry());
            assertEquals(new LaunchGeometry(2, 1, 1, 32, 2, 1), fake.launches.get(1).geometry());
            assertTrue(fake.launches.get(0).stream() != 0 && fake.launches.get(0).context() != 0);
        }
    }

    @Test
    void rowMajorSgemmCallsColumnMajorCublasWithOperandsSwapped() {
        try (CudaDevice d = open()) {
            // op(A) = Aᵀ with A stored 4x2 (ld 2); B stored 4x3 (ld 3); C 2x3 (ld 3); offsets 1, 2, 3.
            CudaBuffer a = (CudaBuffer) d.allocate(1 + 8), b = (CudaBuffer) d.allocate(2 + 12), c = (CudaBuffer) d.allocate(3 + 6);
            d.sgemm(true, false, 2, 3, 4, 1.5f, a, 1, 2, b, 2, 3, 0.5f, c, 3, 3);
            assertEquals(List.of(new FakeCuda.BlasCall(CublasApi.CUBLAS_OP_N, CublasApi.CUBLAS_OP_T, 3, 2, 4, 1.5f,
                    b.pointer() + 8, 3, a.pointer() + 4, 2, 0.5f, c.pointer() + 12, 3)), fake.blasCalls);
            assertEquals("cublas (fake-libcublas.so)", d.gemmRoute());
            d.sgemm(false, false, 0, 3, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 3);
            assertEquals(1, fake.blasCalls.size(), "an empty product calls nothing");
        }
    }

    @Test
    void aCublasThatDoesNotStartSaysHowToDoWithout() {
        fake.blasCreateResult = FakeCuda.CUBLAS_STATUS_NOT_INITIALIZED;
        try (CudaDevice d = open()) {
            DeviceBuffer x = d.allocate(4);
            var e = assertThrows(IllegalStateException.class, () -> d.sgemm(false, false, 2, 2, 1, 1f, x, 0, 1, x, 0, 2, 0f, x, 0, 2));
            assertTrue(e.getMessage().contains("CUBLAS_STATUS_NOT_INITIALIZED") && e.getMessage().contains("fake-libcublas.so")
                    && e.getMessage().contains("-Dsymtune.cuda.cublas=none"), e.getMessage());
        }
    }

    @Test
    void withoutCublasSgemmLaunchesTheSharedKernelOverTilesOfC() {
        fake.kernel(TiledGemm.KERNEL, CudaTestPrograms::tiledGemm);
        try (CudaDevice d = open(FakeCompiler::new, false)) {
            assertEquals("shared kernel gemm (gemm.c)", d.gemmRoute());
            DeviceBuffer a = d.allocate(130 * 5), b = d.allocate(5 * 70), c = d.allocate(130 * 70);
            d.sgemm(false, false, 130, 70, 5, 1f, a, 0, 5, b, 0, 70, 0f, c, 0, 70);
            FakeCuda.Launch launch = fake.launches.getLast();
            assertEquals("gemm", launch.kernel());
            assertEquals(new LaunchGeometry(2, 3, 1, 16, 16, 1), launch.geometry());
        }
    }

    @Test
    void theArchitectureIsTheNewestTheCompilerHasUpToTheDevices() {
        FakeCompiler compiler = new FakeCompiler(75, 80, 90);
        try (CudaDevice d = open(() -> compiler, true)) { // the fake device is compute 8.6
            d.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add"));
            assertEquals(List.of(80), compiler.architectures);
            assertTrue(fake.loadedImages.getFirst().contains(".target sm_80"));
        }
    }

    @Test
    void compileErrorsCarryTheLog() {
        try (CudaDevice d = open()) {
            var e = assertThrows(IllegalStateException.class,
                    () -> d.compile("broken", "extern \"C\" __global__ void other() {}", List.of("missing_kernel")));
            assertTrue(e.getMessage().contains("identifier \"missing_kernel\" is undefined"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.compile("p", "x", List.of()));
            assertThrows(IllegalArgumentException.class, () -> d.compile("p", "a( b(", List.of("a", "a")));
        }
    }

    @Test
    void withoutNvrtcCompileSaysWhatToInstallAndTheDeviceStaysUsable(@TempDir Path empty) {
        LibrarySearch nowhere = new LibrarySearch(CudaLibraries.NVRTC_WHAT, CudaLibraries.NVRTC_PROPERTY,
                List.of("libnvrtc-absent-for-test.so"), Pattern.compile("libnvrtc\\.so(\\.\\d+)*"), List.of(empty),
                CudaLibraries.NVRTC_INSTALL);
        try (CudaDevice d = open(() -> new Nvrtc(nowhere.load(null)), true)) {
            var e = assertThrows(GpuUnavailableException.class,
                    () -> d.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add")));
            assertTrue(e.getMessage().startsWith(CudaDevice.NVRTC_NOT_FOUND) && e.getMessage().contains("CUDA toolkit"),
                    e.getMessage());
            DeviceBuffer b = d.allocate(4);
            d.upload(new float[] {1, 2, 3, 4}, 0, b, 0, 4);
        }
    }

    @Test
    void ptxTheDriverCannotLoadPointsAtTheNvrtcVersion() {
        fake.moduleLoadResult = CudaDriverApi.CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
        try (CudaDevice d = open()) {
            var e = assertThrows(IllegalStateException.class,
                    () -> d.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add")));
            assertTrue(e.getMessage().contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION") && e.getMessage().contains("newer than the driver")
                    && e.getMessage().contains("driver CUDA 12.4"), e.getMessage());
        }
    }

    @Test
    void kernelsAndBuffersOfAnotherDeviceAreRejected() {
        try (CudaDevice one = open(); CudaDevice two = open()) {
            ComputeDevice.Kernel k = one.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add")).kernel("scale_add");
            DeviceBuffer mine = two.allocate(64), theirs = one.allocate(64);
            assertThrows(IllegalArgumentException.class, () -> two.launch(k, new long[] {64}, new long[] {64}, mine, 64, 1f));
            ComputeDevice.Kernel k2 = two.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add")).kernel("scale_add");
            assertThrows(IllegalArgumentException.class, () -> two.launch(k2, new long[] {64}, new long[] {64}, theirs, 64, 1f));
            mine.release();
            assertThrows(IllegalStateException.class, () -> two.launch(k2, new long[] {64}, new long[] {64}, mine, 64, 1f));
        }
    }

    @Test
    void anErrorOfQueuedWorkSurfacesAtSynchronizeAndCloseStillReleasesEverything() {
        CudaDevice d = open();
        d.allocate(10);
        d.compile("p", CudaTestPrograms.SCALE_ADD.source(), List.of("scale_add"));
        fake.streamSyncResult = FakeCuda.CUDA_ERROR_ILLEGAL_ADDRESS;
        var e = assertThrows(CudaException.class, d::synchronize);
        assertEquals(FakeCuda.CUDA_ERROR_ILLEGAL_ADDRESS, e.code());
        assertEquals("cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was encountered)",
                e.getMessage());
        assertThrows(CudaException.class, d::close);
        d.close();
    }

    @Test
    void releasingABufferFreesItAtOnce() {
        try (CudaDevice d = open()) {
            DeviceBuffer b = d.allocate(100);
            assertEquals(1, fake.liveAllocations());
            b.release();
            b.release();
            assertEquals(0, fake.liveAllocations());
            d.allocate(0);
            assertEquals(0, fake.liveAllocations(), "an empty buffer takes no device memory");
        }
    }
}
