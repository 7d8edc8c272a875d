package org.symtune.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.symtune.core.gpu.DeviceTestSupport.random;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.symtune.core.backend.AttentionKernels;
import org.symtune.core.backend.AttentionKernels.Shape;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.rng.Rng;

/**
 * Every {@link DeviceOps} op, forward and backward, against the scalar CPU reference within
 * {@link DeviceTestSupport#TOLERANCE} relative error (‖Δ‖/‖ref‖), on sizes that are not multiples of any
 * work-group or tile size; backward ops start from non-zero gradients, so adding (not overwriting) is checked
 * too. A backend runs it by extending this class with a way to open its device. The device is opened once per
 * class, so each program compiles once; where it cannot be opened, each test is skipped through the
 * implementation's assumption. The largest error per op is printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeviceOpsContractTest {
    private static final Backend CPU = Backends.scalar();
    private DeviceTestSupport t;
    private DeviceOps ops;
    private RuntimeException unavailable;

    /** Opens the device under test, or skips (an assumption) when it cannot be had here. */
    protected abstract ComputeDevice openDevice();

    /**
     * Opens the device before the first test; when it cannot be opened, every test is skipped (or fails) with
     * the reason, so the report shows it per test rather than an empty class.
     */
    @BeforeEach
    void openOnce() {
        if (t == null && unavailable == null) {
            try {
                t = new DeviceTestSupport(openDevice());
                ops = new DeviceOps(t.device);
            } catch (RuntimeException e) {
                unavailable = e;
            }
        }
        if (unavailable != null) throw unavailable;
    }

    @AfterAll
    void close() {
        if (t == null) return;
        System.out.print(t.report());
        t.close();
    }

    @Test
    void gemmAllTransposesMatchTheCpu() {
        Rng rng = new Rng(1);
        int[][] shapes = {{1, 1, 1}, {7, 33, 5}, {65, 70, 129}, {130, 3, 17}, {3, 97, 0}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : shapes) {
                    int m = s[0], n = s[1], k = s[2], pad = 1 + rng.nextInt(3), off = rng.nextInt(5);
                    int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                    float[] a = random(rng, off + (ta ? k : m) * lda, 1f);
                    float[] b = random(rng, off + (tb ? n : k) * ldb, 1f);
                    for (float beta : new float[] {0f, 0.5f}) {
                        float[] c = random(rng, off + m * ldc, 1f);
                        if (beta == 0f) c[off] = Float.NaN; // beta = 0 must ignore the old C, NaN included
                        float[] ref = c.clone();
                        CPU.gemm().sgemm(ta, tb, m, n, k, -0.75f, a, off, lda, b, off, ldb, beta, ref, off, ldc);
                        DeviceBuffer dc = t.put(c);
                        ops.gemm().sgemm(ta, tb, m, n, k, -0.75f, t.put(a), off, lda, t.put(b), off, ldb, beta, dc, off, ldc);
                        t.assertClose("sgemm", (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "x" + n + "x" + k + " beta=" + beta,
                                ref, t.get(dc));
                    }
                }
            }
        }
    }

    @Test
    void elementwiseOpsMatchTheCpu() {
        Rng rng = new Rng(2);
        for (int n : new int[] {1, 257, 3001}) {
            float[] a = random(rng, n + 3, 3f), b = random(rng, n + 2, 3f), dy = random(rng, n + 1, 1f), g0 = random(rng, n + 4, 1f);
            DeviceBuffer da = t.put(a), db = t.put(b), ddy = t.put(dy);
            String size = "n=" + n;

            float[] ref = new float[n + 1];
            CPU.pointwise().add(n, a, 3, b, 2, ref, 1);
            DeviceBuffer out = t.device.allocate(n + 1);
            ops.pointwise().add(n, da, 3, db, 2, out, 1);
            t.assertClose("add", size, ref, t.get(out));
            CPU.pointwise().mul(n, a, 1, b, 0, ref, 0);
            ops.pointwise().mul(n, da, 1, db, 0, out, 0);
            t.assertClose("mul", size, ref, t.get(out));
            CPU.pointwise().scale(n, -1.5f, a, 2, ref, 1);
            ops.pointwise().scale(n, -1.5f, da, 2, out, 1);
            t.assertClose("scale", size, ref, t.get(out));
            float[] y = g0.clone();
            DeviceBuffer dyy = t.put(g0);
            CPU.pointwise().axpy(n, 0.3f, a, 0, y, 4);
            ops.pointwise().axpy(n, 0.3f, da, 0, dyy, 4);
            t.assertClose("axpy", size, y, t.get(dyy));

            float[] x = random(rng, n, 4f);
            DeviceBuffer dx = t.put(x);
            for (boolean tanh : new boolean[] {true, false}) {
                String op = tanh ? "gelu(tanh)" : "gelu(erf)";
                float[] gy = new float[n];
                DeviceBuffer dgy = t.device.allocate(n);
                CPU.pointwise().gelu(n, tanh, x, 0, gy, 0);
                ops.pointwise().gelu(n, tanh, dx, 0, dgy, 0);
                t.assertClose(op, size, gy, t.get(dgy));
                float[] gx = g0.clone();
                DeviceBuffer dgx = t.put(g0);
                CPU.pointwise().geluBackward(n, tanh, x, 0, dy, 1, gx, 2);
                ops.pointwise().geluBackward(n, tanh, dx, 0, ddy, 1, dgx, 2);
                t.assertClose(op + " backward", size, gx, t.get(dgx));
            }
            float[] sy = new float[n];
            DeviceBuffer dsy = t.device.allocate(n);
            CPU.pointwise().silu(n, x, 0, sy, 0);
            ops.pointwise().silu(n, dx, 0, dsy, 0);
            t.assertClose("silu", size, sy, t.get(dsy));
            float[] sx = g0.clone();
            DeviceBuffer dsx = t.put(g0);
            CPU.pointwise().siluBackward(n, x, 0, dy, 0, sx, 3);
            ops.pointwise().siluBackward(n, dx, 0, ddy, 0, dsx, 3);
            t.assertClose("silu backward", size, sx, t.get(dsx));

            CPU.pointwise().swiglu(n, x, 0, a, 1, ref, 1);
            ops.pointwise().swiglu(n, dx, 0, da, 1, out, 1);
            t.assertClose("swiglu", size, ref, t.get(out));
            float[] gGate = g0.clone(), gUp = random(rng, n, 1f);
            DeviceBuffer dGate = t.put(gGate), dUp = t.put(gUp);
            CPU.pointwise().swigluBackward(n, x, 0, a, 1, dy, 0, gGate, 4, gUp, 0);
            ops.pointwise().swigluBackward(n, dx, 0, da, 1, ddy, 0, dGate, 4, dUp, 0);
            t.assertClose("swiglu backward", size + " dGate", gGate, t.get(dGate));
            t.assertClose("swiglu backward", size + " dUp", gUp, t.get(dUp));
            float[] onlyUp = gUp.clone();
            DeviceBuffer dOnlyUp = t.put(onlyUp);
            CPU.pointwise().swigluBackward(n, x, 0, a, 1, dy, 0, null, 0, onlyUp, 0);
            ops.pointwise().swigluBackward(n, dx, 0, da, 1, ddy, 0, null, 0, dOnlyUp, 0);
            t.assertClose("swiglu backward", size + " dUp alone", onlyUp, t.get(dOnlyUp));
        }
    }

    @Test
    void rowAndColumnOpsMatchTheCpu() {
        Rng rng = new Rng(3);
        for (int[] s : new int[][] {{1, 1}, {3, 17}, {37, 5}, {70, 300}}) {
            int rows = s[0], cols = s[1];
            String size = rows + "x" + cols;
            float[] x = random(rng, rows * cols + 2, 2f), bias = random(rng, cols + 1, 1f), sums = random(rng, cols + 3, 1f);
            float[] ref = x.clone();
            DeviceBuffer dx = t.put(x);
            CPU.pointwise().addRowVector(rows, cols, bias, 1, ref, 2);
            ops.pointwise().addRowVector(rows, cols, t.put(bias), 1, dx, 2);
            t.assertClose("addRowVector", size, ref, t.get(dx));
            float[] refSums = sums.clone();
            DeviceBuffer dSums = t.put(sums);
            CPU.pointwise().sumRowsInto(rows, cols, x, 2, refSums, 3);
            ops.pointwise().sumRowsInto(rows, cols, t.put(x), 2, dSums, 3);
            t.assertClose("sumRowsInto", size, refSums, t.get(dSums));
        }
        float[] filled = new float[10];
        Arrays.fill(filled, 2, 9, 1.25f);
        DeviceBuffer f = t.device.allocate(10);
        ops.pointwise().fill(7, 1.25f, f, 2);
        assertArrayEquals(filled, t.get(f), "fill");
        float[] src = random(rng, 9, 1f);
        DeviceBuffer copy = t.device.allocate(12);
        ops.pointwise().copy(8, t.put(src), 1, copy, 3);
        float[] expected = new float[12];
        System.arraycopy(src, 1, expected, 3, 8);
        assertArrayEquals(expected, t.get(copy), "copy");
    }

    @Test
    void dropoutKeepsExactlyTheCpuMask() {
        Rng rng = new Rng(4);
        int n = 5003;
        float[] x = random(rng, n, 2f), g0 = random(rng, n, 1f);
        long seed = 0x9876_5432_1234_5678L, counter = (3L << 33) + 11;
        for (float p : new float[] {0f, 0.1f, 0.5f, 1f}) {
            float[] y = new float[n];
            DeviceBuffer dy = t.device.allocate(n);
            CPU.pointwise().dropout(n, p, seed, counter, x, 0, y, 0);
            ops.pointwise().dropout(n, p, seed, counter, t.put(x), 0, dy, 0);
            // Same mask, same scale, one multiplication: the device must agree bit for bit.
            assertArrayEquals(y, t.get(dy), "dropout p=" + p);
            float[] gx = g0.clone();
            DeviceBuffer dgx = t.put(g0);
            CPU.pointwise().dropoutBackward(n, p, seed, counter, x, 0, gx, 0);
            ops.pointwise().dropoutBackward(n, p, seed, counter, t.put(x), 0, dgx, 0);
            t.assertClose("dropout backward", "p=" + p, gx, t.get(dgx));
        }
    }

    @Test
    void normsAndSoftmaxMatchTheCpu() {
        Rng rng = new Rng(5);
        for (int[] s : new int[][] {{1, 7}, {3, 33}, {33, 7}, {5, 300}, {2, 1000}}) {
            int rows = s[0], dim = s[1];
            String size = rows + "x" + dim;
            float[] x = random(rng, rows * dim + 3, 2f);
            for (int i = 0; i < x.length; i++) x[i] += 0.7f;
            float[] dy = random(rng, rows * dim + 1, 1f), gamma = random(rng, dim, 1.5f), beta = random(rng, dim, 1f);
            float[] dx0 = random(rng, rows * dim + 2, 1f), dg0 = random(rng, dim, 1f), db0 = random(rng, dim, 1f);
            DeviceBuffer dX = t.put(x), dDy = t.put(dy), dGamma = t.put(gamma), dBeta = t.put(beta);
            for (int affine = 0; affine < 4; affine++) {
                boolean hasG = (affine & 1) != 0, hasB = (affine & 2) != 0;
                String what = size + " gamma=" + hasG + " beta=" + hasB;
                float[] y = new float[rows * dim], mean = new float[rows], rstd = new float[rows];
                CPU.norm().layerNorm(rows, dim, 1e-5f, x, 3, hasG ? gamma : null, hasB ? beta : null, y, 0, mean, rstd);
                DeviceBuffer dY = t.device.allocate(rows * dim), dMean = t.device.allocate(rows), dRstd = t.device.allocate(rows);
                ops.norm().layerNorm(rows, dim, 1e-5f, dX, 3, hasG ? dGamma : null, hasB ? dBeta : null, dY, 0, dMean, dRstd);
                t.assertClose("layerNorm", what + " y", y, t.get(dY));
                t.assertClose("layerNorm", what + " mean", mean, t.get(dMean));
                t.assertClose("layerNorm", what + " rstd", rstd, t.get(dRstd));
                float[] gx = dx0.clone(), gg = dg0.clone(), gb = db0.clone();
                DeviceBuffer dGx = t.put(dx0), dGg = t.put(dg0), dGb = t.put(db0);
                // Both backward passes read the CPU's statistics, so only the backward pass is compared.
                CPU.norm().layerNormBackward(rows, dim, x, 3, hasG ? gamma : null, mean, rstd, dy, 1, gx, 2, gg, gb);
                ops.norm().layerNormBackward(rows, dim, dX, 3, hasG ? dGamma : null, t.put(mean), t.put(rstd), dDy, 1, dGx, 2, dGg, dGb);
                t.assertClose("layerNorm backward", what + " dx", gx, t.get(dGx));
                t.assertClose("layerNorm backward", what + " dGamma", gg, t.get(dGg));
                t.assertClose("layerNorm backward", what + " dBeta", gb, t.get(dGb));
            }
            for (boolean hasG : new boolean[] {true, false}) {
                String what = size + " gamma=" + hasG;
                float[] y = new float[rows * dim + 2], rstd = new float[rows];
                CPU.norm().rmsNorm(rows, dim, 1e-6f, x, 1, hasG ? gamma : null, y, 2, rstd);
                DeviceBuffer dY = t.device.allocate(rows * dim + 2), dRstd = t.device.allocate(rows);
                ops.norm().rmsNorm(rows, dim, 1e-6f, dX, 1, hasG ? dGamma : null, dY, 2, dRstd);
                t.assertClose("rmsNorm", what + " y", y, t.get(dY));
                t.assertClose("rmsNorm", what + " rstd", rstd, t.get(dRstd));
                float[] gx = dx0.clone(), gg = dg0.clone();
                DeviceBuffer dGx = t.put(dx0), dGg = t.put(dg0);
                CPU.norm().rmsNormBackward(rows, dim, x, 1, hasG ? gamma : null, rstd, dy, 0, gx, 0, gg);
                ops.norm().rmsNormBackward(rows, dim, dX, 1, hasG ? dGamma : null, t.put(rstd), dDy, 0, dGx, 0, dGg);
                t.assertClose("rmsNorm backward", what + " dx", gx, t.get(dGx));
                t.assertClose("rmsNorm backward", what + " dGamma", gg, t.get(dGg));
            }
            float[] sm = new float[rows * dim];
            CPU.norm().softmax(rows, dim, x, 3, sm, 0);
            DeviceBuffer dSm = t.device.allocate(rows * dim);
            ops.norm().softmax(rows, dim, dX, 3, dSm, 0);
            t.assertClose("softmax", size, sm, t.get(dSm));
            float[] gx = dx0.clone();
            DeviceBuffer dGx = t.put(dx0);
            CPU.norm().softmaxBackward(rows, dim, sm, 0, dy, 1, gx, 2);
            ops.norm().softmaxBackward(rows, dim, t.put(sm), 0, dDy, 1, dGx, 2);
            t.assertClose("softmax backward", size, gx, t.get(dGx));
        }
    }

    @Test
    void embeddingMatchesTheCpuWithRepeatedIds() {
        Rng rng = new Rng(6);
        int rows = 23, dim = 37, n = 301;
        float[] table = random(rng, rows * dim, 1f), dOut = random(rng, n * dim + 5, 1f), dTable0 = random(rng, rows * dim, 1f);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = rng.nextInt(rows);
        DeviceBuffer dIds = t.device.allocate(n);
        ops.loss().uploadIds(ids, n, rows, dIds);
        float[] out = new float[n * dim + 4];
        CPU.loss().embedding(n, dim, table, ids, out, 4);
        DeviceBuffer dOutBuf = t.device.allocate(n * dim + 4);
        ops.loss().embedding(n, dim, t.put(table), dIds, dOutBuf, 4);
        assertArrayEquals(out, t.get(dOutBuf), "embedding copies rows exactly");
        float[] dTable = dTable0.clone();
        DeviceBuffer dDTable = t.put(dTable0);
        CPU.loss().embeddingBackward(n, dim, ids, dOut, 5, dTable);
        ops.loss().embeddingBackward(n, dim, dIds, t.put(dOut), 5, dDTable);
        // Token order, float additions, as on the CPU: the same bits.
        assertArrayEquals(dTable, t.get(dDTable), "embedding backward accumulates in token order");
        t.assertClose("embedding backward", "", dTable, t.get(dDTable));
    }

    @Test
    void crossEntropyMatchesTheCpu() {
        Rng rng = new Rng(7);
        for (int[] s : new int[][] {{1, 2}, {9, 1000}, {41, 77}}) {
            int rows = s[0], vocab = s[1];
            String size = rows + "x" + vocab;
            float[] logits = random(rng, rows * vocab + 3, 6f);
            int[] targets = new int[rows];
            float[] weights = new float[rows];
            for (int r = 0; r < rows; r++) {
                targets[r] = r % 5 == 3 ? -1 : rng.nextInt(vocab);
                weights[r] = r % 7 == 4 ? 0f : (float) rng.nextDouble() * 2;
            }
            DeviceBuffer dLogits = t.put(logits), dTargets = t.device.allocate(rows), dWeights = t.put(weights);
            ops.loss().uploadTargets(targets, rows, vocab, dTargets);
            for (boolean weighted : new boolean[] {true, false}) {
                String what = size + (weighted ? " weighted" : "");
                float[] loss = new float[rows], lse = new float[rows];
                double total = CPU.loss().crossEntropy(rows, vocab, logits, 3, targets, weighted ? weights : null, loss, lse);
                DeviceBuffer dLoss = t.device.allocate(rows), dLse = t.device.allocate(rows), dTotal = t.device.allocate(2);
                ops.loss().crossEntropy(rows, vocab, dLogits, 3, dTargets, weighted ? dWeights : null, dLoss, dLse, dTotal, 1);
                t.assertClose("crossEntropy", what + " loss", loss, t.get(dLoss));
                t.assertClose("crossEntropy", what + " lse", lse, t.get(dLse));
                t.assertClose("crossEntropy", what + " total", new float[] {0f, (float) total}, t.get(dTotal));
                float[] g0 = random(rng, rows * vocab + 1, 0.01f), g = g0.clone();
                DeviceBuffer dG = t.put(g0);
                CPU.loss().crossEntropyBackward(rows, vocab, logits, 3, targets, weighted ? weights : null, lse, 0.37f, g, 1);
                ops.loss().crossEntropyBackward(rows, vocab, dLogits, 3, dTargets, weighted ? dWeights : null, dLse, 0.37f, dG, 1);
                t.assertClose("crossEntropy backward", what, g, t.get(dG));
            }
        }
    }

    @Test
    void reductionsMatchDoubleSums() {
        Rng rng = new Rng(8);
        for (int n : new int[] {0, 1, 4097, 20011}) {
            float[] x = random(rng, n + 2, 1f);
            double sum = 0, squares = 0;
            for (int i = 2; i < n + 2; i++) {
                sum += x[i];
                squares += (double) x[i] * x[i];
            }
            DeviceBuffer dx = t.put(x), out = t.device.allocate(3);
            ops.reductions().sum(n, dx, 2, out, 0);
            ops.reductions().sumOfSquares(n, dx, 2, out, 1);
            ops.reductions().accumulateSum(n, dx, 2, out, 2);
            ops.reductions().accumulateSum(n, dx, 2, out, 2);
            float[] got = t.get(out);
            t.assertClose("sum", "n=" + n, new float[] {(float) sum}, new float[] {got[0]});
            t.assertClose("sumOfSquares", "n=" + n, new float[] {(float) squares}, new float[] {got[1]});
            t.assertClose("accumulateSum", "n=" + n, new float[] {(float) (2 * sum)}, new float[] {got[2]});
        }
    }

    @Test
    void ropeMatchesTheCpuForwardAndInverse() {
        Rng rng = new Rng(9);
        int rows = 45, heads = 3, headDim = 18;
        float theta = 10000f;
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++) positions[r] = r < 5 ? r : rng.nextInt(3000);
        DeviceAttention.RopeTable table = ops.attention().ropeTable(headDim, theta, 3000);
        DeviceBuffer dPos = t.put(positions);
        float[] x = random(rng, rows * heads * headDim + 1, 2f);
        for (boolean inverse : new boolean[] {false, true}) {
            float[] y = new float[rows * heads * headDim + 2];
            CPU.attention().rope(rows, heads, headDim, theta, positions, inverse, x, 1, y, 2);
            DeviceBuffer dy = t.device.allocate(y.length);
            ops.attention().rope(rows, heads, headDim, table, dPos, inverse, t.put(x), 1, dy, 2);
            t.assertClose(inverse ? "rope inverse" : "rope", "", y, t.get(dy));
            float[] inPlace = x.clone();
            CPU.attention().rope(rows, heads, headDim, theta, positions, inverse, inPlace, 1, inPlace, 1);
            DeviceBuffer dIn = t.put(x);
            ops.attention().rope(rows, heads, headDim, table, dPos, inverse, dIn, 1, dIn, 1);
            t.assertClose(inverse ? "rope inverse" : "rope", "in place", inPlace, t.get(dIn));
        }
        table.release();
    }

    /** Attention problems: GQA, a KV cache longer than the queries with unused slack rows, packed segments. */
    private static final int[][] ATTENTION = {
            // batch, qLen, kvLen, kvStride, qHeads, kvHeads, headDim, packed
            {2, 37, 37, 37, 4, 2, 16, 1},
            {1, 5, 70, 75, 2, 1, 24, 0},
            {1, 67, 67, 70, 3, 3, 8, 1},
            {2, 20, 20, 20, 2, 1, 32, 0},
            {1, 9, 9, 9, 2, 2, 40, 1},
            {1, 7, 12, 12, 2, 1, 136, 0}};

    @Test
    void attentionMatchesTheCpuForwardAndBackward() {
        for (int c = 0; c < ATTENTION.length; c++) {
            int[] a = ATTENTION[c];
            AttentionProblem p = AttentionProblem.random(10 + c, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1);
            checkAttention(p, p.toString());
        }
    }

    @Test
    void attentionGivesLonelyQueriesZeroOutputAndNoGradient() {
        AttentionProblem p = AttentionProblem.random(20, 1, 30, 30, 30, 2, 1, 16, true);
        // Queries 3 and 17 get a segment no key has: they see nothing.
        p.qSeg[3] = 1000;
        p.qSeg[17] = 1001;
        AttentionKernels.Shape s = p.s;
        float[] out = new float[p.q.length], lse = new float[s.batch() * s.qHeads() * s.qLen()];
        CPU.attention().attention(s, p.q, p.k, p.v, p.qSeg, p.kSeg, out, lse);
        assertEquals(Float.NEGATIVE_INFINITY, lse[3], "the CPU reference agrees that query 3 is alone");
        checkAttention(p, "lonely queries");
    }

    private void checkAttention(AttentionProblem p, String what) {
        Shape s = p.s;
        float[] out = new float[p.q.length], lse = new float[s.batch() * s.qHeads() * s.qLen()];
        CPU.attention().attention(s, p.q, p.k, p.v, p.qSeg, p.kSeg, out, lse);
        DeviceBuffer dq = t.put(p.q), dk = t.put(p.k), dv = t.put(p.v), dOut = t.put(p.dOut);
        DeviceBuffer qSeg = p.qSeg == null ? null : t.put(p.qSeg), kSeg = p.kSeg == null ? null : t.put(p.kSeg);
        DeviceBuffer gotOut = t.device.allocate(out.length), gotLse = t.device.allocate(lse.length);
        ops.attention().attention(s, dq, dk, dv, qSeg, kSeg, gotOut, gotLse);
        t.assertClose("attention", what + " out", out, t.get(gotOut));
        t.assertClose("attention", what + " lse", lse, t.get(gotLse));

        float[] gq = p.grad0(p.q.length), gk = p.grad0(p.k.length), gv0 = p.grad0(p.v.length), gv = gv0.clone();
        DeviceBuffer dGq = t.put(gq), dGk = t.put(gk), dGv = t.put(gv);
        CPU.attention().attentionBackward(s, p.q, p.k, p.v, p.qSeg, p.kSeg, out, lse, p.dOut, gq, gk, gv);
        // The device backward pass reads the CPU's forward results, so it is compared on its own.
        ops.attention().attentionBackward(s, dq, dk, dv, qSeg, kSeg, t.put(out), t.put(lse), dOut, dGq, dGk, dGv);
        t.assertClose("attention backward", what + " dq", gq, t.get(dGq));
        t.assertClose("attention backward", what + " dk", gk, t.get(dGk));
        t.assertClose("attention backward", what + " dv", gv, t.get(dGv));

        DeviceBuffer dOnlyDv = t.put(gv0);
        ops.attention().attentionBackward(s, dq, dk, dv, qSeg, kSeg, t.put(out), t.put(lse), dOut, null, null, dOnlyDv);
        assertArrayEquals(t.get(dGv), t.get(dOnlyDv), what + ": dv alone is the same computation");
    }

    @Test
    void resultsAreBitIdenticalFromRunToRun() {
        AttentionProblem p = AttentionProblem.random(30, 2, 45, 45, 45, 4, 2, 16, true);
        float[][] first = null;
        for (int run = 0; run < 2; run++) {
            Shape s = p.s;
            DeviceBuffer dq = t.put(p.q), dk = t.put(p.k), dv = t.put(p.v), dOut = t.put(p.dOut);
            DeviceBuffer qSeg = t.put(p.qSeg), kSeg = t.put(p.kSeg);
            DeviceBuffer out = t.device.allocate(p.q.length), lse = t.device.allocate((long) s.batch() * s.qHeads() * s.qLen());
            DeviceBuffer gq = t.device.allocate(p.q.length), gk = t.device.allocate(p.k.length), gv = t.device.allocate(p.v.length);
            ops.attention().attention(s, dq, dk, dv, qSeg, kSeg, out, lse);
            ops.attention().attentionBackward(s, dq, dk, dv, qSeg, kSeg, out, lse, dOut, gq, gk, gv);
            DeviceBuffer sums = t.device.allocate(3);
            ops.reductions().sumOfSquares(p.q.length, gq, 0, sums, 0);
            ops.pointwise().sumRowsInto(p.k.length / 3, 3, gk, 0, sums, 0);
            float[][] now = {t.get(out), t.get(lse), t.get(gq), t.get(gk), t.get(gv), t.get(sums)};
            if (first == null) {
                first = now;
            } else {
                for (int i = 0; i < now.length; i++) assertArrayEquals(first[i], now[i], "result " + i + " differs between runs");
            }
        }
        assertTrue(first[2].length > 0);
    }
}
