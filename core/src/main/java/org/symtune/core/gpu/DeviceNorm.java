package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;
import static org.symtune.core.gpu.DeviceOps.flag;

import java.util.List;
import java.util.Map;

/**
 * LayerNorm, RMSNorm and softmax on the device: {@link org.symtune.core.backend.NormKernels} with the same
 * arguments and meaning. Row statistics are float sums over one work group per row, combined in a fixed tree;
 * parameter gradients are column sums in row order.
 */
public final class DeviceNorm {
    /** The program of this family's kernels. */
    static final DeviceProgram PROGRAM = new DeviceProgram("norm", Map.of(), List.of("norm.c"), List.of(
            "layernorm_forward", "layernorm_backward_dx", "layernorm_backward_params", "rmsnorm_forward",
            "rmsnorm_backward_dx", "rmsnorm_backward_gamma", "softmax_forward", "softmax_backward"));

    private final DeviceOps ops;

    DeviceNorm(DeviceOps ops) {
        this.ops = ops;
    }

    private ComputeDevice.Kernel kernel(String name) {
        return ops.kernel(PROGRAM, name);
    }

    /**
     * LayerNorm over the last dimension, {@code y = (x - mean) * rstd * gamma + beta}; gamma, beta, mean and
     * rstd may each be null.
     */
    public void layerNorm(int rows, int dim, float eps, DeviceBuffer x, int xOff, DeviceBuffer gamma, DeviceBuffer beta,
                          DeviceBuffer y, int yOff, DeviceBuffer mean, DeviceBuffer rstd) {
        String op = "layerNorm";
        forwardRows(op, rows, dim, x, xOff, gamma, y, yOff);
        optional(op, "beta", beta, dim);
        optional(op, "mean", mean, rows);
        optional(op, "rstd", rstd, rows);
        ops.launchRows(kernel("layernorm_forward"), rows, dim, eps, x, xOff,
                flag(gamma != null), ops.orPlaceholder(gamma), flag(beta != null), ops.orPlaceholder(beta),
                y, yOff, flag(mean != null), ops.orPlaceholder(mean), flag(rstd != null), ops.orPlaceholder(rstd));
    }

    /** Backward of {@link #layerNorm}: adds into dx, dGamma and dBeta (any may be null). */
    public void layerNormBackward(int rows, int dim, DeviceBuffer x, int xOff, DeviceBuffer gamma, DeviceBuffer mean,
                                  DeviceBuffer rstd, DeviceBuffer dy, int dyOff, DeviceBuffer dx, int dxOff,
                                  DeviceBuffer dGamma, DeviceBuffer dBeta) {
        String op = "layerNormBackward";
        sizes(op, rows, dim);
        range(op, "x", x, xOff, (long) rows * dim);
        range(op, "dy", dy, dyOff, (long) rows * dim);
        range(op, "mean", mean, 0, rows);
        range(op, "rstd", rstd, 0, rows);
        optional(op, "gamma", gamma, dim);
        optional(op, "dGamma", dGamma, dim);
        optional(op, "dBeta", dBeta, dim);
        if (dx != null) {
            range(op, "dx", dx, dxOff, (long) rows * dim);
            ops.launchRows(kernel("layernorm_backward_dx"), rows, dim, x, xOff, flag(gamma != null), ops.orPlaceholder(gamma),
                    mean, rstd, dy, dyOff, dx, dxOff);
        }
        if (dGamma != null || dBeta != null) {
            ops.launchColumns(kernel("layernorm_backward_params"), dim, 1, rows, dim, x, xOff, mean, rstd, dy, dyOff,
                    flag(dGamma != null), ops.orPlaceholder(dGamma), flag(dBeta != null), ops.orPlaceholder(dBeta));
        }
    }

    /** RMSNorm over the last dimension, {@code y = x * rstd * gamma}; gamma and rstd may be null. */
    public void rmsNorm(int rows, int dim, float eps, DeviceBuffer x, int xOff, DeviceBuffer gamma, DeviceBuffer y, int yOff,
                        DeviceBuffer rstd) {
        String op = "rmsNorm";
        forwardRows(op, rows, dim, x, xOff, gamma, y, yOff);
        optional(op, "rstd", rstd, rows);
        ops.launchRows(kernel("rmsnorm_forward"), rows, dim, eps, x, xOff, flag(gamma != null), ops.orPlaceholder(gamma),
                y, yOff, flag(rstd != null), ops.orPlaceholder(rstd));
    }

    /** The arguments both forward norms take: rows x dim in x and y, and an optional gamma of dim. */
    private static void forwardRows(String op, int rows, int dim, DeviceBuffer x, int xOff, DeviceBuffer gamma,
                                    DeviceBuffer y, int yOff) {
        sizes(op, rows, dim);
        range(op, "x", x, xOff, (long) rows * dim);
        range(op, "y", y, yOff, (long) rows * dim);
        optional(op, "gamma", gamma, dim);
    }

    /** Backward of {@link #rmsNorm}: adds into dx and dGamma (either may be null). */
    public void rmsNormBackward(int rows, int dim, DeviceBuffer x, int xOff, DeviceBuffer gamma, DeviceBuffer rstd,
                                DeviceBuffer dy, int dyOff, DeviceBuffer dx, int dxOff, DeviceBuffer dGamma) {
        String op = "rmsNormBackward";
        sizes(op, rows, dim);
        range(op, "x", x, xOff, (long) rows * dim);
        range(op, "dy", dy, dyOff, (long) rows * dim);
        range(op, "rstd", rstd, 0, rows);
        optional(op, "gamma", gamma, dim);
        if (dx != null) {
            range(op, "dx", dx, dxOff, (long) rows * dim);
            ops.launchRows(kernel("rmsnorm_backward_dx"), rows, dim, x, xOff, flag(gamma != null), ops.orPlaceholder(gamma),
                    rstd, dy, dyOff, dx, dxOff);
        }
        if (dGamma != null) {
            range(op, "dGamma", dGamma, 0, dim);
            ops.launchColumns(kernel("rmsnorm_backward_gamma"), dim, 1, rows, dim, x, xOff, rstd, dy, dyOff, dGamma);
        }
    }

    /** Softmax over each row of a rows×cols matrix (the row maximum is subtracted first). */
    public void softmax(int rows, int cols, DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        sizes("softmax", rows, cols);
        range("softmax", "x", x, xOff, (long) rows * cols);
        range("softmax", "y", y, yOff, (long) rows * cols);
        ops.launchRows(kernel("softmax_forward"), rows, cols, x, xOff, y, yOff);
    }

    /** {@code dx += y * (dy - Σ dy·y)} row by row, given the softmax output y. */
    public void softmaxBackward(int rows, int cols, DeviceBuffer y, int yOff, DeviceBuffer dy, int dyOff, DeviceBuffer dx, int dxOff) {
        sizes("softmaxBackward", rows, cols);
        range("softmaxBackward", "y", y, yOff, (long) rows * cols);
        range("softmaxBackward", "dy", dy, dyOff, (long) rows * cols);
        range("softmaxBackward", "dx", dx, dxOff, (long) rows * cols);
        ops.launchRows(kernel("softmax_backward"), rows, cols, y, yOff, dy, dyOff, dx, dxOff);
    }

    private static void sizes(String op, int rows, int dim) {
        DeviceChecks.nonNegative(op, "rows", rows);
        DeviceChecks.positive(op, "dim", dim);
    }

    private static void optional(String op, String name, DeviceBuffer b, int n) {
        if (b != null) range(op, name, b, 0, n);
    }
}
