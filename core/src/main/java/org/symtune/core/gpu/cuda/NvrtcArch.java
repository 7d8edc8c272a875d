package org.symtune.core.gpu.cuda;

import java.util.Arrays;
import org.symtune.core.gpu.GpuUnavailableException;

/** Picks the virtual architecture to compile for, given the device and what the compiler supports. */
final class NvrtcArch {
    private NvrtcArch() {
    }

    /**
     * The newest architecture the compiler supports that is not newer than the device: PTX for an older
     * virtual architecture runs on newer devices (the driver JIT-compiles it), never the other way round.
     *
     * @param device    the device's compute capability as {@code 10·major + minor}
     * @param supported what the compiler supports, ascending; empty means "trust the device's own"
     * @throws GpuUnavailableException when the compiler supports only architectures newer than the device
     */
    static int choose(int device, int[] supported) {
        if (supported.length == 0) return device;
        int best = -1;
        for (int arch : supported) {
            if (arch <= device && arch > best) best = arch;
        }
        if (best < 0) {
            throw new GpuUnavailableException("the CUDA device has compute capability " + device / 10 + "." + device % 10
                    + ", but this NVRTC compiles only for " + Arrays.toString(supported)
                    + "; install an older CUDA toolkit's NVRTC that still supports the device and point -D"
                    + CudaLibraries.NVRTC_PROPERTY + " at it");
        }
        return best;
    }

    /** The NVRTC option selecting {@code compute_<arch>}. */
    static String option(int arch) {
        return "--gpu-architecture=compute_" + arch;
    }
}
