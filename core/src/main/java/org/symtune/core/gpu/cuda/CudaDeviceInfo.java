package org.symtune.core.gpu.cuda;

import java.util.OptionalDouble;

/**
 * What the driver reports about one CUDA device.
 *
 * @param ordinal          the device number the driver gave it (after {@code CUDA_VISIBLE_DEVICES})
 * @param name             the marketing name, e.g. {@code "NVIDIA H100 80GB HBM3"}
 * @param computeMajor     compute capability, major part
 * @param computeMinor     compute capability, minor part
 * @param multiprocessors  number of streaming multiprocessors (SMs)
 * @param clockKHz         the SM clock the driver reports (the boost clock), in kHz
 * @param totalMemoryBytes device memory
 * @param driverVersion    the CUDA version of the driver, e.g. 12040 for 12.4
 */
public record CudaDeviceInfo(int ordinal, String name, int computeMajor, int computeMinor, int multiprocessors,
                             int clockKHz, long totalMemoryBytes, int driverVersion) {

    /** The compute capability as {@code 10·major + minor}, e.g. 90 for 9.0. */
    public int architecture() {
        return computeMajor * 10 + computeMinor;
    }

    /**
     * Peak single-precision rate in GFLOP/s: SMs × FP32 lanes per SM × 2 (a fused multiply-add is two
     * operations) × clock. Empty for architectures whose lanes per SM are not known here.
     */
    public OptionalDouble peakFp32Gflops() {
        int lanes = fp32LanesPerMultiprocessor(computeMajor, computeMinor);
        if (lanes == 0 || clockKHz <= 0) return OptionalDouble.empty();
        return OptionalDouble.of((double) multiprocessors * lanes * 2 * clockKHz / 1e6);
    }

    /**
     * 32-bit floating-point multiply-adds per clock per SM, from the throughput table of the CUDA C++
     * programming guide; 0 when unknown.
     */
    static int fp32LanesPerMultiprocessor(int major, int minor) {
        return switch (major) {
            case 3 -> 192;
            case 5 -> 128;
            case 6 -> minor == 0 ? 64 : 128;
            case 7 -> 64;
            case 8 -> minor == 0 ? 64 : 128;
            case 9, 10, 11, 12 -> 128;
            default -> 0;
        };
    }

    /** A one-line summary for logs and reports. */
    public String summary() {
        return name + " (compute " + computeMajor + "." + computeMinor + ", " + multiprocessors + " SMs, "
                + Math.round(totalMemoryBytes / (double) (1L << 30)) + " GiB, driver CUDA " + driverVersion / 1000 + "."
                + driverVersion % 1000 / 10 + ")";
    }
}
