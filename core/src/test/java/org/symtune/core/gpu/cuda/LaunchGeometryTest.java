package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchGeometryTest {
    /** The limits of every device of compute capability 3.0 and later, as the CUDA programming guide lists them. */
    private static final DeviceLimits LIMITS = new DeviceLimits(1024, 1024, 1024, 64, Integer.MAX_VALUE, 65535, 65535);

    @Test
    void globalOverLocalBecomesTheGridAndLocalTheBlock() {
        assertEquals(new LaunchGeometry(16, 1, 1, 64, 1, 1), LaunchGeometry.of(new long[] {1024}, new long[] {64}, LIMITS));
        assertEquals(new LaunchGeometry(4, 3, 1, 16, 16, 1),
                LaunchGeometry.of(new long[] {64, 48}, new long[] {16, 16}, LIMITS));
        assertEquals(new LaunchGeometry(2, 3, 5, 8, 4, 2),
                LaunchGeometry.of(new long[] {16, 12, 10}, new long[] {8, 4, 2}, LIMITS));
    }

    @Test
    void aGlobalSizeThatIsNotAMultipleIsRejectedWithTheRoundedSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {1000}, new long[] {64}, LIMITS));
        assertTrue(e.getMessage().contains("1000") && e.getMessage().contains("1024"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64, 50}, new long[] {16, 16}, LIMITS));
    }

    @Test
    void dimensionsMustMatchAndSizesBePositive() {
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64, 64}, new long[] {64}, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[0], new long[0], LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[4], new long[4], LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {0}, new long[] {1}, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64}, new long[] {-64}, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {64}, null, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(null, new long[] {64}, LIMITS));
    }

    @Test
    void deviceLimitsAreEnforced() {
        var threads = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(new long[] {64, 64}, new long[] {64, 32}, LIMITS));
        assertTrue(threads.getMessage().contains("2048"), threads.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {1, 1, 128}, new long[] {1, 1, 128}, LIMITS));
        // 65536 groups fit dimension 0 (2^31 - 1) but not dimension 1 (65535).
        assertEquals(65536, LaunchGeometry.of(new long[] {65536}, new long[] {1}, LIMITS).gridX());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(new long[] {1, 65536}, new long[] {1, 1}, LIMITS));
        assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(new long[] {(1L << 31) * 2}, new long[] {1}, LIMITS));
    }
}
