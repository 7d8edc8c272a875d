package org.symtune.core.gpu.cuda;

import org.symtune.core.gpu.DeviceBuffer;

/** Device memory of a {@link CudaDevice}: a {@code CUdeviceptr} (0 for an empty buffer) and its element count. */
final class CudaBuffer implements DeviceBuffer {
    private final CudaDevice device;
    private final long pointer;
    private final long count;
    private volatile boolean released;

    CudaBuffer(CudaDevice device, long pointer, long count) {
        this.device = device;
        this.pointer = pointer;
        this.count = count;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void release() {
        device.release(this);
    }

    CudaDevice device() {
        return device;
    }

    long pointer() {
        return pointer;
    }

    /** The device address of element {@code offset}. */
    long pointer(long offset) {
        return pointer + offset * Float.BYTES;
    }

    boolean released() {
        return released;
    }

    void markReleased() {
        released = true;
    }

    @Override
    public String toString() {
        return "cuda buffer of " + count + " elements" + (released ? " (released)" : "");
    }
}
