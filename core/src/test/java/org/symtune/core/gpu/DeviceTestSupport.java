package org.symtune.core.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.symtune.core.gpu.cuda.CudaDevice;

/** Opens GPU devices for tests, which skip (rather than fail) where a device is missing. */
public final class DeviceTestSupport {
    private DeviceTestSupport() {
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
}
