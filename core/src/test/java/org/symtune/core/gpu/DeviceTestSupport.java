package org.symtune.core.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.symtune.core.gpu.cuda.CudaDevice;
import org.symtune.core.gpu.opencl.OpenClDevice;
import org.symtune.core.rng.Rng;

/**
 * Devices for tests, and what op tests do with one. The static methods open an OpenCL or CUDA device, or skip
 * the calling test with the reason where there is none (a missing OpenCL device fails instead when
 * {@value #REQUIRE_OPENCL} is {@code 1}, as in CI, which installs PoCL). An instance wraps one open device:
 * transfers, and the relative error ‖got − ref‖ / ‖ref‖ against a CPU reference with a record of the largest
 * error seen per op, for the test log.
 */
public final class DeviceTestSupport {
    /** The agreement every device op must reach with the CPU reference. */
    public static final double TOLERANCE = 1e-4;
    /** Environment variable that, set to {@code 1}, makes a missing OpenCL device a test failure. */
    public static final String REQUIRE_OPENCL = "SYMTUNE_REQUIRE_OPENCL";

    private final Map<String, Double> worst = new TreeMap<>();
    public final ComputeDevice device;

    /** Wraps an open device; {@link #close} closes it. */
    public DeviceTestSupport(ComputeDevice device) {
        this.device = device;
    }

    /**
     * The OpenCL device {@link OpenClDevice#open()} picks. Skips the calling test (or class) when there is none,
     * unless {@value #REQUIRE_OPENCL} is {@code 1}: then the missing device fails it.
     */
    public static OpenClDevice openClOrSkip() {
        try {
            return OpenClDevice.open();
        } catch (GpuUnavailableException missing) {
            if ("1".equals(System.getenv(REQUIRE_OPENCL))) throw missing;
            assumeTrue(false, "no OpenCL device, so this test is skipped (" + REQUIRE_OPENCL + "=1 makes it fail): "
                    + missing.getMessage());
            throw missing; // not reached: the assumption aborts the test
        }
    }

    /** The CUDA device {@link CudaDevice#open()} picks, or empty when the driver or a device is missing. */
    public static Optional<ComputeDevice> cuda() {
        try {
            return Optional.of(CudaDevice.open());
        } catch (GpuUnavailableException missing) {
            return Optional.empty();
        }
    }

    /** The CUDA device {@link CudaDevice#open()} picks; skips the calling test, with the reason, when there is none. */
    public static CudaDevice cudaOrSkip() {
        try {
            return CudaDevice.open();
        } catch (GpuUnavailableException missing) {
            assumeTrue(false, "no CUDA device, so this test is skipped: " + missing.getMessage());
            throw missing; // not reached: the assumption aborts the test
        }
    }

    /** {@code n} values uniform in {@code [-scale, scale)}. */
    public static float[] random(Rng rng, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        return a;
    }

    /** A new device buffer holding {@code a}. */
    public DeviceBuffer put(float[] a) {
        DeviceBuffer b = device.allocate(a.length);
        device.upload(a, 0, b, 0, a.length);
        return b;
    }

    /** A new device buffer holding the int32 values {@code a}. */
    public DeviceBuffer put(int[] a) {
        DeviceBuffer b = device.allocate(a.length);
        device.upload(a, 0, b, 0, a.length);
        return b;
    }

    /** The whole of {@code b}. */
    public float[] get(DeviceBuffer b) {
        float[] a = new float[(int) b.count()];
        device.download(b, 0, a, 0, a.length);
        return a;
    }

    /** ‖got − ref‖ / ‖ref‖ (absolute when ref is all zero); a NaN or infinity must be matched exactly. */
    public static double relError(float[] ref, float[] got) {
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
    public void assertClose(String op, String what, float[] ref, float[] got) {
        double e = relError(ref, got);
        worst.merge(op, e, Math::max);
        assertTrue(e <= TOLERANCE, () -> op + " " + what + ": relative error " + e + " above " + TOLERANCE);
    }

    /** The largest error per op, one line each, for the test log. */
    public String report() {
        StringBuilder s = new StringBuilder("max relative error per op on " + device.name() + ":\n");
        worst.forEach((op, e) -> s.append(String.format("  %-28s %.2e%n", op, e)));
        return s.toString();
    }

    /** Closes the device. */
    public void close() {
        device.close();
    }
}
