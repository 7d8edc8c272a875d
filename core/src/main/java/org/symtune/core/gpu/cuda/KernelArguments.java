package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.ToLongFunction;
import org.symtune.core.gpu.DeviceBuffer;

/**
 * Builds the {@code void** kernelParams} array of {@code cuLaunchKernel}: one pointer per kernel parameter,
 * each to a copy of the argument's value. A buffer becomes its 8-byte {@code CUdeviceptr}, an
 * {@link Integer} a 4-byte {@code int}, a {@link Float} a 4-byte {@code float}. The driver copies the
 * values during the launch call, so the arena may close as soon as it returns.
 */
final class KernelArguments {
    /** Bytes reserved per value: enough for a device pointer, and keeps every value 8-byte aligned. */
    static final int SLOT_BYTES = 8;

    private KernelArguments() {
    }

    /**
     * The parameter array for {@code args}, or {@link MemorySegment#NULL} when there are none.
     *
     * @param pointerOf the device pointer of a buffer; it rejects buffers that may not be used
     * @throws IllegalArgumentException for a null argument or one of another type, naming its position
     */
    static MemorySegment marshal(Arena arena, Object[] args, ToLongFunction<DeviceBuffer> pointerOf) {
        if (args == null) throw new IllegalArgumentException("launch: the argument array is null");
        if (args.length == 0) return MemorySegment.NULL;
        MemorySegment values = arena.allocate((long) SLOT_BYTES * args.length, SLOT_BYTES);
        MemorySegment params = arena.allocate(ADDRESS, args.length);
        for (int i = 0; i < args.length; i++) {
            MemorySegment slot = values.asSlice((long) i * SLOT_BYTES, SLOT_BYTES);
            switch (args[i]) {
                case DeviceBuffer buffer -> slot.set(JAVA_LONG, 0, pointerOf.applyAsLong(buffer));
                case Integer value -> slot.set(JAVA_INT, 0, value);
                case Float value -> slot.set(JAVA_FLOAT, 0, value);
                case null -> throw new IllegalArgumentException("launch: kernel argument " + i + " is null");
                default -> throw new IllegalArgumentException("launch: kernel argument " + i + " is a "
                        + args[i].getClass().getSimpleName() + "; kernels take DeviceBuffer, Integer or Float arguments");
            }
            params.setAtIndex(ADDRESS, i, slot);
        }
        return params;
    }
}
