package org.symtune.core.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.rng.Rng;

class MatmulOpsTest {
    private final Backend ref = Backends.scalar();

    @Test
    void matmulGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(1);
        Var a = Var.param(GradCheck.random(rng, 1f, 2, 3, 5));
        Var b = Var.param(GradCheck.random(rng, 1f, 5, 4));
        GradCheck.Result r = GradCheck.check(ref, List.of(a, b), t -> MatmulOps.matmul(t, a, b), 64, 7);
        assertTrue(r.maxRelError() < 1e-3, () -> "relative error " + r);
    }

    @Test
    void linearWithBiasGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(2);
        Var x = Var.param(GradCheck.random(rng, 1f, 7, 6));
        Var w = Var.param(GradCheck.random(rng, 1f, 3, 6));
        Var bias = Var.param(GradCheck.random(rng, 1f, 3));
        GradCheck.Result r = GradCheck.check(ref, List.of(x, w, bias), t -> MatmulOps.linear(t, x, w, bias), 64, 8);
        assertTrue(r.maxRelError() < 1e-3, () -> "relative error " + r);
    }

    @Test
    void transposedViewMatchesExplicitTranspose() {
        Rng rng = new Rng(3);
        Tensor a = GradCheck.random(rng, 1f, 4, 6);
        Tensor w = GradCheck.random(rng, 1f, 5, 6);
        Tape tape = Tape.inference(ref);
        Tensor viaView = MatmulOps.matmul(tape, Var.constant(a), Var.constant(w.transpose(0, 1))).value();
        Tensor viaCopy = MatmulOps.matmul(tape, Var.constant(a), Var.constant(w.transpose(0, 1).contiguous())).value();
        Tensor viaLinear = MatmulOps.linear(tape, Var.constant(a), Var.constant(w), null).value();
        assertArrayEquals(viaCopy.toArray(), viaView.toArray(), 0f);
        assertArrayEquals(viaCopy.toArray(), viaLinear.toArray(), 0f);
    }
}
