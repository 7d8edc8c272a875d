package org.symtune.core.gpu;

import static org.symtune.core.gpu.DeviceChecks.range;
import static org.symtune.core.gpu.DeviceOps.flag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.backend.AttentionKernels.Shape;

/**
 * Causal attention with packed segments and grouped KV heads, and rotary embeddings, on the device:
 * {@link org.symtune.core.backend.AttentionKernels} with the same layouts, masks and conventions (a query
 * that sees no key gets a zero output, an {@code lse} of negative infinity and no gradient).
 *
 * <p>The kernels never form the attention matrix: a work group owns 64 queries (or, for dK/dV, 64 keys) of one
 * head and walks the other side through local memory, with an online softmax in the forward pass. They are
 * compiled per head-size class (head sizes rounded up to a multiple of 32, at most {@value #MAX_HEAD_DIM}).
 * Rotary embeddings read cosine/sine tables built once on the host in double precision ({@link #ropeTable}),
 * because float angles lose accuracy at long positions.
 */
public final class DeviceAttention {
    /** The largest head size the attention kernels are compiled for. */
    public static final int MAX_HEAD_DIM = 256;
    private static final int GROUP = 64;
    private static final List<String> KERNELS = List.of("attention_forward", "attention_row_dot", "attention_backward_dq",
            "attention_backward_dkdv");

    private final DeviceOps ops;

    DeviceAttention(DeviceOps ops) {
        this.ops = ops;
    }

    /** The rotary-embedding program. */
    static final DeviceProgram ROPE = new DeviceProgram("rope", Map.of(), List.of("rope.c"), List.of("rope"));

    private ComputeDevice.Kernel kernel(int headDim, String name) {
        return ops.kernel(program(headDim), name);
    }

    /** The attention program for head size {@code headDim}: one per head-size class (multiples of 32). */
    static DeviceProgram program(int headDim) {
        int dimClass = (headDim + 31) / 32 * 32;
        Map<String, Integer> defines = new LinkedHashMap<>();
        defines.put("ATT_DIM", dimClass);
        // Two staged tiles of ATT_K x ATT_DIM floats stay within the 32 KiB of local memory OpenCL guarantees.
        defines.put("ATT_K", dimClass <= 128 ? 16 : 8);
        return new DeviceProgram("attention-" + dimClass, defines, List.of("attention.c"), KERNELS);
    }

    /** Every attention program the head sizes 1 to {@value #MAX_HEAD_DIM} can ask for, then rope's. */
    static List<DeviceProgram> programs() {
        List<DeviceProgram> all = new ArrayList<>();
        for (int dimClass = 32; dimClass <= MAX_HEAD_DIM; dimClass += 32) all.add(program(dimClass));
        all.add(ROPE);
        return all;
    }

    /**
     * Forward pass. {@code qSegments} ({@code [batch, qLen]}) and {@code kSegments} ({@code [batch, kvStride]}) are
     * int32 buffers, both null for one sequence per batch row. Writes {@code out} and {@code lse}
     * ({@code [batch, qHeads, qLen]}).
     */
    public void attention(Shape s, DeviceBuffer q, DeviceBuffer k, DeviceBuffer v, DeviceBuffer qSegments, DeviceBuffer kSegments,
                          DeviceBuffer out, DeviceBuffer lse) {
        check("attention", s, q, k, v, qSegments, kSegments, out, lse);
        ops.device().launch(kernel(s.headDim(), "attention_forward"), queryGrid(s), new long[] {GROUP, 1},
                s.qLen(), s.kvLen(), s.kvStride(), s.qHeads(), s.kvHeads(), s.headDim(), s.scale(), q, k, v,
                flag(qSegments != null), ops.orPlaceholder(qSegments), ops.orPlaceholder(kSegments), out, lse);
    }

    /**
     * Backward pass: adds into dq, dk and dv (any may be null), recomputing the scores from q, k, v and the
     * forward pass's {@code out} and {@code lse}.
     */
    public void attentionBackward(Shape s, DeviceBuffer q, DeviceBuffer k, DeviceBuffer v, DeviceBuffer qSegments,
                                  DeviceBuffer kSegments, DeviceBuffer out, DeviceBuffer lse, DeviceBuffer dOut,
                                  DeviceBuffer dq, DeviceBuffer dk, DeviceBuffer dv) {
        String op = "attentionBackward";
        check(op, s, q, k, v, qSegments, kSegments, out, lse);
        long qSize = (long) s.batch() * s.qLen() * s.qHeads() * s.headDim();
        long kvSize = (long) s.batch() * s.kvStride() * s.kvHeads() * s.headDim();
        range(op, "dOut", dOut, 0, qSize);
        if (dq != null) range(op, "dq", dq, 0, qSize);
        if (dk != null) range(op, "dk", dk, 0, kvSize);
        if (dv != null) range(op, "dv", dv, 0, kvSize);
        if (dq == null && dk == null && dv == null) return;
        int rows = s.batch() * s.qLen() * s.qHeads();
        DeviceBuffer rowDot = ops.scratch("attention.rowDot", rows);
        ops.launch1d(kernel(s.headDim(), "attention_row_dot"), rows, rows, s.qLen(), s.qHeads(), s.headDim(), dOut, out, rowDot);
        int segs = flag(qSegments != null);
        DeviceBuffer qSeg = ops.orPlaceholder(qSegments), kSeg = ops.orPlaceholder(kSegments);
        if (dq != null) {
            ops.device().launch(kernel(s.headDim(), "attention_backward_dq"), queryGrid(s), new long[] {GROUP, 1},
                    s.qLen(), s.kvLen(), s.kvStride(), s.qHeads(), s.kvHeads(), s.headDim(), s.scale(), q, k, v,
                    segs, qSeg, kSeg, lse, rowDot, dOut, dq);
        }
        if (dk != null || dv != null) {
            long[] grid = {DeviceOps.roundUp(s.kvLen(), GROUP), (long) s.batch() * s.kvHeads()};
            ops.device().launch(kernel(s.headDim(), "attention_backward_dkdv"), grid, new long[] {GROUP, 1},
                    s.qLen(), s.kvLen(), s.kvStride(), s.qHeads(), s.kvHeads(), s.headDim(), s.scale(), q, k, v,
                    segs, qSeg, kSeg, lse, rowDot, dOut, flag(dk != null), ops.orPlaceholder(dk), flag(dv != null), ops.orPlaceholder(dv));
        }
    }

