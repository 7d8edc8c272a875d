package org.symtune.core.autograd;

import java.util.Arrays;
import org.symtune.core.Tensor;

/** Shape operations on the tape, and the shape checks the other op families share. */
public final class ShapeOps {
    private ShapeOps() {
    }

    /**
     * A view of x with a new shape (one dimension may be -1), sharing x's data when x is contiguous.
     * The backward pass adds the gradient back in x's shape.
     */
    public static Var reshape(Tape tape, Var x, int... shape) {
        Tensor view;
        try {
            view = x.value().reshape(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reshape of " + x + " to " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
        Var y = tape.result(view, x);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            Tensor dx = x.grad();
            tape.backend().pointwise().axpy(dy.numel(), 1f, dy.data(), dy.offset(), dx.data(), dx.offset());
        });
        return y;
    }

    /** Fails unless a and b have the same shape. */
    static void requireSameShape(String op, Var a, Var b) {
        if (!a.value().sameShape(b.value())) {
            throw new IllegalArgumentException(op + ": shapes differ, " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
    }

    /** The size of x's last dimension, which must exist and be non-zero. */
    static int lastDim(String op, Var x) {
        if (x.value().rank() == 0) throw new IllegalArgumentException(op + ": needs at least one dimension, got a scalar");
        int d = x.value().size(-1);
        if (d == 0) throw new IllegalArgumentException(op + ": last dimension of " + x + " is empty");
        return d;
    }

    /** Fails unless v is null or a vector of exactly {@code size} elements. */
    static void requireVector(String op, String name, Var v, int size) {
        if (v == null) return;
        int[] s = v.shape();
        if (s.length != 1 || s[0] != size) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + size + "], got " + Arrays.toString(s));
        }
    }

    /**
     * The tensor's elements as an array that starts at index 0 and holds exactly its elements (the
     * tensor's own array when it already is one), for kernels that take arrays without offsets.
     */
    static float[] exactArray(Tensor t) {
        if (t.isContiguous() && t.offset() == 0 && t.data().length == t.numel()) return t.data();
        return t.toArray();
    }
}
