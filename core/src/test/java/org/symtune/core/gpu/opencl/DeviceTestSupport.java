package org.symtune.core.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.TreeMap;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.rng.Rng;

/**
 * The OpenCL device shared by a test class (kernels compile once per class), random inputs, transfers, and
 * the relative error ‖got − ref‖ / ‖ref‖ with a record of the largest error seen per op, printed at the end.
 */
final class DeviceTestSupport {
    /** The agreement every device op must reach with the CPU reference. */
    static final double TOLERANCE = 1e-4;

    private final Map<String, Double> worst = new TreeMap<>();
    final ComputeDevice device;

    private DeviceTestSupport(ComputeDevice device) {
        this.device = device;
    }

    /**
     * Opens the OpenCL device, or skips the calling test class when there is none, unless the environment
     * variable {@code SYMTUNE_REQUIRE_OPENCL} is {@code 1} (as in CI, which installs PoCL): then a missing
     * device fails the tests.
     */
    static DeviceTestSupport openOrSkip() {
        try {
            return new DeviceTestSupport(OpenClDevice.open());
        } catch (GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
            throw e;
        }
    }

    static float[] random(Rng rng, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        return a;
    }

    DeviceBuffer put(float[] a) {
        DeviceBuffer b = device.allocate(a.length);
        device.upload(a, 0, b, 0, a.length);
        return b;
    }

    DeviceBuffer put(int[] a) {
        DeviceBuffer b = device.allocate(a.length);
        device.upload(a, 0, b, 0, a.length);
        return b;
    }

    float[] get(DeviceBuffer b) {
        float[] a = new float[(int) b.count()];
        device.download(b, 0, a, 0, a.length);
        return a;
    }

    /** ‖got − ref‖ / ‖ref‖ (absolute when ref is all zero); a NaN or infinity must be matched exactly. */
    static double relError(float[] ref, float[] got) {
        if (ref.length != got.length) return Double.POSITIVE_INFINITY;
        double num = 0, den = 0;
        for (int i = 0; i < ref.length; i++) {
            if (Float.isNaN(ref[i]) || Float.isInfinite(ref[i]) || Float.isNaN(got[i]) || Float.isInfinite(got[i])) {
                if (Float.compare(ref[i], got[i]) != 0) return Double.POSITIVE_INFINITY;
                continue;
            }
            double d = (double) got[i] - ref[i];
            num += d * d;
            den += (double) ref[i] * ref[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    /** Asserts that the device result is within {@link #TOLERANCE} of the reference and records the error under {@code op}. */
    void assertClose(String op, String what, float[] ref, float[] got) {
        double e = relError(ref, got);
        worst.merge(op, e, Math::max);
        assertTrue(e <= TOLERANCE, () -> op + " " + what + ": relative error " + e + " above " + TOLERANCE);
    }

    /** The largest error per op, one line each, for the test log. */
    String report() {
        StringBuilder s = new StringBuilder("max relative error per op on " + device.name() + ":\n");
        worst.forEach((op, e) -> s.append(String.format("  %-28s %.2e%n", op, e)));
        return s.toString();
    }

    void close() {
        device.close();
    }
}
