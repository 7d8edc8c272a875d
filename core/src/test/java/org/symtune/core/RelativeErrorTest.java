package org.symtune.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RelativeErrorTest {

    @Test
    void isTheNormOfTheDifferenceOverTheNormOfTheReference() {
        // ‖(0, 1)‖ / ‖(3, 4)‖ = 1 / 5
        assertEquals(0.2, RelativeError.of(new float[] {3, 4}, new float[] {3, 5}), 1e-15);
        assertEquals(0, RelativeError.of(new float[] {1, -2}, new float[] {1, -2}));
        // An all-zero reference gives the absolute distance: ‖(3, 4)‖ = 5.
        assertEquals(5, RelativeError.of(new float[] {0, 0}, new float[] {3, 4}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> RelativeError.of(new float[2], new float[3]));
    }
}
