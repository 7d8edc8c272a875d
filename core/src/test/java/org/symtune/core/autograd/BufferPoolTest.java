package org.symtune.core.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.rng.Rng;

/**
 * The buffer pool, and every op run on a pooled tape: the same values and gradients, bit for bit, as on
 * a plain tape, over several passes whose recycled buffers are poisoned with NaN first (so an op that
 * leaves part of an output unwritten, or reads a gradient after it was given back, cannot pass).
 */
class BufferPoolTest {

    @Test
    void buffersAreReusedByExactLengthWithinTheCap() {
        BufferPool pool = new BufferPool(100);
        float[] a = pool.take(40);
        pool.give(a);
        assertSame(a, pool.take(40));
        assertNotSame(a, pool.take(39));
        pool.give(a);
        pool.give(new float[70]); // 40 + 70 > 100: dropped
        assertEquals(40, pool.pooledFloats());
        a[3] = 7f;
        float[] z = pool.takeZeroed(40);
        assertSame(a, z);
        assertEquals(0f, z[3]);
        assertEquals(0, pool.pooledFloats());
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(-1));
    }

    @Test
    void poisoningPoolFillsRecycledBuffersWithNaN() {
        BufferPool pool = BufferPool.poisoning(1 << 20);
        float[] big = new float[1 << 19]; // above the parallel-fill threshold
        pool.give(big);
        float[] again = pool.take(big.length);
        assertSame(big, again);
        for (float v : again) assertTrue(Float.isNaN(v));
        pool.give(again);
        for (float v : pool.takeZeroed(big.length)) assertEquals(0f, v);
    }

    @Test
    void everyOpGivesTheSameResultsOnAPooledTape() {
        for (Backend backend : List.of(Backends.scalar(), Backends.vector())) {
            BufferPool pool = BufferPool.poisoning(1 << 24);
            for (int pass = 0; pass < 3; pass++) {
                float[][] plain = network(backend, null, pass);
                float[][] pooled = network(backend, pool, pass);
                for (int i = 0; i < plain.length; i++) {
                    assertArrayEquals(plain[i], pooled[i], backend.name() + ", pass " + pass + ", result " + i);
                }
            }
            assertTrue(pool.reused() > 20, "the later passes must run on recycled buffers, reused " + pool.reused());
        }
    }

    @Test
    void closingGivesEverythingBackAndLaterGradientsAreFresh() {
        BufferPool pool = new BufferPool(1 << 20);
        Var x = Var.param(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        Var y;
        try (Tape tape = Tape.training(Backends.scalar(), pool)) {
            y = PointwiseOps.scale(tape, x, 2f);
            Var z = PointwiseOps.mul(tape, y, y);
            tape.backward(z, Tensor.of(new float[] {1, 1, 1, 1}, 2, 2));
            assertEquals(4 + 4 + 4, pool.pooledFloats(), "y's and z's gradients and mul's scratch are back");
        }
        assertEquals(4 + 4 + 4 + 4 + 4, pool.pooledFloats(), "plus the two outputs after close");
        assertArrayEquals(new float[] {8, 16, 24, 32}, x.grad().toArray(), "d(4x²)/dx = 8x; parameters keep their gradients");
        assertArrayEquals(new float[4], y.grad().toArray(), "an intermediate gradient after close starts from zero");
    }

    /**
     * Every op family on one tape: embedding, both norms, rope, attention, linear with bias, the row-vector
     * bias, activations, products, scaling, dropout, reshape and the loss. Returns the loss and every input
     * gradient.
     */
    private static float[][] network(Backend backend, BufferPool pool, int pass) {
        Rng rng = new Rng(11 + pass);
        int vocab = 37, dim = 16, heads = 4, kvHeads = 2, batch = 2, seq = 6, tokens = batch * seq;
        int headDim = dim / heads;
        Var table = Var.param(GradCheck.random(rng, 1f, vocab, dim));
        Var gamma = Var.param(GradCheck.random(rng, 1f, dim));
        Var beta = Var.param(GradCheck.random(rng, 1f, dim));
        Var wq = Var.param(GradCheck.random(rng, 0.5f, dim, dim));
        Var wk = Var.param(GradCheck.random(rng, 0.5f, kvHeads * headDim, dim));
        Var wv = Var.param(GradCheck.random(rng, 0.5f, dim, kvHeads * headDim));
        Var bias = Var.param(GradCheck.random(rng, 0.5f, dim));
        int[] ids = new int[tokens];
        int[] targets = new int[tokens];
        int[] positions = new int[tokens];
        int[] segments = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = rng.nextInt(vocab);
            targets[i] = i % 5 == 0 ? -1 : rng.nextInt(vocab);
            segments[i] = i < 3 ? 1 : i < seq ? 2 : 3;
            positions[i] = segments[i] == 2 ? i - 3 : i % seq;
        }
        Tape tape = pool == null ? Tape.training(backend) : Tape.training(backend, pool);
        try (tape) {
            Var h = EmbeddingOps.embedding(tape, table, ids);
            Var n = NormOps.layerNorm(tape, h, gamma, beta, 1e-5f);
            Var q = AttentionOps.rope(tape, MatmulOps.linear(tape, n, wq, bias), positions, heads, 10000f);
            Var k = AttentionOps.rope(tape, MatmulOps.linear(tape, n, wk, null), positions, kvHeads, 10000f);
            Var v = MatmulOps.matmul(tape, n, wv);
            Var a = AttentionOps.attention(tape, ShapeOps.reshape(tape, q, batch, seq, dim),
                    ShapeOps.reshape(tape, k, batch, seq, kvHeads * headDim),
                    ShapeOps.reshape(tape, v, batch, seq, kvHeads * headDim), segments, heads, kvHeads);
            a = ShapeOps.reshape(tape, a, tokens, dim);
            Var m = PointwiseOps.swiglu(tape, PointwiseOps.gelu(tape, a, true), PointwiseOps.silu(tape, n));
            m = PointwiseOps.add(tape, PointwiseOps.mul(tape, m, h), PointwiseOps.addRowVector(tape, h, bias));
            m = NormOps.rmsNorm(tape, PointwiseOps.dropout(tape, PointwiseOps.scale(tape, m, 0.7f), 0.2f, 5, 0), gamma, 1e-6f);
            Var logits = MatmulOps.matmulTransposed(tape, m, table);
            Var loss = LossOps.crossEntropy(tape, logits, targets, null, tokens);
            tape.backward(loss);
            List<float[]> out = new ArrayList<>();
            out.add(loss.value().toArray());
            for (Var p : List.of(table, gamma, beta, wq, wk, wv, bias)) out.add(p.grad().toArray());
            return out.toArray(float[][]::new);
        }
    }
}
