package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;
import static org.symtune.core.gpu.DeviceOps.flag;

import java.util.List;
import java.util.Map;

/**
 * Adafactor's update of one parameter on the device, with the semantics and order of operations of
 * {@code org.symtune.tuning.optim.Adafactor}: parameter-scaled step size, factored second moments for
 * matrices (batched over leading dimensions) or a full one for vectors, update clipping, optional momentum and
 * weight decay. Everything stays on the device: the RMS values and the clipping factor are computed by kernels
 * and read by the next kernel. Each step also writes three statistics (step size, RMS of the update before
 * clipping, clip denominator) to a small buffer that the host may download when it wants to log them.
 */
public final class DeviceAdafactor {
    /** Slots of the per-call scalar scratch (see {@code adafactor.c}); row means follow from slot 4. */
    private static final int ROW_MEANS = 4;
    /** Floats written to {@code stats} per update. */
    public static final int STATS = 3;
    /** The program of this family's kernels. */
    static final DeviceProgram PROGRAM = new DeviceProgram("adafactor", Map.of(), List.of("reduce.c", "adafactor.c"), List.of(
            "reduce_chunks", "reduce_finish", "adafactor_step_size", "adafactor_row_moments",
            "adafactor_col_moments", "adafactor_row_means", "adafactor_factored_chunks",
            "adafactor_unfactored_chunks", "adafactor_clip", "adafactor_factored_apply",
            "adafactor_unfactored_apply"));

    private final DeviceOps ops;

    DeviceAdafactor(DeviceOps ops) {
        this.ops = ops;
    }

    private ComputeDevice.Kernel kernel(String name) {
        return ops.kernel(PROGRAM, name);
    }

    /**
     * Updates a parameter of shape {@code [batches, rows, cols]} (any leading dimensions folded into batches)
     * with factored second moments {@code row} ({@code batches·rows}) and {@code col} ({@code batches·cols}).
     * {@code momentum} ({@code w}'s size) is needed only when {@code step.beta1() > 0}. Writes {@link #STATS}
     * floats at {@code stats[statsOff]}.
     */
    public void updateFactored(AdafactorStep step, int batches, int rows, int cols, DeviceBuffer w, int wOff, DeviceBuffer g, int gOff,
                               DeviceBuffer row, DeviceBuffer col, DeviceBuffer momentum, DeviceBuffer stats, int statsOff) {
        String op = "adafactor";
        DeviceChecks.positive(op, "batches", batches);
        DeviceChecks.positive(op, "rows", rows);
        DeviceChecks.positive(op, "cols", cols);
        long n = (long) batches * rows * cols;
        checkCommon(step, n, w, wOff, g, gOff, momentum, stats, statsOff);
        range(op, "row", row, 0, (long) batches * rows);
        range(op, "col", col, 0, (long) batches * cols);
        DeviceBuffer scalars = ops.scratch("adafactor.scalars", ROW_MEANS + batches);
        stepSize(step, (int) n, w, wOff, scalars);
        float beta2 = (float) step.beta2(), mix2 = (float) (1.0 - step.beta2()), eps1 = (float) step.epsilon1();
        int skipNan = flag(step.skipNanUpdates());
        ops.launchRows(kernel("adafactor_row_moments"), batches * rows, cols, g, gOff, row, beta2, mix2, eps1, skipNan);
        ops.launchColumns(kernel("adafactor_col_moments"), cols, batches, rows, cols, g, gOff, col, beta2, mix2, eps1, skipNan);
        ops.device().launch(kernel("adafactor_row_means"), new long[] {(long) batches * DeviceOps.ROW_GROUP},
                new long[] {DeviceOps.ROW_GROUP}, rows, row, scalars);
        int chunks = DeviceReductions.chunks((int) n);
        DeviceBuffer partials = ops.scratch("adafactor.partials", chunks);
        ops.device().launch(kernel("adafactor_factored_chunks"), new long[] {(long) chunks * DeviceReductions.GROUP},
                new long[] {DeviceReductions.GROUP}, (int) n, rows, cols, g, gOff, row, col, scalars, partials);
        clip(step, (int) n, chunks, partials, scalars, stats, statsOff);
        ops.launch1d(kernel("adafactor_factored_apply"), n,
                withTail(step, momentum, (int) n, rows, cols, g, gOff, row, col, scalars, w, wOff));
    }

