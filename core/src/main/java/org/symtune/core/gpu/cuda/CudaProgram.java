package org.symtune.core.gpu.cuda;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.symtune.core.gpu.ComputeDevice;

/** A loaded CUDA module and its kernels by the names the caller asked for. */
final class CudaProgram implements ComputeDevice.KernelProgram {
    private final CudaDevice device;
    private final String name;
    private final MemorySegment module;
    private final Map<String, CudaKernel> kernels;
    private volatile boolean unloaded;

    CudaProgram(CudaDevice device, String name, MemorySegment module, Map<String, MemorySegment> functions) {
        this.device = device;
        this.name = name;
        this.module = module;
        this.kernels = functions.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new CudaKernel(e.getKey(), e.getValue(), this)));
    }

    @Override
    public ComputeDevice.Kernel kernel(String kernelName) {
        CudaKernel kernel = kernels.get(kernelName);
        if (kernel == null) {
            throw new IllegalArgumentException("kernel program '" + name + "' has no kernel '" + kernelName + "' (it has "
                    + String.join(", ", new TreeSet<>(kernels.keySet())) + ")");
        }
        return kernel;
    }

    String name() {
        return name;
    }

    CudaDevice device() {
        return device;
    }

    MemorySegment module() {
        return module;
    }

    boolean unloaded() {
        return unloaded;
    }

    void markUnloaded() {
        unloaded = true;
    }

    /** One kernel of a program: its {@code CUfunction}. */
    record CudaKernel(String name, MemorySegment function, CudaProgram program) implements ComputeDevice.Kernel {
    }
}
