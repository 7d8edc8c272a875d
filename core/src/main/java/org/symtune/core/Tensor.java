package org.symtune.core;

import java.util.Arrays;

/**
 * A float32 tensor: a shape and strides over a {@code float[]} with an offset.
 *
 * <p>Freshly made tensors are contiguous and row-major. {@link #reshape} of a contiguous tensor and
 * {@link #transpose} are views that share the data; {@link #contiguous()} copies only when needed.
 * Kernels work on contiguous data, so code that hands a tensor to a kernel calls {@code contiguous()}
 * first (a 2-D transposed view is recognised by matmul and costs no copy there).
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;

    private Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A zero-filled contiguous tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[checkedNumel(shape)], 0, shape.clone(), rowMajorStrides(shape));
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int n = checkedNumel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but the array has " + data.length);
        }
        return new Tensor(data, 0, shape.clone(), rowMajorStrides(shape));
    }

    /** Wraps {@code data[offset .. offset + numel)} (not copied) as a contiguous tensor. */
    public static Tensor wrap(float[] data, int offset, int... shape) {
        int n = checkedNumel(shape);
        if (offset < 0 || offset + (long) n > data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " at offset " + offset
                    + " does not fit an array of " + data.length);
        }
        return new Tensor(data, offset, shape.clone(), rowMajorStrides(shape));
    }

    /** A scalar (rank-0) tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0], new int[0]);
    }

    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code d}; negative {@code d} counts from the end. */
    public int size(int d) {
        return shape[d < 0 ? shape.length + d : d];
    }

    public int numel() {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** True when the elements lie row-major and packed from {@link #offset()}. */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** A view with a new shape (one dimension may be -1); copies first when this tensor is not contiguous. */
    public Tensor reshape(int... newShape) {
        int[] resolved = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension may be -1");
                infer = i;
            } else {
                if (resolved[i] < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(newShape));
                known *= resolved[i];
            }
        }
        int n = numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
            }
            resolved[infer] = (int) (n / known);
            known *= resolved[infer];
        }
        if (known != n) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + n + " elements) to "
                    + Arrays.toString(newShape));
        }
        Tensor src = isContiguous() ? this : contiguous();
        return new Tensor(src.data, src.offset, resolved, rowMajorStrides(resolved));
    }

    /** A view with dimensions {@code a} and {@code b} swapped (no copy). */
    public Tensor transpose(int a, int b) {
        int[] s = shape.clone();
        int[] st = strides.clone();
        a = a < 0 ? s.length + a : a;
        b = b < 0 ? s.length + b : b;
        int t = s[a]; s[a] = s[b]; s[b] = t;
        t = st[a]; st[a] = st[b]; st[b] = t;
        return new Tensor(data, offset, s, st);
    }

    /** For a 2-D tensor: true when it is the transpose view of a contiguous matrix. */
    public boolean isTransposedMatrix() {
        return shape.length == 2 && strides[0] == 1 && (strides[1] == shape[0] || shape[1] == 1) && shape[0] != 1;
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        float[] out = new float[numel()];
        copyStrided(out);
        return new Tensor(out, 0, shape.clone(), rowMajorStrides(shape));
    }

    /** A contiguous copy with its own storage. */
    public Tensor copy() {
        float[] out = new float[numel()];
        if (isContiguous()) System.arraycopy(data, offset, out, 0, out.length);
        else copyStrided(out);
        return new Tensor(out, 0, shape.clone(), rowMajorStrides(shape));
    }

    /** The elements in row-major order, as a new array. */
    public float[] toArray() {
        return copy().data;
    }

    public float get(int... index) {
        return data[flatIndex(index)];
    }

    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
    }

    /** Sets every element to {@code value}. */
    public Tensor fill(float value) {
        if (isContiguous()) {
            Arrays.fill(data, offset, offset + numel(), value);
        } else {
            int[] idx = new int[shape.length];
            for (int i = 0, n = numel(); i < n; i++) {
                data[flatIndex(idx)] = value;
                increment(idx);
            }
        }
        return this;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of rank " + shape.length);
        }
        int p = offset;
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            p += index[d] * strides[d];
        }
        return p;
    }

    private void copyStrided(float[] out) {
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            int p = offset;
            for (int d = 0; d < idx.length; d++) p += idx[d] * strides[d];
            out[i] = data[p];
            increment(idx);
        }
    }

    private void increment(int[] idx) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    static int[] rowMajorStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    /** The element count of a shape, checked: no negative dimension, and it must fit one array. */
    public static int checkedNumel(int... shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= s;
            if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) n;
    }

    /** True when both tensors have the same shape. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
