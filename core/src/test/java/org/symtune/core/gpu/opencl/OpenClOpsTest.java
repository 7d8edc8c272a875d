package org.symtune.core.gpu.opencl;

import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOpsContractTest;
import org.symtune.core.gpu.DeviceTestSupport;

/** Every device op on the OpenCL device (PoCL on a CPU-only machine); skipped without one unless CI requires it. */
class OpenClOpsTest extends DeviceOpsContractTest {
    @Override
    protected ComputeDevice openDevice() {
        return DeviceTestSupport.openClOrSkip();
    }
}
