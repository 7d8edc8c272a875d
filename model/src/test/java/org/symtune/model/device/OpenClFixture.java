package org.symtune.model.device;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.Devices;
import org.symtune.core.gpu.GpuUnavailableException;

/** The OpenCL device of the device tests: skipped without one, unless {@code SYMTUNE_REQUIRE_OPENCL=1} (as in CI). */
final class OpenClFixture {
    private OpenClFixture() {
    }

    static ComputeDevice openOrSkip() {
        try {
            return Devices.open("opencl");
        } catch (GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
            throw e;
        }
    }

    /** Prints the largest relative error per case and closes the device (null when it never opened). */
    static void reportAndClose(String what, ComputeDevice device, Map<String, Double> worst) {
        if (device == null) return;
        StringBuilder s = new StringBuilder(what + ": largest relative error per config on " + device.name() + "\n");
        worst.forEach((k, v) -> s.append(String.format("  %-16s %.2e%n", k, v)));
        System.out.print(s);
        device.close();
    }
}
