package org.symtune.core.gpu;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the OpenCL and CUDA devices share: the set of live buffers, the closed state, the checks that a
 * buffer belongs to this device and that a transfer fits it, and blocking host transfers through a native
 * staging area (so the Java arrays are free to change as soon as a call returns). Errors start with
 * {@link #api()}. Subclass methods that touch buffers or the queue synchronize on the device, as these do.
 *
 * @param <B> the backend's buffer class
 */
public abstract class NativeComputeDevice<B extends NativeBuffer> implements ComputeDevice {
    private final Class<B> bufferType;
    private final Set<B> buffers = new LinkedHashSet<>();
    private boolean closed;

    protected NativeComputeDevice(Class<B> bufferType) {
        this.bufferType = bufferType;
    }

    @Override
    public final void upload(float[] src, int srcOff, DeviceBuffer dst, long dstOff, int count) {
        Objects.checkFromIndexSize(srcOff, count, src.length);
        write(dst, dstOff, count, MemorySegment.ofArray(src).asSlice((long) srcOff * Float.BYTES, (long) count * Float.BYTES));
    }

    @Override
    public final void upload(int[] src, int srcOff, DeviceBuffer dst, long dstOff, int count) {
        Objects.checkFromIndexSize(srcOff, count, src.length);
        write(dst, dstOff, count, MemorySegment.ofArray(src).asSlice((long) srcOff * Integer.BYTES, (long) count * Integer.BYTES));
    }

    private synchronized void write(DeviceBuffer dst, long dstOff, int count, MemorySegment heap) {
        checkOpen();
        B b = own(dst, "upload");
        checkRange("upload", b, dstOff, count);
        if (count == 0) return;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(heap.byteSize(), Float.BYTES);
            staging.copyFrom(heap);
            copyToDevice(staging, b, dstOff, count);
        }
    }

    @Override
    public final synchronized void download(DeviceBuffer src, long srcOff, float[] dst, int dstOff, int count) {
        Objects.checkFromIndexSize(dstOff, count, dst.length);
        checkOpen();
        B b = own(src, "download");
        checkRange("download", b, srcOff, count);
        if (count == 0) {
            synchronize();
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate((long) count * Float.BYTES, Float.BYTES);
            copyToHost(b, srcOff, staging, count);
            MemorySegment.copy(staging, JAVA_FLOAT, 0, dst, dstOff, count);
        }
    }

    /**
     * Copies the {@code count} elements in {@code staging} into {@code b} from element {@code off}, returning
     * only when the copy no longer reads {@code staging} (it is freed right after).
     */
    protected abstract void copyToDevice(MemorySegment staging, B b, long off, int count);

    /** After the work queued so far, copies {@code count} elements of {@code b} from {@code off} into {@code staging}. */
    protected abstract void copyToHost(B b, long off, MemorySegment staging, int count);

    /** Runs before a buffer released on its own is marked released, e.g. to wait for work still reading it. */
    protected void beforeRelease(B b) {
    }

    /** Frees the memory of a buffer released on its own (not by {@link #close}). */
    protected abstract void free(B b);

    final synchronized void release(NativeBuffer buffer) {
        if (buffer.isReleased() || closed) return;
        B b = bufferType.cast(buffer);
        beforeRelease(b);
        b.markReleased();
        buffers.remove(b);
        free(b);
    }

    /** Records a new buffer of this device, which {@link #own} then accepts. */
    protected final B track(B buffer) {
        if (buffer.device() != this) throw new IllegalArgumentException(api() + ": " + buffer + " belongs to another device");
        buffers.add(buffer);
        return buffer;
    }

    /**
     * Marks this device closed and every live buffer released, and hands those buffers over for freeing.
     *
     * @return the buffers to free, or null when the device was already closed
     */
    protected final List<B> markClosed() {
        if (closed) return null;
        closed = true;
        List<B> live = new ArrayList<>(buffers);
        for (B b : live) b.markReleased();
        buffers.clear();
        return live;
    }

    protected final boolean isClosed() {
        return closed;
    }

    protected final void checkOpen() {
        if (closed) throw new IllegalStateException(api() + ": " + name() + " is closed");
    }

    /**
     * {@code b} as a live buffer of this device.
     *
     * @param what the call and argument, for the error message
     * @throws IllegalArgumentException when it belongs to no device of this kind or to another one
     * @throws IllegalStateException    when it was released
     */
    protected final B own(DeviceBuffer b, String what) {
        if (!bufferType.isInstance(b) || bufferType.cast(b).device() != this) {
            throw new IllegalArgumentException(api() + ": " + what + ": " + b + " is not a buffer of this device");
        }
        B buf = bufferType.cast(b);
        if (buf.isReleased()) throw new IllegalStateException(api() + ": " + what + ": the buffer was released");
        return buf;
    }

    /** Elements {@code [off, off + count)} lie inside {@code b}. */
    protected final void checkRange(String what, B b, long off, int count) {
        if (off < 0 || count < 0 || off + count > b.count()) {
            throw new IndexOutOfBoundsException(api() + ": " + what + " of " + count + " elements at offset " + off
                    + " does not fit a buffer of " + b.count());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