    private static long[] queryGrid(Shape s) {
        return new long[] {DeviceOps.roundUp(s.qLen(), GROUP), (long) s.batch() * s.qHeads()};
    }

    private static void check(String op, Shape s, DeviceBuffer q, DeviceBuffer k, DeviceBuffer v, DeviceBuffer qSegments,
                              DeviceBuffer kSegments, DeviceBuffer out, DeviceBuffer lse) {
        if (s == null) throw new IllegalArgumentException(op + ": shape is null");
        if (s.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException(op + ": head size " + s.headDim() + " is above the device kernels' limit of " + MAX_HEAD_DIM);
        }
        long qSize = (long) s.batch() * s.qLen() * s.qHeads() * s.headDim();
        long kvSize = (long) s.batch() * s.kvStride() * s.kvHeads() * s.headDim();
        range(op, "q", q, 0, qSize);
        range(op, "k", k, 0, kvSize);
        range(op, "v", v, 0, kvSize);
        range(op, "out", out, 0, qSize);
        range(op, "lse", lse, 0, (long) s.batch() * s.qHeads() * s.qLen());
        if ((qSegments == null) != (kSegments == null)) {
            throw new IllegalArgumentException(op + ": qSegments and kSegments must both be given or both be null");
        }
        if (qSegments != null) {
            range(op, "qSegments", qSegments, 0, (long) s.batch() * s.qLen());
            range(op, "kSegments", kSegments, 0, (long) s.batch() * s.kvStride());
        }
    }

    /**
     * Cosine and sine tables of the rotary angles {@code p · theta^(-2i/headDim)} for positions
     * {@code 0 .. positions-1}, computed in double on the host (as the CPU reference does) and uploaded once.
     */
    public RopeTable ropeTable(int headDim, float theta, int positions) {
        if (headDim < 2 || headDim % 2 != 0) {
            throw new IllegalArgumentException("rope: headDim must be even (it rotates pairs (x[i], x[i + headDim/2])), got " + headDim);
        }
        if (!(theta > 0f) || Float.isInfinite(theta)) throw new IllegalArgumentException("rope: theta must be positive and finite, got " + theta);
        DeviceChecks.positive("rope", "positions", positions);
        int half = headDim / 2;
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int i = 0; i < half; i++) {
            double frequency = Math.pow(theta, -2.0 * i / headDim);
            for (int p = 0; p < positions; p++) {
                double angle = p * frequency;
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        ComputeDevice d = ops.device();
        DeviceBuffer c = d.allocate(cos.length), sn = d.allocate(sin.length);
        d.upload(cos, 0, c, 0, cos.length);
        d.upload(sin, 0, sn, 0, sin.length);
        return new RopeTable(headDim, theta, positions, c, sn);
    }

    /**
     * Rotary embedding of x ({@code [rows, heads, headDim]}) with int32 {@code positions[rows]}, as
     * {@link org.symtune.core.backend.AttentionKernels#rope}, reading the angles from {@code table} (made for
     * this headDim; a position outside it yields NaN). With {@code inverse} it is the backward pass; y may be x.
     */
    public void rope(int rows, int heads, int headDim, RopeTable table, DeviceBuffer positions, boolean inverse,
                     DeviceBuffer x, int xOff, DeviceBuffer y, int yOff) {
        if (table.headDim() != headDim) {
            throw new IllegalArgumentException("rope: the table was made for headDim " + table.headDim() + ", not " + headDim);
        }
        DeviceChecks.nonNegative("rope", "rows", rows);
        DeviceChecks.positive("rope", "heads", heads);
        long n = (long) rows * heads * headDim;
        range("rope", "positions", positions, 0, rows);
        range("rope", "x", x, xOff, n);
        range("rope", "y", y, yOff, n);
        ComputeDevice.Kernel kernel = ops.kernel(ROPE, "rope");
        ops.launch1d(kernel, n / 2, rows, heads, headDim / 2, table.positions(), table.cos(), table.sin(), positions,
                flag(inverse), x, xOff, y, yOff);
    }

    /** Rotary angle tables on the device for one (headDim, theta): {@code cos[p·headDim/2 + i]}, {@code sin[...]}. */
    public record RopeTable(int headDim, float theta, int positions, DeviceBuffer cos, DeviceBuffer sin) {
        /** Frees the tables now rather than when the device closes. */
        public void release() {
            cos.release();
            sin.release();
        }
    }
}
