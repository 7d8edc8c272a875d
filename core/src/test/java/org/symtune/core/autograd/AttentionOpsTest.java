package org.symtune.core.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.rng.Rng;

/**
 * Finite-difference checks of the attention and rope ops on the scalar backend. Tolerances: attention is
 * smooth, so GradCheck's central differences carry an O(h²) truncation error (~1e-4 relative) plus float
 * rounding of the objective (~1e-5): 1e-3 leaves margin without hiding a wrong term (which shows up at
 * 1e-1 or more). Rope is linear in x, so there is no truncation error and only rounding noise: 1e-4.
 */
class AttentionOpsTest {
    private final Backend ref = Backends.scalar();

    @Test
    void packedAttentionGradientsMatchFiniteDifferences() {
        int[] segments = {0, 0, 1, 1, 1, 0, 0, 0, 0, 2};
        checkAttention(41, 2, 5, 4, 2, 3, segments);
    }

    @Test
    void groupedQueryAttentionGradientsMatchFiniteDifferences() {
        checkAttention(42, 2, 6, 4, 2, 3, null);
    }

    @Test
    void multiQueryAttentionGradientsMatchFiniteDifferences() {
        checkAttention(43, 1, 7, 3, 1, 4, null);
    }

    private void checkAttention(long seed, int batch, int seq, int qHeads, int kvHeads, int dim, int[] segments) {
        Rng rng = new Rng(seed);
        Var q = Var.param(GradCheck.random(rng, 1f, batch, seq, qHeads * dim));
        Var k = Var.param(GradCheck.random(rng, 1f, batch, seq, kvHeads * dim));
        Var v = Var.param(GradCheck.random(rng, 1f, batch, seq, kvHeads * dim));
        GradCheck.Result r = GradCheck.check(ref, List.of(q, k, v),
                t -> AttentionOps.attention(t, q, k, v, segments, qHeads, kvHeads), 64, seed + 100);
        assertTrue(r.maxRelError() < 1e-3, () -> "relative error " + r);
    }

    @Test
    void ropeGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(46);
        Var x = Var.param(GradCheck.random(rng, 1f, 2, 3, 2 * 6));
        int[] positions = {0, 1, 2, 0, 1, 40};
        GradCheck.Result r = GradCheck.check(ref, List.of(x), t -> AttentionOps.rope(t, x, positions, 2, 10000f), 64, 47);
        assertTrue(r.maxRelError() < 1e-4, () -> "relative error " + r);
    }

    @Test
    void smearedKeysGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(60);
        // 2 rows of 4 tokens, 2 heads of 3; the second row holds two packed segments.
        Var k = Var.param(GradCheck.random(rng, 1f, 8, 2 * 3));
        Var gate = Var.param(GradCheck.random(rng, 1f, 2));
        int[] segments = {0, 0, 0, 0, 0, 0, 1, 1};
        GradCheck.Result r = GradCheck.check(ref, List.of(k, gate), t -> AttentionOps.smearKeys(t, k, gate, 4, segments), 64, 61);
        assertTrue(r.maxRelError() < 1e-3, () -> "relative error " + r);
    }

    @Test
    void smearedKeysMixEachKeyWithThePreviousTokenOfItsRowAndSegment() {
        float[] kv = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60};
        Var k = Var.constant(Tensor.wrap(kv, 0, 6, 2));
        // head 0: s = sigmoid(0) = 0.5; head 1: s = sigmoid(ln 3) = 0.75
        Var gate = Var.constant(Tensor.wrap(new float[] {0f, (float) Math.log(3)}, 0, 2));
        int[] segments = {0, 0, 0, 1, 1, 1};
        float[] y = AttentionOps.smearKeys(Tape.inference(ref), k, gate, 6, segments).value().toArray();
        // token 0 and token 3 (a segment start) mix with zero; the others with the token before
        float[] expected = {0.5f, 7.5f, 1.5f, 17.5f, 2.5f, 27.5f, 2f, 30f, 4.5f, 47.5f, 5.5f, 57.5f};
        assertArrayEquals(expected, y, 1e-5f);
        // without segments, a new batch row (seq 3) also starts afresh
        float[] rows = AttentionOps.smearKeys(Tape.inference(ref), k, gate, 3, null).value().toArray();
        assertArrayEquals(new float[] {2f, 30f}, new float[] {rows[6], rows[7]}, 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> AttentionOps.smearKeys(Tape.inference(ref), k, gate, 4, null));
    }

    @Test
    void vectorBackendAgreesThroughTheOps() {
        Rng rng = new Rng(48);
        Tensor qv = GradCheck.random(rng, 1f, 2, 40, 4 * 16);
        Tensor kv = GradCheck.random(rng, 1f, 2, 40, 2 * 16);
        Tensor vv = GradCheck.random(rng, 1f, 2, 40, 2 * 16);
        int[] positions = new int[80];
        for (int i = 0; i < 80; i++) positions[i] = i % 40;
        float[][] results = new float[2][];
        float[][] grads = new float[2][];
        Backend[] backends = {ref, Backends.vector()};
        for (int b = 0; b < 2; b++) {
            Var q = Var.param(qv.copy());
            Var k = Var.param(kv.copy());
            Var v = Var.param(vv.copy());
            Tape tape = Tape.training(backends[b]);
            Var qr = AttentionOps.rope(tape, q, positions, 4, 10000f);
            Var kr = AttentionOps.rope(tape, k, positions, 2, 10000f);
            Var y = AttentionOps.attention(tape, qr, kr, v, null, 4, 2);
            tape.backward(y, GradCheck.random(new Rng(49), 1f, y.shape()));
            results[b] = y.value().toArray();
            grads[b] = q.grad().toArray();
        }
        assertArrayEquals(results[0], results[1], 1e-5f);
        assertArrayEquals(grads[0], grads[1], 1e-5f);
    }

    @Test
    void badShapesAreReported() {
        Tape tape = Tape.inference(ref);
        Var q = Var.constant(Tensor.zeros(2, 5, 12));
        Var k = Var.constant(Tensor.zeros(2, 5, 6));
        assertMessage("q must be", () -> AttentionOps.attention(tape, Var.constant(Tensor.zeros(10, 12)), k, k, null, 4, 2));
        assertMessage("k must be [2, 5, 6]", () -> AttentionOps.attention(tape, q, Var.constant(Tensor.zeros(2, 5, 9)), k, null, 4, 2));
        assertMessage("v must be", () -> AttentionOps.attention(tape, q, k, Var.constant(Tensor.zeros(2, 4, 6)), null, 4, 2));
        assertMessage("multiple of kvHeads", () -> AttentionOps.attention(tape, q, k, k, null, 4, 3));
        assertMessage("not divisible by qHeads", () -> AttentionOps.attention(tape, q, k, k, null, 5, 1));
        assertMessage("segments has 3", () -> AttentionOps.attention(tape, q, k, k, new int[3], 4, 2));
        assertMessage("must be even", () -> AttentionOps.rope(tape, Var.constant(Tensor.zeros(2, 5, 12)), new int[10], 4, 10000f));
        assertMessage("positions has 9", () -> AttentionOps.rope(tape, k, new int[9], 3, 10000f));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
