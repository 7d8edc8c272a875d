package org.symtune.core.gpu;

/**
 * A buffer of a {@link NativeComputeDevice}: its element count, the device that owns it and whether it was
 * released. The backend subclass adds the driver's handle to the memory.
 */
public abstract class NativeBuffer implements DeviceBuffer {
    private final NativeComputeDevice<?> device;
    private final long count;
    // Read by toString and ownership checks from any thread; written under the device's lock.
    private volatile boolean released;

    protected NativeBuffer(NativeComputeDevice<?> device, long count) {
        this.device = device;
        this.count = count;
    }

    @Override
    public final long count() {
        return count;
    }

    /** Frees the memory through the owning device; a second call, or one after the device closed, does nothing. */
    @Override
    public final void release() {
        device.release(this);
    }

    /** Whether the memory was freed, by {@link #release()} or by closing the device. */
    public final boolean isReleased() {
        return released;
    }

    final NativeComputeDevice<?> device() {
        return device;
    }

    final void markReleased() {
        released = true;
    }

    @Override
    public String toString() {
        return device.api() + " buffer of " + count + " elements" + (released ? " (released)" : "");
    }
}
