package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.symtune.core.gpu.GpuUnavailableException;

class NvrtcArchTest {
    private static final int[] CUDA_12 = {50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90};

    @Test
    void aSupportedDeviceGetsItsOwnArchitecture() {
        assertEquals(86, NvrtcArch.choose(86, CUDA_12));
        assertEquals(90, NvrtcArch.choose(90, CUDA_12));
    }

    @Test
    void aDeviceNewerThanTheCompilerGetsTheNewestOlderArchitecture() {
        assertEquals(90, NvrtcArch.choose(120, CUDA_12));
        assertEquals(80, NvrtcArch.choose(86, new int[] {75, 80, 90}));
    }

    @Test
    void aDeviceOlderThanEverySupportedArchitectureIsUnavailable() {
        var e = assertThrows(GpuUnavailableException.class, () -> NvrtcArch.choose(61, new int[] {75, 80, 90}));
        assertTrue(e.getMessage().contains("6.1") && e.getMessage().contains(CudaLibraries.NVRTC_PROPERTY), e.getMessage());
    }

    @Test
    void withoutAListTheDeviceIsTrusted() {
        assertEquals(75, NvrtcArch.choose(75, new int[0]));
        assertEquals("--gpu-architecture=compute_75", NvrtcArch.option(75));
    }
}
