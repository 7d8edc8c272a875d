package org.symtune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.core.autograd.BufferPool;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;

/**
 * Training the transformer on a pooled tape (as the trainer does) changes nothing: over several steps
 * with different batches and a plain SGD update, the losses, gradients and weights are bit-identical to
 * those of a plain tape, for every model family and with dropout. The pool poisons recycled buffers, so
 * a stale value read anywhere would show.
 */
class PooledTapeTest {

    @Test
    void pooledTrainingStepsAreBitIdenticalToPlainOnes() {
        List<TransformerConfig> configs = new ArrayList<>(TransformerTest.smallConfigs());
        configs.add(new TransformerConfig("gpt2", 23, 16, 8, 2, 4, 2, 4, 32, TransformerConfig.Positions.LEARNED, 10000,
                TransformerConfig.Norm.LAYER_NORM, 1e-5, TransformerConfig.Mlp.GELU_ERF, TransformerConfig.Block.PARALLEL,
                true, false, 0.5, 0.1));
        Backend backend = Backends.best();
        for (TransformerConfig c : configs) {
            Transformer plain = Transformer.initialize(c, 4);
            Transformer pooled = Transformer.initialize(c, 4);
            BufferPool pool = BufferPool.poisoning(1 << 22);
            for (int step = 0; step < 3; step++) {
                Batch b = TransformerTest.packedBatch(c.vocabSize(), 20 + step);
                float lossPlain = step(plain, Tape.training(backend), b, step);
                float lossPooled = step(pooled, Tape.training(backend, pool), b, step);
                assertEquals(lossPlain, lossPooled, c.family() + " step " + step + " loss");
                for (Map.Entry<String, Var> e : plain.parameters().entrySet()) {
                    Var other = pooled.parameters().get(e.getKey());
                    assertArrayEquals(e.getValue().grad().toArray(), other.grad().toArray(), c.family() + " step " + step + " grad " + e.getKey());
                    assertArrayEquals(e.getValue().value().toArray(), other.value().toArray(), c.family() + " step " + step + " " + e.getKey());
                }
            }
            assertTrue(pool.reused() > 0, "steps after the first run on recycled buffers");
        }
    }

    /** Forward, backward, then w -= 0.05·g; returns the loss. */
    private static float step(Transformer m, Tape tape, Batch b, long dropoutSeed) {
        m.zeroGrad();
        float loss;
        try (tape) {
            Var l = m.loss(tape, b, dropoutSeed);
            loss = l.value().toArray()[0];
            tape.backward(l);
        }
        for (Var p : m.parameters().values()) {
            float[] w = p.value().data(), g = p.grad().data();
            for (int i = 0; i < w.length; i++) w[i] -= 0.05f * g[i];
        }
        return loss;
    }
}
