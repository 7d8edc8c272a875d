package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.symtune.core.gpu.DeviceBuffer;

class KernelArgumentsTest {

    private record StubBuffer(long count) implements DeviceBuffer {
        @Override
        public void release() {
        }
    }

    @Test
    void eachArgumentIsPointedToByOneEntryOfTheParameterArray() {
        DeviceBuffer x = new StubBuffer(10), y = new StubBuffer(20);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = KernelArguments.marshal(arena, new Object[] {x, 7, -2.5f, y, Integer.MIN_VALUE},
                    b -> b == x ? 0x7f00_1234_5678L : 0x10L);
            MemorySegment array = params.reinterpret(5 * ADDRESS.byteSize());
            assertEquals(0x7f00_1234_5678L, value(array, 0, 8).get(JAVA_LONG, 0));
            assertEquals(7, value(array, 1, 4).get(JAVA_INT, 0));
            assertEquals(-2.5f, value(array, 2, 4).get(JAVA_FLOAT, 0));
            assertEquals(0x10L, value(array, 3, 8).get(JAVA_LONG, 0));
            assertEquals(Integer.MIN_VALUE, value(array, 4, 4).get(JAVA_INT, 0));
            for (int i = 0; i < 5; i++) {
                assertEquals(0, array.getAtIndex(ADDRESS, i).address() % 8, "argument " + i + " is not 8-byte aligned");
            }
        }
    }

    @Test
    void noArgumentsGiveANullArray() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(0, KernelArguments.marshal(arena, new Object[0], b -> 1).address());
        }
    }

    @Test
    void unsupportedAndNullArgumentsAreNamedByPosition() {
        try (Arena arena = Arena.ofConfined()) {
            var wrongType = assertThrows(IllegalArgumentException.class,
                    () -> KernelArguments.marshal(arena, new Object[] {1, 2.0}, b -> 0));
            assertTrue(wrongType.getMessage().contains("argument 1") && wrongType.getMessage().contains("Double"),
                    wrongType.getMessage());
            var isNull = assertThrows(IllegalArgumentException.class,
                    () -> KernelArguments.marshal(arena, new Object[] {null}, b -> 0));
            assertTrue(isNull.getMessage().contains("argument 0"), isNull.getMessage());
            assertThrows(IllegalArgumentException.class, () -> KernelArguments.marshal(arena, new Object[] {1L}, b -> 0));
            assertThrows(IllegalArgumentException.class, () -> KernelArguments.marshal(arena, null, b -> 0));
        }
    }

    @Test
    void theBufferCheckDecidesWhetherABufferMayBeUsed() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalStateException.class, () -> KernelArguments.marshal(arena, new Object[] {new StubBuffer(1)},
                    b -> {
                        throw new IllegalStateException("released");
                    }));
        }
    }

    @SuppressWarnings("restricted")
    private static MemorySegment value(MemorySegment array, int i, int bytes) {
        return array.getAtIndex(ADDRESS, i).reinterpret(bytes);
    }
}
