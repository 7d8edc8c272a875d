package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;

import java.util.List;
import java.util.Map;

/**
 * Sums of long vectors into one device element, in two passes whose chunks depend only on the length (see
 * {@code reduce.c}), so the result is the same bits on every run. The result stays on the device; download it
 * only when the host needs the number.
 */
public final class DeviceReductions {
    /** Work-group size and elements per chunk of {@code reduce.c}. */
    static final int GROUP = 256;
    static final int CHUNK = GROUP * 16;
    /** The program of this family's kernels. */
    static final DeviceProgram PROGRAM = new DeviceProgram("reduce", Map.of(), List.of("reduce.c"), List.of("reduce_chunks", "reduce_finish"));

    private final DeviceOps ops;

    DeviceReductions(DeviceOps ops) {
        this.ops = ops;
    }

    private ComputeDevice.Kernel kernel(String name) {
        return ops.kernel(PROGRAM, name);
    }

    /** {@code out[outOff] = Σ x[xOff + i]} over n elements. */
    public void sum(int n, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        reduce("sum", n, false, x, xOff, out, outOff, false);
    }

    /** {@code out[outOff] = Σ x[xOff + i]²} over n elements. */
    public void sumOfSquares(int n, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        reduce("sumOfSquares", n, true, x, xOff, out, outOff, false);
    }

    /** {@code out[outOff] += Σ x[xOff + i]} over n elements (a running total kept on the device). */
    public void accumulateSum(int n, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff) {
        reduce("accumulateSum", n, false, x, xOff, out, outOff, true);
    }

    private void reduce(String op, int n, boolean squares, DeviceBuffer x, int xOff, DeviceBuffer out, int outOff, boolean accumulate) {
        DeviceChecks.nonNegative(op, "n", n);
        range(op, "x", x, xOff, n);
        range(op, "out", out, outOff, 1);
        int chunks = chunks(n);
        DeviceBuffer partials = ops.scratch("reduce.partials", Math.max(1, chunks));
        if (chunks > 0) {
            ops.device().launch(kernel("reduce_chunks"), new long[] {(long) chunks * GROUP}, new long[] {GROUP},
                    n, DeviceOps.flag(squares), x, xOff, partials);
        }
        finish(kernel("reduce_finish"), chunks, partials, out, outOff, accumulate);
    }

    /** The number of chunks of a vector of n elements. */
    static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    /** Queues the second pass: {@code out[outOff] (+)= Σ partials[0, count)} with {@code finish}, a {@code reduce_finish} kernel. */
    void finish(ComputeDevice.Kernel finish, int count, DeviceBuffer partials, DeviceBuffer out, int outOff, boolean accumulate) {
        ops.device().launch(finish, new long[] {GROUP}, new long[] {GROUP}, count, partials, DeviceOps.flag(accumulate), out, outOff);
    }
}
