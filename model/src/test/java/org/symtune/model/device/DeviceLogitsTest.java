package org.symtune.model.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symtune.core.autograd.Tape;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

/**
 * The device transformer's logits (all tokens, and chosen tokens only) against {@link Transformer#logits} on the
 * CPU's scalar reference backend, on packed rows, for PaLM, GPT-2 and Llama shaped configs. Runs on the OpenCL
 * device and is skipped without one (unless {@code SYMTUNE_REQUIRE_OPENCL=1}, as in CI).
 */
class DeviceLogitsTest {
    private static final double TOLERANCE = 1e-4;
    private static ComputeDevice device;
    private static DeviceOps ops;
    private static final Map<String, Double> worst = new TreeMap<>();

    @BeforeAll
    static void open() {
        device = OpenClFixture.openOrSkip();
        ops = new DeviceOps(device);
    }

    @AfterAll
    static void close() {
        OpenClFixture.reportAndClose("device logits", device, worst);
    }

    @Test
    void palmLogitsMatchTheCpu() {
        compare("palm", DeviceTransformerTest.palm(0.3)); // dropout is off in an inference forward
    }

    @Test
    void gpt2LogitsMatchTheCpu() {
        compare("gpt2", DeviceTransformerTest.gpt2(0.0));
    }

    @Test
    void llamaLogitsMatchTheCpu() {
        compare("llama", DeviceTransformerTest.llama());
    }

    @Test
    void logitScaleIsApplied() {
        compare("scaled", new TransformerConfig("gpt2", 61, 24, 32, 1, 4, 4, 8, 48, TransformerConfig.Positions.LEARNED, 10000.0,
                TransformerConfig.Norm.LAYER_NORM, 1e-5, TransformerConfig.Mlp.GELU_ERF, TransformerConfig.Block.PARALLEL, true, false, 0.5, 0.0));
    }

    @Test
    void theLossPathStillWorksAfterAnInferenceForward() {
        Transformer cpu = Transformer.initialize(DeviceTransformerTest.gpt2(0.0), 5);
        Batch b = DeviceTransformerTest.packedBatch(cpu.config().vocabSize(), 3, 12, 8);
        double ref = cpu.loss(Tape.inference(Backends.scalar()), b, 0).value().toArray()[0];
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            dev.logits(b); // leaves inference-only buffers that the loss must replace
            double got = dev.loss(b);
            assertTrue(Math.abs(got - ref) <= TOLERANCE * Math.abs(ref), "loss " + got + " vs " + ref);
        }
    }

    @Test
    void aChosenTokenOutsideTheBatchIsRefused() {
        Transformer cpu = Transformer.initialize(DeviceTransformerTest.palm(0), 1);
        Batch b = DeviceTransformerTest.packedBatch(cpu.config().vocabSize(), 2, 8, 2);
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.logitsAt(b, new int[] {3, 16}));
            assertTrue(e.getMessage().contains("16"), e.getMessage());
        }
    }

    private static void compare(String label, TransformerConfig config) {
        Transformer cpu = Transformer.initialize(config, 42);
        int vocab = config.vocabSize();
        Batch big = DeviceTransformerTest.packedBatch(vocab, 3, 16, 1);
        Batch small = DeviceTransformerTest.packedBatch(vocab, 2, 10, 2);
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            for (Batch b : new Batch[] {big, small, big}) { // smaller after larger reuses the buffers
                float[] ref = cpu.logits(Tape.inference(Backends.scalar()), b, 0).value().toArray();
                float[] all = dev.logits(b);
                record(label, DeviceTransformerTest.relError(ref, all), label + " logits of " + b);
                int[] chosen = {b.seqLen() - 1, 2 * b.seqLen() - 1, 0, b.seqLen() + 3};
                float[] some = dev.logitsAt(b, chosen);
                float[] refSome = new float[chosen.length * vocab];
                for (int i = 0; i < chosen.length; i++) System.arraycopy(ref, chosen[i] * vocab, refSome, i * vocab, vocab);
                record(label, DeviceTransformerTest.relError(refSome, some), label + " chosen logits of " + b);
                // The head on fewer rows is the same product row by row.
                for (int i = 0; i < chosen.length; i++) {
                    assertArrayEquals(Arrays.copyOfRange(all, chosen[i] * vocab, (chosen[i] + 1) * vocab),
                            Arrays.copyOfRange(some, i * vocab, (i + 1) * vocab), 1e-5f, label + " chosen token " + chosen[i]);
                }
            }
        }
    }

    private static void record(String label, double error, String what) {
        worst.merge(label, error, Math::max);
        assertTrue(error <= TOLERANCE, () -> what + ": relative error " + error + " above " + TOLERANCE);
    }
}
