package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;
import static org.symtune.core.gpu.DeviceOps.flag;

import java.util.List;
import java.util.Map;

/**
 * Element-wise ops on the device: {@link org.symtune.core.backend.PointwiseKernels} with the same arguments
 * and meaning, plus {@link #fill} and {@link #copy}. Activations are evaluated in float with the device's
 * math library (the CPU reference evaluates them in double), so results agree to float rounding, not bits;
 * the dropout mask is the CPU's exactly (the same counter-based hash).
 */
public final class DevicePointwise {
    /** The program of this family's kernels. */
    static final DeviceProgram PROGRAM = new DeviceProgram("pointwise", Map.of(), List.of("pointwise.c"), List.of(
            "fill", "copy", "add", "mul", "scale", "axpy", "add_row_vector", "sum_rows_into", "gelu",
            "gelu_backward", "silu", "silu_backward", "swiglu", "swiglu_backward_gate", "swiglu_backward_up",
            "dropout", "dropout_backward"));

    private final DeviceOps ops;

    DevicePointwise(DeviceOps ops) {
        this.ops = ops;
    }

    private ComputeDevice.Kernel kernel(String name) {
        return ops.kernel(PROGRAM, name);
    }

    /** {@code out[i] = value} over n elements. */
    public void fill(int n, float value, DeviceBuffer out, int outOff) {
        range("fill", "out", out, outOff, n);
        ops.launch1d(kernel("fill"), n, n, value, out, outOff);
    }

    /** {@code out[i] = x[i]} over n elements (the ranges must not overlap). */
    public void copy(int n, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        range("copy", "x", x, xOff, n);
        range("copy", "out", out, outOff, n);
        ops.launch1d(kernel("copy"), n, n, x, xOff, out, outOff);
    }

    /** {@code out = a + b} over n elements (out may be a or b). */
    public void add(int n, DeviceBuffer a, int aOff, DeviceBuffer b, int bOff, DeviceBuffer out, int outOff) {
        binary("add", n, a, aOff, b, bOff, out, outOff);
    }

    /** {@code out = a * b} over n elements (out may be a or b). */
    public void mul(int n, DeviceBuffer a, int aOff, DeviceBuffer b, int bOff, DeviceBuffer out, int outOff) {
        binary("mul", n, a, aOff, b, bOff, out, outOff);
    }

    private void binary(String op, int n, DeviceBuffer a, int aOff, DeviceBuffer b, int bOff, DeviceBuffer out, int outOff) {
        range(op, "a", a, aOff, n);
        range(op, "b", b, bOff, n);
        range(op, "out", out, outOff, n);
        ops.launch1d(kernel(op), n, n, a, aOff, b, bOff, out, outOff);
    }

    /** {@code out = alpha * x} over n elements (out may be x). */
    public void scale(int n, float alpha, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        range("scale", "x", x, xOff, n);
        range("scale", "out", out, outOff, n);
        ops.launch1d(kernel("scale"), n, n, alpha, x, xOff, out, outOff);
    }

    /** {@code y += alpha * x} over n elements, rounded once per element (a fused multiply-add). */
    public void axpy(int n, float alpha, DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        range("axpy", "x", x, xOff, n);
        range("axpy", "y", y, yOff, n);
        ops.launch1d(kernel("axpy"), n, n, alpha, x, xOff, y, yOff);
    }

    /** Adds {@code bias[0..cols)} to every row of the rows×cols matrix x, in place. */
    public void addRowVector(int rows, int cols, DeviceBuffer bias, int biasOff, DeviceBuffer x, int xOff) {
        range("addRowVector", "bias", bias, biasOff, cols);
        range("addRowVector", "x", x, xOff, (long) rows * cols);
        ops.launch1d(kernel("add_row_vector"), (long) rows * cols, rows, cols, bias, biasOff, x, xOff);
    }

    /** {@code out[c] += Σ_r x[r][c]}, each column summed in a fixed order. */
    public void sumRowsInto(int rows, int cols, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        range("sumRowsInto", "x", x, xOff, (long) rows * cols);
        range("sumRowsInto", "out", out, outOff, cols);
        ops.launchColumns(kernel("sum_rows_into"), cols, 1, rows, cols, x, xOff, out, outOff);
    }

    /** GELU; {@code tanhApproximation} selects the tanh form, else the exact erf form. */
    public void gelu(int n, boolean tanhApproximation, DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        range("gelu", "x", x, xOff, n);
        range("gelu", "y", y, yOff, n);
        ops.launch1d(kernel("gelu"), n, n, flag(tanhApproximation), x, xOff, y, yOff);
    }

