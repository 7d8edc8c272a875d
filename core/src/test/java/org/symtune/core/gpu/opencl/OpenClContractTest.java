package org.symtune.core.gpu.opencl;

import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.ComputeDeviceContractTest;
import org.symtune.core.gpu.DeviceTestSupport;
import org.symtune.core.gpu.KernelSources;

/** The {@link ComputeDevice} contract on the OpenCL device; skipped without one unless CI requires it. */
class OpenClContractTest extends ComputeDeviceContractTest {
    /** The contract's test kernel, in the shared dialect after the OpenCL prelude. */
    private static final TestProgram SCALE_ADD = new TestProgram("scale_add_test", KernelSources.prelude("opencl") + """
            KERNEL scale_add(GLOBAL float* x, int n, float s) {
                int i = GLOBAL_ID(0);
                if (i < n) x[i] = x[i] * s + (float) i;
            }
            """, "scale_add");

    @Override
    protected ComputeDevice openDevice() {
        return DeviceTestSupport.openClOrSkip();
    }

    @Override
    protected TestProgram scaleAddProgram() {
        return SCALE_ADD;
    }
}
