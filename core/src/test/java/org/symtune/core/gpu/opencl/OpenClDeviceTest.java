package org.symtune.core.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceTestSupport;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.KernelSources;

/**
 * The OpenCL binding itself: the message when the library is missing, transfers with offsets, zeroed
 * allocations, compile errors that carry the compiler's log, and the checks that keep bad launches and
 * out-of-range transfers from reaching the driver. Skipped without an OpenCL device, except the missing-library
 * test, which needs none.
 */
class OpenClDeviceTest {
    private static DeviceTestSupport t;

    @BeforeAll
    static void open() {
        t = new DeviceTestSupport(DeviceTestSupport.openClOrSkip());
    }

    @AfterAll
    static void close() {
        if (t != null) t.close();
    }

    @Test
    void aMissingLibraryNamesWhatToInstall() {
        String saved = System.getProperty(OpenClLibrary.LIBRARY_PROPERTY);
        System.setProperty(OpenClLibrary.LIBRARY_PROPERTY, "/nonexistent/opencl/libOpenCL.so.1");
        try {
            GpuUnavailableException e = assertThrows(GpuUnavailableException.class, OpenClDevice::open);
            assertTrue(e.getMessage().contains("/nonexistent/opencl/libOpenCL.so.1"), e.getMessage());
            assertTrue(e.getMessage().contains("install ocl-icd-libopencl1"), e.getMessage());
            assertTrue(e.getMessage().contains("pocl-opencl-icd"), e.getMessage());
        } finally {
            if (saved == null) System.clearProperty(OpenClLibrary.LIBRARY_PROPERTY);
            else System.setProperty(OpenClLibrary.LIBRARY_PROPERTY, saved);
        }
    }

    @Test
    void aLibraryThatIsNotOpenClIsRefusedClearly() {
        String saved = System.getProperty(OpenClLibrary.LIBRARY_PROPERTY);
        System.setProperty(OpenClLibrary.LIBRARY_PROPERTY, "libm.so.6");
        try {
            GpuUnavailableException e = assertThrows(GpuUnavailableException.class, OpenClDevice::open);
            assertTrue(e.getMessage().contains("does not export clGetPlatformIDs"), e.getMessage());
        } finally {
            if (saved == null) System.clearProperty(OpenClLibrary.LIBRARY_PROPERTY);
            else System.setProperty(OpenClLibrary.LIBRARY_PROPERTY, saved);
        }
    }

    @Test
    void describesItself() {
        assertEquals("opencl", t.device.api());
        assertTrue(t.device.name().startsWith("opencl: "), t.device.name());
        assertTrue(OpenClDevice.listDevices().stream().anyMatch(d -> t.device.name().endsWith(d.substring(0, d.indexOf(" (")))),
                OpenClDevice.listDevices() + " should contain " + t.device.name());
    }

    @Test
    void transfersRespectOffsetsAndNewBuffersAreZero() {
        DeviceBuffer b = t.device.allocate(10);
        assertEquals(10, b.count());
        assertArrayEquals(new float[10], t.get(b), "a new buffer is zero");
        t.device.upload(new float[] {9, 1, 2, 3, 9}, 1, b, 4, 3);
        float[] got = new float[6];
        t.device.download(b, 3, got, 1, 4);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 0}, got);
        int[] ints = {7, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        t.device.upload(ints, 0, b, 6, 4);
        float[] bits = new float[4];
        t.device.download(b, 6, bits, 0, 4);
        for (int i = 0; i < 4; i++) assertEquals(ints[i], Float.floatToRawIntBits(bits[i]), "int32 data travels as its bits");
        DeviceBuffer empty = t.device.allocate(0);
        assertEquals(0, empty.count());
        t.device.download(empty, 0, new float[0], 0, 0);
    }

    @Test
    void outOfRangeTransfersAndReleasedBuffersAreRefused() {
        DeviceBuffer b = t.device.allocate(4);
        assertThrows(IndexOutOfBoundsException.class, () -> t.device.upload(new float[5], 0, b, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> t.device.upload(new float[4], 0, b, 1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> t.device.download(b, 2, new float[4], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.device.download(b, 0, new float[2], 0, 3));
        b.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.device.download(b, 0, new float[1], 0, 1));
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void compileErrorsCarryTheCompilersLog() {
        String source = KernelSources.prelude("opencl") + "KERNEL broken(GLOBAL float* x) { x[0] = undeclared_name; }\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.device.compile("broken", source, List.of("broken")));
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("undeclared_name"), e.getMessage());
    }

    @Test
    void launchesRunKernelsAndRefuseBadArguments() {
        String source = KernelSources.prelude("opencl")
                + "KERNEL affine(int n, float a, GLOBAL const int* RESTRICT k, GLOBAL float* RESTRICT y) {\n"
                + "    int i = GLOBAL_ID(0);\n"
                + "    if (i < n) y[i] = a * (float) k[i] + (float) (GROUP_ID(0) * 1000 + LOCAL_ID(0));\n"
                + "}\n";
        ComputeDevice.Kernel affine = t.device.compile("affine", source, List.of("affine")).kernel("affine");
        int n = 13;
        int[] k = new int[n];
        for (int i = 0; i < n; i++) k[i] = i * i - 5;
        DeviceBuffer kb = t.put(k), y = t.device.allocate(n);
        t.device.launch(affine, new long[] {16}, new long[] {8}, n, 0.5f, kb, y);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = 0.5f * k[i] + (i / 8) * 1000 + i % 8;
        assertArrayEquals(expected, t.get(y));

        assertThrows(IllegalArgumentException.class, () -> t.device.launch(affine, new long[] {15}, new long[] {8}, n, 0.5f, kb, y),
                "global size must be a multiple of the local size");
        assertThrows(IllegalArgumentException.class, () -> t.device.launch(affine, new long[] {16}, new long[] {8}, n, 0.5, kb, y),
                "a double is not a kernel argument");
        assertThrows(IllegalArgumentException.class, () -> t.device.launch(affine, new long[] {16}, new long[] {8}, n, 0.5f, null, y),
                "null is not a kernel argument");
        IllegalArgumentException noKernel = assertThrows(IllegalArgumentException.class,
                () -> t.device.compile("affine2", source, List.of("affine")).kernel("missing"));
        assertTrue(noKernel.getMessage().contains("missing"), noKernel.getMessage());
        try (OpenClDevice other = OpenClDevice.open()) {
            DeviceBuffer foreign = other.allocate(n);
            assertThrows(IllegalArgumentException.class, () -> t.device.launch(affine, new long[] {16}, new long[] {8}, n, 0.5f, kb, foreign),
                    "a buffer of another device");
        }
    }
}
