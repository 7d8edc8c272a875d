package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;
import static org.symtune.core.gpu.DeviceOps.flag;

import java.util.List;
import java.util.Map;

/**
 * Embedding lookup and cross-entropy on the device: {@link org.symtune.core.backend.LossKernels} with the same
 * arguments and meaning, except that {@link #crossEntropy} leaves its total on the device.
 *
 * <p>Token ids and targets live in int32 device buffers. The kernels cannot throw, so indices are checked on
 * the host when a batch is uploaded ({@link #uploadIds}, {@link #uploadTargets}); an index that still reaches
 * a kernel outside its table yields NaN outputs, never an out-of-bounds access.
 */
public final class DeviceLoss {
    /** The program of this family's kernels. */
    static final DeviceProgram PROGRAM = new DeviceProgram("loss", Map.of(), List.of("loss.c"), List.of(
            "embedding_forward", "embedding_backward", "cross_entropy_forward", "cross_entropy_backward"));

    private final DeviceOps ops;

    DeviceLoss(DeviceOps ops) {
        this.ops = ops;
    }

    private ComputeDevice.Kernel kernel(String name) {
        return ops.kernel(PROGRAM, name);
    }

    /** Uploads {@code ids[0, n)} to {@code dst} after checking that each names a row of a table of {@code tableRows} rows. */
    public void uploadIds(int[] ids, int n, int tableRows, DeviceBuffer dst) {
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] >= tableRows) {
                throw new IllegalArgumentException("embedding: id " + ids[i] + " at position " + i
                        + " is outside the table of " + tableRows + " rows (valid ids are 0.." + (tableRows - 1) + ")");
            }
        }
        ops.device().upload(ids, 0, dst, 0, n);
    }

    /** Uploads {@code targets[0, n)} to {@code dst} after checking that each is below {@code vocab} (negative means ignored). */
    public void uploadTargets(int[] targets, int n, int vocab, DeviceBuffer dst) {
        for (int r = 0; r < n; r++) {
            if (targets[r] >= vocab) {
                throw new IllegalArgumentException("cross-entropy: target " + targets[r] + " of row " + r
                        + " is outside the vocabulary of " + vocab + " (negative targets mean 'ignore')");
            }
        }
        ops.device().upload(targets, 0, dst, 0, n);
    }

    /** {@code out[i] = table[ids[i]]} for n ids, rows of width dim; the table holds {@code table.count() / dim} rows. */
    public void embedding(int n, int dim, DeviceBuffer table, DeviceBuffer ids, DeviceBuffer out, int outOff) {
        int rows = tableRows("embedding", n, dim, table);
        range("embedding", "ids", ids, 0, n);
        range("embedding", "out", out, outOff, (long) n * dim);
        ops.launch1d(kernel("embedding_forward"), (long) n * dim, n, dim, rows, table, ids, out, outOff);
    }

    /** {@code dTable[ids[i]] += dOut[i]}, accumulated in token order for every row (deterministic). */
    public void embeddingBackward(int n, int dim, DeviceBuffer ids, DeviceBuffer dOut, int dOutOff, DeviceBuffer dTable) {
        int rows = tableRows("embeddingBackward", n, dim, dTable);
        range("embeddingBackward", "ids", ids, 0, n);
        range("embeddingBackward", "dOut", dOut, dOutOff, (long) n * dim);
        if (n == 0) return;
        ops.launch1d(kernel("embedding_backward"), dim, n, dim, rows, ids, dOut, dOutOff, dTable);
    }

    private static int tableRows(String op, int n, int dim, DeviceBuffer table) {
        if (n < 0 || dim < 1) throw new IllegalArgumentException(op + ": bad sizes n=" + n + " dim=" + dim);
        if (table == null) throw new IllegalArgumentException(op + ": the table is null");
        if (table.count() % dim != 0) {
            throw new IllegalArgumentException(op + ": table of " + table.count() + " floats is not a whole number of rows of " + dim);
        }
        range(op, "table", table, 0, table.count());
        return (int) (table.count() / dim);
    }

    /**
     * Per-row cross-entropy {@code loss[r] = w[r] · (logsumexp(logits[r]) - logits[r][target[r]])}; a negative
     * target or a zero weight makes the row contribute 0 (its {@code lse} is NaN). {@code weights == null} means 1.
     * Writes {@code loss} (may be null) and {@code lse}, and, when {@code total} is given,
     * {@code total[totalOff] = Σ loss[r]} summed on the device in a fixed order.
     */
    public void crossEntropy(int rows, int vocab, DeviceBuffer logits, int logitsOff, DeviceBuffer targets, DeviceBuffer weights,
                             DeviceBuffer loss, DeviceBuffer lse, DeviceBuffer total, int totalOff) {
        String op = "crossEntropy";
        checkRows(op, rows, vocab, logits, logitsOff, targets, weights);
        range(op, "lse", lse, 0, rows);
        if (loss != null) range(op, "loss", loss, 0, rows);
        DeviceBuffer rowLoss = loss != null ? loss : ops.scratch("crossEntropy.loss", Math.max(1, rows));
        ops.launchRows(kernel("cross_entropy_forward"), rows, vocab, logits, logitsOff, targets,
                flag(weights != null), ops.orPlaceholder(weights), rowLoss, lse);
        if (total != null) ops.reductions().sum(rows, rowLoss, 0, total, totalOff);
    }

    /** {@code dLogits[r] += scale · w[r] · (softmax(logits[r]) - onehot(target[r]))}, using {@code lse}. */
    public void crossEntropyBackward(int rows, int vocab, DeviceBuffer logits, int logitsOff, DeviceBuffer targets,
                                     DeviceBuffer weights, DeviceBuffer lse, float scale, DeviceBuffer dLogits, int dLogitsOff) {
        String op = "crossEntropyBackward";
        checkRows(op, rows, vocab, logits, logitsOff, targets, weights);
        range(op, "lse", lse, 0, rows);
        range(op, "dLogits", dLogits, dLogitsOff, (long) rows * vocab);
        if (rows == 0) return;
        ops.device().launch(kernel("cross_entropy_backward"), new long[] {DeviceOps.roundUp(vocab, DeviceOps.POINTWISE_GROUP), rows},
                new long[] {DeviceOps.POINTWISE_GROUP, 1}, vocab, logits, logitsOff, targets,
                flag(weights != null), ops.orPlaceholder(weights), lse, scale, dLogits, dLogitsOff);
    }

    private static void checkRows(String op, int rows, int vocab, DeviceBuffer logits, int logitsOff, DeviceBuffer targets,
                                  DeviceBuffer weights) {
        if (rows < 0 || vocab < 1) throw new IllegalArgumentException(op + ": bad sizes rows=" + rows + " vocab=" + vocab);
        range(op, "logits", logits, logitsOff, (long) rows * vocab);
        range(op, "targets", targets, 0, rows);
        if (weights != null) range(op, "weights", weights, 0, rows);
    }
}
