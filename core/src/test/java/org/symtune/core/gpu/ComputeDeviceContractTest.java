package org.symtune.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backends;
import org.symtune.core.backend.GemmKernels;

/**
 * What every {@link ComputeDevice} must do, as tests that any backend runs by extending this class with a
 * way to open its device and the source of one small kernel in its language. The device is opened before
 * and closed after each test; an implementation that cannot open skips through an assumption.
 */
public abstract class ComputeDeviceContractTest {
    /** Work-group size of the test kernel's launches. */
    protected static final int GROUP = 64;

    protected ComputeDevice device;

    /** Opens the device under test, or skips the test (an assumption) when it cannot be had here. */
    protected abstract ComputeDevice openDevice();

    /**
     * A program with one kernel {@code scale_add(float* x, int n, float s)} that sets
     * {@code x[i] = x[i] * s + i} for every global id {@code i < n} of a one-dimensional launch.
     */
    protected abstract TestProgram scaleAddProgram();

    /** Kernel source text and the name of its kernel. */
    public record TestProgram(String programName, String source, String kernelName) {
    }

    @BeforeEach
    void openTheDevice() {
        device = openDevice();
    }

    /** Closes the device; subclasses that check what closing released override this and call it first. */
    @AfterEach
    protected void closeTheDevice() {
        if (device != null) device.close();
    }

    @Test
    void newBuffersAreZero() {
        DeviceBuffer first = device.allocate(1000);
        device.upload(ramp(1000, 1f), 0, first, 0, 1000);
        first.release();
        DeviceBuffer b = device.allocate(1000);
        assertEquals(1000, b.count());
        assertArrayEquals(new float[1000], download(b, 0, 1000));
    }

    @Test
    void uploadAndDownloadKeepValuesAtTheirOffsets() {
        DeviceBuffer b = device.allocate(300);
        float[] src = ramp(250, 0.5f);
        device.upload(src, 50, b, 100, 200);
        float[] back = new float[210];
        Arrays.fill(back, -1f);
        device.download(b, 95, back, 3, 205);
        for (int i = 0; i < 210; i++) {
            float expected = i < 3 || i >= 208 ? -1f : i < 8 ? 0f : src[50 + i - 8];
            assertEquals(expected, back[i], "element " + i);
        }
    }

    @Test
    void intUploadKeepsTheBits() {
        SplittableRandom random = new SplittableRandom(7);
        int[] ints = new int[77];
        for (int i = 0; i < ints.length; i++) ints[i] = random.nextInt() & 0x7f7fffff; // no NaN patterns
        DeviceBuffer b = device.allocate(80);
        device.upload(ints, 2, b, 1, 75);
        float[] back = download(b, 0, 80);
        for (int i = 0; i < 80; i++) {
            int expected = i >= 1 && i < 76 ? ints[i + 1] : 0;
            assertEquals(expected, Float.floatToRawIntBits(back[i]), "element " + i);
        }
    }

    @Test
    void emptyBuffersAndTransfersAreAllowed() {
        DeviceBuffer empty = device.allocate(0);
        assertEquals(0, empty.count());
        device.upload(new float[0], 0, empty, 0, 0);
        device.download(empty, 0, new float[0], 0, 0);
        empty.release();
    }