    /** {@code dx += gelu'(x) * dy}. */
    public void geluBackward(int n, boolean tanhApproximation, DeviceBuffer x, int xOff, DeviceBuffer dy, int dyOff,
                             DeviceBuffer dx, int dxOff) {
        range("geluBackward", "x", x, xOff, n);
        range("geluBackward", "dy", dy, dyOff, n);
        range("geluBackward", "dx", dx, dxOff, n);
        ops.launch1d(kernel("gelu_backward"), n, n, flag(tanhApproximation), x, xOff, dy, dyOff, dx, dxOff);
    }

    /** SiLU: {@code y = x * sigmoid(x)}. */
    public void silu(int n, DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        range("silu", "x", x, xOff, n);
        range("silu", "y", y, yOff, n);
        ops.launch1d(kernel("silu"), n, n, x, xOff, y, yOff);
    }

    /** {@code dx += silu'(x) * dy}. */
    public void siluBackward(int n, DeviceBuffer x, int xOff, DeviceBuffer dy, int dyOff, DeviceBuffer dx, int dxOff) {
        range("siluBackward", "x", x, xOff, n);
        range("siluBackward", "dy", dy, dyOff, n);
        range("siluBackward", "dx", dx, dxOff, n);
        ops.launch1d(kernel("silu_backward"), n, n, x, xOff, dy, dyOff, dx, dxOff);
    }

    /** SwiGLU: {@code out = silu(gate) * up}. */
    public void swiglu(int n, DeviceBuffer gate, int gateOff, DeviceBuffer up, int upOff, DeviceBuffer out, int outOff) {
        range("swiglu", "gate", gate, gateOff, n);
        range("swiglu", "up", up, upOff, n);
        range("swiglu", "out", out, outOff, n);
        ops.launch1d(kernel("swiglu"), n, n, gate, gateOff, up, upOff, out, outOff);
    }

    /** Backward of {@link #swiglu}: adds into {@code dGate} and {@code dUp} (either may be null). */
    public void swigluBackward(int n, DeviceBuffer gate, int gateOff, DeviceBuffer up, int upOff, DeviceBuffer dOut, int dOutOff,
                               DeviceBuffer dGate, int dGateOff, DeviceBuffer dUp, int dUpOff) {
        range("swigluBackward", "gate", gate, gateOff, n);
        range("swigluBackward", "up", up, upOff, n);
        range("swigluBackward", "dOut", dOut, dOutOff, n);
        if (dGate != null) {
            range("swigluBackward", "dGate", dGate, dGateOff, n);
            ops.launch1d(kernel("swiglu_backward_gate"), n, n, gate, gateOff, up, upOff, dOut, dOutOff, dGate, dGateOff);
        }
        if (dUp != null) {
            range("swigluBackward", "dUp", dUp, dUpOff, n);
            ops.launch1d(kernel("swiglu_backward_up"), n, n, gate, gateOff, dOut, dOutOff, dUp, dUpOff);
        }
    }

    /**
     * Inverted dropout with the CPU's mask: element i is kept when {@code Rng.uniform(seed, counter + i) >= p}
     * and then scaled by {@code 1/(1-p)}.
     */
    public void dropout(int n, float p, long seed, long counter, DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        checkProbability(p);
        range("dropout", "x", x, xOff, n);
        range("dropout", "y", y, yOff, n);
        ops.launch1d(kernel("dropout"), n, n, p, keepScale(p), (int) (seed >>> 32), (int) seed, (int) (counter >>> 32),
                (int) counter, x, xOff, y, yOff);
    }

    /** {@code dx += mask * dy / (1-p)}, with the mask of {@link #dropout} for the same seed and counter. */
    public void dropoutBackward(int n, float p, long seed, long counter, DeviceBuffer dy, int dyOff, DeviceBuffer dx, int dxOff) {
        checkProbability(p);
        range("dropoutBackward", "dy", dy, dyOff, n);
        range("dropoutBackward", "dx", dx, dxOff, n);
        ops.launch1d(kernel("dropout_backward"), n, n, p, keepScale(p), (int) (seed >>> 32), (int) seed,
                (int) (counter >>> 32), (int) counter, dy, dyOff, dx, dxOff);
    }

    private static void checkProbability(float p) {
        if (!(p >= 0f && p <= 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
    }

    /** The CPU's factor for kept elements: {@code 1/(1-p)} computed in double and rounded once. */
    private static float keepScale(float p) {
        return (float) (1.0 / (1.0 - p));
    }
}
