package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CudaDeviceInfoTest {

    /** Peak FP32 TFLOP/s from NVIDIA's data sheets, against SM counts and boost clocks from the same sheets. */
    @Test
    void peakRateMatchesPublishedFigures() {
        assertPeak(66.9, 9, 0, 132, 1_980_000); // H100 SXM5: 67 TFLOP/s
        assertPeak(19.5, 8, 0, 108, 1_410_000); // A100: 19.5 TFLOP/s
        assertPeak(82.6, 8, 9, 128, 2_520_000); // GeForce RTX 4090: 82.6 TFLOP/s
        assertPeak(15.7, 7, 0, 80, 1_530_000);  // V100 SXM2: 15.7 TFLOP/s
        assertPeak(35.6, 8, 6, 82, 1_695_000);  // GeForce RTX 3090: 35.6 TFLOP/s
    }

    @Test
    void unknownArchitecturesHaveNoPeak() {
        assertTrue(info(2, 0, 16, 1_000_000).peakFp32Gflops().isEmpty());
        assertTrue(info(8, 0, 16, 0).peakFp32Gflops().isEmpty());
    }

    @Test
    void summaryNamesTheDevice() {
        CudaDeviceInfo i = new CudaDeviceInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 132, 1_980_000, 85_029_158_912L, 12040);
        assertEquals(90, i.architecture());
        assertEquals("NVIDIA H100 80GB HBM3 (compute 9.0, 132 SMs, 79 GiB, driver CUDA 12.4)", i.summary());
    }

    private static void assertPeak(double teraflops, int major, int minor, int sms, int clockKHz) {
        double gflops = info(major, minor, sms, clockKHz).peakFp32Gflops().orElseThrow();
        assertEquals(teraflops, gflops / 1000, teraflops * 0.01, "compute " + major + "." + minor);
    }

    private static CudaDeviceInfo info(int major, int minor, int sms, int clockKHz) {
        return new CudaDeviceInfo(0, "test", major, minor, sms, clockKHz, 1L << 30, 12000);
    }
}
