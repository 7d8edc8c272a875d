package org.symtune.core.gpu;

/**
 * Argument checks for device ops. Kernels index buffers without bounds checks, so every range a kernel will
 * touch is checked here first, with an error that names the op and the buffer.
 */
final class DeviceChecks {
    private DeviceChecks() {
    }

    /** {@code buffer[off, off + n)} exists; a null buffer is an error unless n is 0. */
    static void range(String op, String name, DeviceBuffer buffer, long off, long n) {
        if (n < 0) throw new IllegalArgumentException(op + ": negative size " + n + " for " + name);
        if (buffer == null) {
            if (n == 0) return;
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        if (off < 0 || off + n > buffer.count()) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + n + " elements from offset " + off
                    + ", the buffer has " + buffer.count());
        }
        if (off + n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + name + " reaches element " + (off + n)
                    + "; kernels index with 32-bit ints (at most " + Integer.MAX_VALUE + ")");
        }
    }

    /** A rows x cols matrix with row stride ld from off; empty matrices need nothing. */
    static void matrix(String op, String name, DeviceBuffer buffer, long off, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException(op + ": " + name + " has negative size " + rows + "x" + cols);
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": leading dimension of " + name + " is " + ld + ", less than its " + cols + " columns");
        }
        if (rows == 0 || cols == 0) return;
        range(op, name, buffer, off, (long) (rows - 1) * ld + cols);
    }

    /** An offset a kernel takes as a 32-bit int. */
    static int offset(long off) {
        return Math.toIntExact(off);
    }

    static void positive(String op, String what, int v) {
        if (v < 1) throw new IllegalArgumentException(op + ": " + what + " must be >= 1, got " + v);
    }

    static void nonNegative(String op, String what, int v) {
        if (v < 0) throw new IllegalArgumentException(op + ": " + what + " must be >= 0, got " + v);
    }
}
