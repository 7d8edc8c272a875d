package org.symtune.core.gpu.cuda;

import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOpsContractTest;
import org.symtune.core.gpu.DeviceTestSupport;

/**
 * Every device op on a real CUDA GPU ({@code -Dsymtune.cuda.device} picks which), with its kernels compiled by
 * NVRTC; skipped, with the reason, where there is no GPU.
 */
class CudaOpsTest extends DeviceOpsContractTest {
    @Override
    protected ComputeDevice openDevice() {
        return DeviceTestSupport.cudaOrSkip();
    }
}
