package org.symtune.model.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symtune.core.RelativeError;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.TransformerConfig.Block;
import org.symtune.model.TransformerConfig.Mlp;
import org.symtune.model.TransformerConfig.Norm;
import org.symtune.model.TransformerConfig.Positions;

/**
 * The device transformer's loss and every parameter gradient against {@link Transformer#loss} on the CPU's
 * scalar reference backend, over two accumulated micro-batches of packed rows (segments, restarting positions,
 * weights, ignored targets), for PaLM, GPT-2 and Llama shaped configs, with and without dropout. Runs on the
 * OpenCL device and is skipped without one (unless {@code SYMTUNE_REQUIRE_OPENCL=1}, as in CI).
 */
class DeviceTransformerTest {
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
        OpenClFixture.reportAndClose("device transformer", device, worst);
    }

    static TransformerConfig palm(double dropout) {
        return TransformerConfig.palm(97, 32, 32, 2, 4, 48).withDropout(dropout);
    }

    static TransformerConfig gpt2(double dropout) {
        return new TransformerConfig("gpt2", 83, 32, 32, 2, 4, 4, 8, 64, Positions.LEARNED, 10000.0, Norm.LAYER_NORM, 1e-5,
                Mlp.GELU_TANH, Block.SEQUENTIAL, true, true, 1.0, dropout);
    }

    static TransformerConfig llama() {
        return new TransformerConfig("llama", 71, 32, 32, 2, 4, 2, 8, 40, Positions.ROTARY, 500000.0, Norm.RMS_NORM, 1e-5,
                Mlp.SWIGLU, Block.SEQUENTIAL, false, false, 1.0, 0.0);
    }

    @Test
    void palmMatchesTheCpu() {
        compare("palm", palm(0));
    }

    @Test
    void palmWithDropoutMatchesTheCpu() {
        compare("palm+dropout", palm(0.2));
    }

    @Test
    void gpt2MatchesTheCpu() {
        compare("gpt2+dropout", gpt2(0.1));
    }

    @Test
    void llamaMatchesTheCpu() {
        compare("llama", llama());
    }

    @Test
    void forwardOnlyLossMatchesAnInferenceTape() {
        Transformer cpu = Transformer.initialize(palm(0.3), 9);
        Batch b = packedBatch(cpu.config().vocabSize(), 3, 12, 5);
        double ref = cpu.loss(Tape.inference(Backends.scalar()), b, 0).value().toArray()[0];
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            double got = dev.loss(b);
            assertTrue(Math.abs(got - ref) <= TOLERANCE * Math.abs(ref), "loss " + got + " vs " + ref);
        }
    }

    @Test
    void badInputIsRefusedWithItsPosition() {
        Transformer cpu = Transformer.initialize(palm(0), 1);
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            Batch b = packedBatch(cpu.config().vocabSize(), 1, 8, 2);
            b.inputIds()[3] = 500;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.lossAndGradients(b, 0, 1f));
            assertTrue(e.getMessage().contains("position 3"), e.getMessage());
        }
    }

    private static void compare(String label, TransformerConfig config) {
        Transformer cpu = Transformer.initialize(config, 42);
        Batch first = packedBatch(config.vocabSize(), 2, 16, 1);
        Batch second = packedBatch(config.vocabSize(), 2, 16, 2);
        float[] shares = {0.4f, 0.6f};
        long[] seeds = {77, 78};
        double[] refLoss = new double[2];
        Batch[] batches = {first, second};
        for (int i = 0; i < 2; i++) {
            Tape tape = Tape.training(Backends.scalar());
            Var loss = cpu.loss(tape, batches[i], seeds[i]);
            refLoss[i] = loss.value().toArray()[0];
            tape.backward(loss, Tensor.scalar(shares[i]));
        }
        try (DeviceTransformer dev = DeviceTransformer.upload(cpu, ops)) {
            dev.zeroGradients();
            for (int i = 0; i < 2; i++) {
                double got = dev.lossAndGradients(batches[i], seeds[i], shares[i]);
                record(label, Math.abs(got - refLoss[i]) / Math.abs(refLoss[i]), label + " loss " + i + ": " + got + " vs " + refLoss[i]);
            }
            double norm = 0;
            for (Var v : cpu.parameters().values()) for (float g : v.grad().toArray()) norm += (double) g * g;
            norm = Math.sqrt(norm);
            for (Map.Entry<String, Var> e : cpu.parameters().entrySet()) {
                float[] ref = e.getValue().grad().toArray();
                float[] got = dev.downloadGradient(e.getKey());
                // The key bias shifts every score of a query equally, so softmax cancels it: its true gradient is 0 and
                // both sides hold rounding noise, measured against the whole gradient instead.
                double error = e.getKey().endsWith("attn.k.bias") ? difference(ref, got) / norm : relError(ref, got);
                record(label, error, label + " gradient of " + e.getKey());
            }
            record(label, Math.abs(dev.gradientNorm() - norm) / norm, label + " gradient norm");
        }
    }

    private static void record(String label, double error, String what) {
        worst.merge(label, error, Math::max);
        assertTrue(error <= TOLERANCE, () -> what + ": relative error " + error + " above " + TOLERANCE);
    }

    /** Rows packed with two or three examples each: segment ids, positions restarting at 0, some ignored targets and weights. */
    static Batch packedBatch(int vocab, int rows, int seqLen, long seed) {
        Rng rng = new Rng(seed);
        int n = rows * seqLen;
        int[] ids = new int[n], targets = new int[n], segments = new int[n], positions = new int[n];
        float[] weights = new float[n];
        for (int r = 0; r < rows; r++) {
            int cut = 3 + rng.nextInt(seqLen - 6);
            for (int t = 0; t < seqLen; t++) {
                int i = r * seqLen + t;
                int seg = t < cut ? 1 : 2;
                segments[i] = seg;
                positions[i] = seg == 1 ? t : t - cut;
                ids[i] = rng.nextInt(vocab);
                boolean lastOfSegment = t == cut - 1 || t == seqLen - 1;
                targets[i] = lastOfSegment || rng.nextInt(5) == 0 ? -1 : rng.nextInt(vocab);
                weights[i] = rng.nextInt(7) == 0 ? 0f : 0.5f + rng.nextInt(3) * 0.25f;
            }
        }
        return new Batch(rows, seqLen, ids, targets, weights, segments, positions);
    }

    static double difference(float[] ref, float[] got) {
        double num = 0;
        for (int i = 0; i < ref.length; i++) num += ((double) got[i] - ref[i]) * ((double) got[i] - ref[i]);
        return Math.sqrt(num);
    }

    static double relError(float[] ref, float[] got) {
        assertEquals(ref.length, got.length);
        return RelativeError.of(ref, got);
    }
}
