package org.symtune.core.autograd;

import org.symtune.core.Tensor;
import org.symtune.core.backend.GemmKernels;

/** Matrix products on the tape: {@code x·W}, {@code x·Wᵀ} and the linear layer {@code x·Wᵀ + b}. */
public final class MatmulOps {
    private MatmulOps() {
    }

    /**
     * {@code a · b} where a is {@code [..., K]} (leading dimensions flattened into M rows) and b is
     * {@code [K, N]}; the result is {@code [..., N]}. A 2-D transposed view of b is used without a copy.
     */
    public static Var matmul(Tape tape, Var a, Var b) {
        Tensor bv = b.value();
        if (bv.rank() != 2) throw new IllegalArgumentException("matmul: b must be 2-D, got " + b);
        if (bv.isTransposedMatrix()) {
            // b = wᵀ for a contiguous w of shape [N, K]: run a·wᵀ on w's storage.
            return product(tape, a, b, Tensor.wrap(bv.data(), bv.offset(), bv.size(1), bv.size(0)), true, null);
        }
        return product(tape, a, b, bv.contiguous(), false, null);
    }

    /** {@code a · wᵀ} with w stored {@code [N, K]} (PyTorch's Linear weight layout). */
    public static Var matmulTransposed(Tape tape, Var a, Var w) {
        if (w.value().rank() != 2) throw new IllegalArgumentException("matmulTransposed: w must be 2-D, got " + w);
        return product(tape, a, w, w.value().contiguous(), true, null);
    }

    /** The linear layer {@code x · wᵀ + bias}: w is {@code [out, in]}, bias {@code [out]} or null. */
    public static Var linear(Tape tape, Var x, Var w, Var bias) {
        if (w.value().rank() != 2) throw new IllegalArgumentException("linear: weight must be 2-D, got " + w);
        if (bias != null && (bias.value().rank() != 1 || bias.value().size(0) != w.value().size(0))) {
            throw new IllegalArgumentException("linear: bias " + bias + " does not match weight " + w);
        }
        return product(tape, x, w, w.value().contiguous(), true, bias);
    }

    /**
     * Shared forward/backward of {@code y = a · op(w) (+ bias)}. {@code wData} is w's contiguous storage:
     * {@code [K, N]} when {@code transW} is false, {@code [N, K]} when it is true.
     */
    private static Var product(Tape tape, Var a, Var w, Tensor wData, boolean transW, Var bias) {
        Tensor av = a.value().contiguous();
        int k = av.size(-1);
        int wk = transW ? wData.size(1) : wData.size(0);
        int n = transW ? wData.size(0) : wData.size(1);
        if (k != wk) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + a + " times " + w
                    + (transW ? " (transposed)" : ""));
        }
        if (av.rank() == 0) throw new IllegalArgumentException("matmul: a must have at least one dimension");
        int[] outShape = av.shape();
        outShape[outShape.length - 1] = n;
        int m = 1;
        for (int d = 0; d < av.rank() - 1; d++) m *= av.size(d);

        Tensor out = tape.output(outShape);
        GemmKernels gemm = tape.backend().gemm();
        gemm.sgemm(false, transW, m, n, k, 1f, av.data(), av.offset(), k,
                wData.data(), wData.offset(), transW ? k : n, 0f, out.data(), 0, n);
        Tensor biasV = bias == null ? null : bias.value().contiguous();
        if (biasV != null) tape.backend().pointwise().addRowVector(m, n, biasV.data(), biasV.offset(), out.data(), 0);

        Var y = tape.result(out, a, w, bias);
        if (!y.requiresGrad()) return y;
        final int mm = m;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            if (a.requiresGrad()) {
                Tensor da = a.grad();
                // dA += dY · op(w)ᵀ
                gemm.sgemm(false, !transW, mm, k, n, 1f, dy.data(), dy.offset(), n,
                        wData.data(), wData.offset(), transW ? k : n, 1f, da.data(), da.offset(), k);
            }
            if (w.requiresGrad()) {
                Tensor dw = w.grad();
                if (transW) {
                    // w is [N, K]: dW += dYᵀ · A
                    gemm.sgemm(true, false, n, k, mm, 1f, dy.data(), dy.offset(), n,
                            av.data(), av.offset(), k, 1f, dw.data(), dw.offset(), k);
                } else {
                    // w is [K, N] by shape (a transposed view's gradient buffer is a contiguous [K, N]
                    // too): dW += Aᵀ · dY
                    gemm.sgemm(true, false, k, n, mm, 1f, av.data(), av.offset(), k,
                            dy.data(), dy.offset(), n, 1f, dw.data(), dw.offset(), n);
                }
            }
            if (bias != null && bias.requiresGrad()) {
                Tensor db = bias.grad();
                tape.backend().pointwise().sumRowsInto(mm, n, dy.data(), dy.offset(), db.data(), db.offset());
            }
        });
        return y;
    }
}
