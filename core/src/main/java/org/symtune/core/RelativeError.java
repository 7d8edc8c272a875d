package org.symtune.core;

/**
 * The relative L2 error by which outputs are compared with their reference: parity with PyTorch, device
 * kernels against the CPU, fast kernels against scalar ones. A norm ratio rather than an elementwise bound,
 * because float32 rounding grows with the length of the sums behind each element, not with any one element.
 */
public final class RelativeError {
    private RelativeError() {
    }

    /**
     * {@code ‖actual − reference‖₂ / ‖reference‖₂}, summed in double; the absolute {@code ‖actual‖₂} distance when
     * the reference is all zero.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static double of(float[] reference, float[] actual) {
        if (reference.length != actual.length) {
            throw new IllegalArgumentException("compared arrays differ in length: " + reference.length + " and " + actual.length);
        }
        double num = 0, den = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) actual[i] - reference[i];
            num += d * d;
            den += (double) reference[i] * reference[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}