    /**
     * Updates a parameter of n elements with a full second moment {@code v} (n elements): vectors, scalars, or
     * matrices when factoring is off. Otherwise as {@link #updateFactored}.
     */
    public void updateUnfactored(AdafactorStep step, int n, DeviceBuffer w, int wOff, DeviceBuffer g, int gOff, DeviceBuffer v,
                                 DeviceBuffer momentum, DeviceBuffer stats, int statsOff) {
        DeviceChecks.positive("adafactor", "n", n);
        checkCommon(step, n, w, wOff, g, gOff, momentum, stats, statsOff);
        range("adafactor", "v", v, 0, n);
        DeviceBuffer scalars = ops.scratch("adafactor.scalars", ROW_MEANS);
        stepSize(step, n, w, wOff, scalars);
        int chunks = DeviceReductions.chunks(n);
        DeviceBuffer partials = ops.scratch("adafactor.partials", chunks);
        ops.device().launch(kernel("adafactor_unfactored_chunks"), new long[] {(long) chunks * DeviceReductions.GROUP},
                new long[] {DeviceReductions.GROUP}, n, g, gOff, v, (float) step.beta2(), (float) (1.0 - step.beta2()),
                (float) step.epsilon1(), flag(step.skipNanUpdates()), partials);
        clip(step, n, chunks, partials, scalars, stats, statsOff);
        ops.launch1d(kernel("adafactor_unfactored_apply"), n, withTail(step, momentum, n, g, gOff, v, scalars, w, wOff));
    }

    private void checkCommon(AdafactorStep step, long n, DeviceBuffer w, int wOff, DeviceBuffer g, int gOff, DeviceBuffer momentum,
                             DeviceBuffer stats, int statsOff) {
        if (step == null) throw new IllegalArgumentException("adafactor: step is null");
        range("adafactor", "w", w, wOff, n);
        range("adafactor", "g", g, gOff, n);
        range("adafactor", "stats", stats, statsOff, STATS);
        if (step.momentum()) range("adafactor", "momentum", momentum, 0, n);
    }

    /** scalars[0] = Σ w² (when scaling by the parameter's RMS), then scalars[1] = the step size. */
    private void stepSize(AdafactorStep step, int n, DeviceBuffer w, int wOff, DeviceBuffer scalars) {
        if (step.scaleParameter()) {
            int chunks = DeviceReductions.chunks(n);
            DeviceBuffer partials = ops.scratch("adafactor.partials", chunks);
            ops.device().launch(kernel("reduce_chunks"), new long[] {(long) chunks * DeviceReductions.GROUP},
                    new long[] {DeviceReductions.GROUP}, n, 1, w, wOff, partials);
            ops.reductions().finish(kernel("reduce_finish"), chunks, partials, scalars, 0, false);
        }
        ops.device().launch(kernel("adafactor_step_size"), new long[] {1}, new long[] {1}, n, flag(step.scaleParameter()),
                (float) step.learningRate(), (float) step.epsilon2(), (float) step.maxParameterScale(), scalars);
    }

    /** scalars[2] = Σ direction² from the partials, then the clip denominator and the statistics. */
    private void clip(AdafactorStep step, int n, int chunks, DeviceBuffer partials, DeviceBuffer scalars, DeviceBuffer stats, int statsOff) {
        ops.reductions().finish(kernel("reduce_finish"), chunks, partials, scalars, 2, false);
        ops.device().launch(kernel("adafactor_clip"), new long[] {1}, new long[] {1}, n, (float) step.clipThreshold(), scalars,
                stats, statsOff);
    }

    /** {@code head} followed by the trailing arguments of the apply kernels: momentum, decay and NaN handling. */
    private Object[] withTail(AdafactorStep step, DeviceBuffer momentum, Object... head) {
        int decayMode = switch (step.decay()) {
            case NONE -> 0;
            case STEP_SIZE -> 1;
            case FACTOR -> 2;
        };
        Object[] tail = {flag(step.momentum()), step.momentum() ? momentum : ops.placeholder(), (float) step.beta1(),
                (float) (1.0 - step.beta1()), decayMode, (float) step.weightDecay(), (float) step.decayKeep(),
                flag(step.skipNanUpdates())};
        Object[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