    @Test
    void transfersOutsideTheBufferOrArrayAreRejected() {
        DeviceBuffer b = device.allocate(10);
        assertThrows(IndexOutOfBoundsException.class, () -> device.upload(new float[20], 0, b, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> device.upload(new float[4], 0, b, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> device.download(b, -1, new float[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> device.download(b, 0, new float[4], 1, 4));
    }

    @Test
    void releasedAndForeignBuffersAreRejected() {
        DeviceBuffer b = device.allocate(10);
        b.release();
        assertThrows(IllegalStateException.class, () -> device.upload(new float[10], 0, b, 0, 10));
        DeviceBuffer foreign = new DeviceBuffer() {
            @Override
            public long count() {
                return 10;
            }

            @Override
            public void release() {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> device.download(foreign, 0, new float[10], 0, 10));
    }

    @Test
    void kernelsRunInOrderAfterUploads() {
        int n = 1000;
        float[] x = ramp(n, 0.25f);
        DeviceBuffer b = device.allocate(n);
        device.upload(x, 0, b, 0, n);
        ComputeDevice.Kernel k = scaleAdd();
        long[] global = {roundUp(n, GROUP)}, local = {GROUP};
        device.launch(k, global, local, b, n, 2f);
        device.launch(k, global, local, b, n, -0.5f);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = (x[i] * 2f + i) * -0.5f + i;
        assertArrayEquals(expected, download(b, 0, n));
    }

    @Test
    void kernelLaunchesCheckGeometryAndArguments() {
        DeviceBuffer b = device.allocate(100);
        ComputeDevice.Kernel k = scaleAdd();
        assertThrows(IllegalArgumentException.class, () -> device.launch(k, new long[] {100}, new long[] {GROUP}, b, 100, 1f));
        assertThrows(IllegalArgumentException.class, () -> device.launch(k, new long[] {128}, new long[] {GROUP}, b, 100, 1.0));
        assertThrows(IllegalArgumentException.class, () -> device.compile(scaleAddProgram().programName(),
                scaleAddProgram().source(), List.of(scaleAddProgram().kernelName())).kernel("no_such_kernel"));
    }

    @Test
    void sgemmMatchesTheCpuReference() {
        GemmKernels reference = Backends.scalar().gemm();
        SplittableRandom random = new SplittableRandom(11);
        int[][] shapes = {{1, 1, 1}, {7, 33, 5}, {65, 70, 129}, {64, 64, 64}, {3, 5, 0}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : shapes) {
                    int m = s[0], n = s[1], k = s[2], pad = random.nextInt(3), off = random.nextInt(5);
                    float alpha = random.nextBoolean() ? 1f : -0.75f;
                    float beta = random.nextInt(3) == 0 ? 0f : 0.5f;
                    int lda = Math.max(1, (ta ? m : k)) + pad, ldb = Math.max(1, (tb ? k : n)) + pad, ldc = n + pad;
                    float[] a = randoms(off + (ta ? k : m) * lda, random);
                    float[] b = randoms(off + (tb ? n : k) * ldb, random);
                    float[] c0 = randoms(off + m * ldc, random);
                    if (beta == 0f) Arrays.fill(c0, Float.NaN); // beta = 0 must ignore C, NaNs included
                    float[] expected = c0.clone();
                    reference.sgemm(ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, expected, off, ldc);
                    float[] actual = runSgemm(ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c0, off, ldc);
                    String what = "transA=" + ta + " transB=" + tb + " " + m + "x" + n + "x" + k + " beta=" + beta;
                    assertCEquals(expected, actual, c0, m, n, off, ldc, what);
                }
            }
        }
    }

    /** The m×n window of C within 1e-4 relative error; every element outside it (offset, padding) untouched. */
    private static void assertCEquals(float[] expected, float[] actual, float[] before, int m, int n, int off, int ldc,
                                      String what) {
        double diff = 0, norm = 0;
        for (int i = 0; i < actual.length; i++) {
            int r = (i - off) / ldc, col = (i - off) % ldc;
            boolean inside = i >= off && r < m && col < n;
            if (inside) {
                double d = (double) actual[i] - expected[i];
                diff += d * d;
                norm += (double) expected[i] * expected[i];
            } else {
                assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(actual[i]),
                        what + ": element " + i + " outside C changed");
            }
        }
        double rel = norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
        assertTrue(rel < 1e-4, what + ": relative error " + rel);
    }

    @Test
    void sgemmChecksItsArguments() {
        DeviceBuffer a = device.allocate(6), b = device.allocate(6), c = device.allocate(4);
        assertThrows(IllegalArgumentException.class, () -> device.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> device.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> device.sgemm(true, false, 2, 2, 3, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> device.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
    }

    @Test
    void aClosedDeviceRefusesWork() {
        ComputeDevice d = device;
        d.allocate(5);
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.allocate(5));
        device = null;
    }

    protected ComputeDevice.Kernel scaleAdd() {
        TestProgram p = scaleAddProgram();
        return device.compile(p.programName(), p.source(), List.of(p.kernelName())).kernel(p.kernelName());
    }

    private float[] runSgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        DeviceBuffer da = upload(a), db = upload(b), dc = upload(c);
        device.sgemm(ta, tb, m, n, k, alpha, da, aOff, lda, db, bOff, ldb, beta, dc, cOff, ldc);
        float[] out = download(dc, 0, c.length);
        da.release();
        db.release();
        dc.release();
        return out;
    }

    protected DeviceBuffer upload(float[] x) {
        DeviceBuffer b = device.allocate(x.length);
        device.upload(x, 0, b, 0, x.length);
        return b;
    }

    protected float[] download(DeviceBuffer b, long off, int count) {
        float[] out = new float[count];
        device.download(b, off, out, 0, count);
        return out;
    }

    protected static float[] ramp(int n, float step) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (i % 97) * step - 3f;
        return x;
    }

    protected static float[] randoms(int n, SplittableRandom random) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
        return x;
    }

    protected static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
