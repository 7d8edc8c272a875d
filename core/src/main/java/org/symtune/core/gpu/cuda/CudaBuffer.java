package org.symtune.core.gpu.cuda;

import org.symtune.core.gpu.NativeBuffer;

/** Device memory of a {@link CudaDevice}: a {@code CUdeviceptr} (0 for an empty buffer) and its element count. */
final class CudaBuffer extends NativeBuffer {
    private final long pointer;

    CudaBuffer(CudaDevice device, long pointer, long count) {
        super(device, count);
        this.pointer = pointer;
    }

    long pointer() {
        return pointer;
    }

    /** The device address of element {@code offset}. */
    long pointer(long offset) {
        return pointer + offset * Float.BYTES;
    }
}
