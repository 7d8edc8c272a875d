package org.symtune.tuning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.RelativeError;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.LossOps;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.Devices;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.io.Json;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.tuning.optim.Adafactor;
import org.symtune.tuning.optim.AdafactorConfig;
import org.symtune.tuning.optim.OptimizerState;
import org.symtune.tuning.optim.Param;

/**
 * Training steps on the OpenCL device against the CPU: one step's loss, gradient norm and every gradient,
 * the weights after each of two Adafactor steps with gradient clipping, the optimizer state in the CPU's
 * format (and each side continuing from the other's), and whole {@code symtune train} runs on batch-file
 * data whose final weights match the CPU run's, including a run that moves from the device to the CPU at a
 * checkpoint. Skipped without an OpenCL device unless {@code SYMTUNE_REQUIRE_OPENCL=1} (CI).
 */
class DeviceTrainingTest {
    private static final double TOLERANCE = 1e-4;
    private static final Map<String, Double> worst = new TreeMap<>();

    @BeforeAll
    static void requireDevice() {
        try {
            Devices.open("opencl").close();
        } catch (GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
        }
    }

    @AfterAll
    static void report() {
        StringBuilder s = new StringBuilder("device training: largest relative error per quantity\n");
        worst.forEach((k, v) -> s.append(String.format("  %-22s %.2e%n", k, v)));
        System.out.print(s);
    }

    @Test
    void twoClippedAdafactorStepsMatchTheCpu() {
        TransformerConfig config = TransformerConfig.palm(97, 32, 32, 2, 4, 48);
        Transformer cpu = Transformer.initialize(config, 5);
        Transformer host = Transformer.initialize(config, 5);
        AdafactorConfig adafactor = AdafactorConfig.builder().learningRate(1e-2).build();
        Adafactor cpuOptimizer = adafactor.create();
        List<Param> params = new ArrayList<>();
        cpu.parameters().forEach((name, v) -> params.add(Param.of(name, v)));
        double clip = 0.05;
        try (DeviceTraining device = DeviceTraining.open("opencl", host, adafactor.create())) {
            for (int step = 1; step <= 2; step++) {
                Batch[] micro = {batch(config.vocabSize(), 10 * step), batch(config.vocabSize(), 10 * step + 1)};
                double total = 0;
                for (Batch b : micro) total += LossOps.weightSum(b.targets(), b.weights());
                for (int i = 0; i < micro.length; i++) {
                    double share = LossOps.weightSum(micro[i].targets(), micro[i].weights()) / total;
                    Tape tape = Tape.training(Backends.scalar());
                    Var loss = cpu.loss(tape, micro[i], 0);
                    tape.backward(loss, Tensor.scalar((float) share));
                    double got = device.model().lossAndGradients(micro[i], 0, (float) share);
                    record("loss", Math.abs(got - loss.value().toArray()[0]) / loss.value().toArray()[0]);
                }
                double norm = 0;
                for (Param p : params) for (float g : p.grad().toArray()) norm += (double) g * g;
                norm = Math.sqrt(norm);
                if (step == 1) {
                    for (Param p : params) record("gradients", relError(p.grad().toArray(), device.model().downloadGradient(p.name())));
                }
                double deviceNorm = device.model().gradientNorm();
                record("gradient norm", Math.abs(deviceNorm - norm) / norm);
                assertTrue(norm > clip, "the test must exercise clipping: norm " + norm);
                float factor = (float) (clip / (norm + 1e-6));
                for (Param p : params) {
                    float[] g = p.grad().data();
                    for (int i = 0; i < p.numel(); i++) g[p.grad().offset() + i] *= factor;
                }
                device.model().scaleGradients((float) (clip / (deviceNorm + 1e-6)));
                cpuOptimizer.step(params);
                cpu.zeroGrad();
                device.update();
                for (Param p : params) record("weights", relError(p.value().toArray(), device.model().downloadWeight(p.name())));
            }
            OptimizerState onDevice = device.optimizer().saveState();
            OptimizerState onCpu = cpuOptimizer.saveState();
            assertEquals(onCpu.tensors().keySet(), onDevice.tensors().keySet(), "the same state tensors");
            assertEquals(onCpu.scalars(), onDevice.scalars(), "the same step and config");
            onCpu.tensors().forEach((name, t) -> {
                assertTrue(java.util.Arrays.equals(t.shape(), onDevice.tensors().get(name).shape()), name);
                record("optimizer state", relError(t.toArray(), onDevice.tensors().get(name).toArray()));
            });

            // Each side continues from the other's state: the CPU from the device's, the device from the CPU's.
            Adafactor fromDevice = adafactor.create();
            fromDevice.loadState(onDevice);
            device.optimizer().loadState(onCpu);
            device.model().downloadInto(host);
            List<Param> hostParams = new ArrayList<>();
            host.parameters().forEach((name, v) -> hostParams.add(Param.of(name, v)));
            Batch b = batch(config.vocabSize(), 99);
            Tape tape = Tape.training(Backends.scalar());
            tape.backward(host.loss(tape, b, 0), Tensor.scalar(1f));
            device.model().lossAndGradients(b, 0, 1f);
            fromDevice.step(hostParams);
            device.update();
            for (Param p : hostParams) record("swapped state", relError(p.value().toArray(), device.model().downloadWeight(p.name())));
        }
    }

    @Test
    void aTrainRunOnTheDeviceEndsWithTheCpuRunsWeights(@TempDir Path dir) throws Exception {
        Path batches = writeBatchFile(dir.resolve("batches.json"), 8, 12, 300);
        TrainJob.Outcome cpu = TrainJob.start(Runs.parse(batchFileConfig(batches, dir.resolve("cpu"))), "cpu.json", TrainJob.Options.quiet());
        TrainJob.Outcome dev = TrainJob.start(Runs.parse(batchFileConfig(batches, dir.resolve("opencl"))), "opencl.json",
                TrainJob.Options.quiet().withBackend("opencl"));
        assertEquals("opencl", Json.parseObject(Files.readString(dev.run().config()), "config.json").get("backend"));
        assertClose("final weights", Runs.finalModel(cpu.run().dir()), Runs.finalModel(dev.run().dir()));
        assertClose(cpu.result().lastLoss(), dev.result().lastLoss(), "last loss");
        assertClose(cpu.result().lastEvalLoss(), dev.result().lastEvalLoss(), "held-out loss");

        // Two steps on the device, the rest on the CPU from its checkpoint: the checkpoint formats agree.
        Path moved = dir.resolve("moved");
        TrainJob.start(Runs.parse(batchFileConfig(batches, moved)), "moved.json", TrainJob.Options.quiet().withBackend("opencl").withStopAfter(2));
        TrainJob.Outcome resumed = TrainJob.resume(moved, null, null, TrainJob.Options.quiet().withBackend("cpu"));
        assertTrue(resumed.result().finished());
        assertClose("weights after moving to the CPU", Runs.finalModel(cpu.run().dir()), Runs.finalModel(moved));
    }

    @Test
    void anOptimizerTheDeviceDoesNotRunIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Path batches = writeBatchFile(dir.resolve("batches.json"), 4, 12, 300);
        Map<String, Object> c = batchFileConfig(batches, dir.resolve("run"));
        c.put("optimizer", new LinkedHashMap<>(Map.of("type", "adamw")));
        c.put("backend", "opencl");
        ConfigException e = assertThrows(ConfigException.class, () -> TrainJob.start(Runs.parse(c), "adamw.json", TrainJob.Options.quiet()));
        assertTrue(e.getMessage().contains("backend") && e.getMessage().contains("Adafactor only") && e.getMessage().contains("adamw"),
                e.getMessage());
    }

    /** Four steps of two micro-batches on the tiny PaLM model with dropout, clipping and held-out evaluation. */
    private static Map<String, Object> batchFileConfig(Path batches, Path runDir) {
        Map<String, Object> c = Runs.pretrainConfig(batches, runDir, 4);
        c.remove("tokenizer");
        c.put("data", new LinkedHashMap<>(Map.of("type", "batch_file", "path", batches.toString(), "eval_path", batches.toString())));
        c.put("optimizer", new LinkedHashMap<>(Map.of("type", "adafactor", "learning_rate", 1e-2)));
        c.put("seq_len", 12L);
        return c;
    }

    /** Rows of random ids with next-token targets, some ignored. */
    private static Path writeBatchFile(Path file, int rows, int seqLen, int vocab) throws Exception {
        Rng rng = new Rng(3);
        List<List<Long>> ids = new ArrayList<>(), targets = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Long> row = new ArrayList<>(), target = new ArrayList<>();
            for (int t = 0; t < seqLen; t++) row.add((long) rng.nextInt(vocab));
            for (int t = 0; t < seqLen; t++) target.add(t + 1 < seqLen && t % 5 != 2 ? row.get(t + 1) : -1L);
            ids.add(row);
            targets.add(target);
        }
        Files.writeString(file, Json.write(Map.of("input_ids", ids, "targets", targets)));
        return file;
    }

    /** Two packed rows of 16 tokens: two segments each, restarting positions, weights and ignored targets. */
    private static Batch batch(int vocab, long seed) {
        Rng rng = new Rng(seed);
        int rows = 2, seqLen = 16, n = rows * seqLen;
        int[] ids = new int[n], targets = new int[n], segments = new int[n], positions = new int[n];
        float[] weights = new float[n];
        for (int r = 0; r < rows; r++) {
            int cut = 4 + rng.nextInt(8);
            for (int t = 0; t < seqLen; t++) {
                int i = r * seqLen + t;
                segments[i] = t < cut ? 1 : 2;
                positions[i] = t < cut ? t : t - cut;
                ids[i] = rng.nextInt(vocab);
                targets[i] = t == cut - 1 || t == seqLen - 1 || rng.nextInt(4) == 0 ? -1 : rng.nextInt(vocab);
                weights[i] = rng.nextInt(6) == 0 ? 0f : 1f;
            }
        }
        return new Batch(rows, seqLen, ids, targets, weights, segments, positions);
    }

    private static void assertClose(String what, Transformer ref, Transformer got) {
        for (Map.Entry<String, Var> e : ref.parameters().entrySet()) {
            double error = relError(e.getValue().value().toArray(), got.param(e.getKey()).value().toArray());
            worst.merge(what, error, Math::max);
            assertTrue(error <= TOLERANCE, what + ": parameter " + e.getKey() + " differs by " + error + " relative");
        }
    }

    private static void assertClose(double ref, double got, String what) {
        double error = Math.abs(got - ref) / Math.abs(ref);
        worst.merge(what, error, Math::max);
        assertTrue(error <= TOLERANCE, what + ": " + got + " vs " + ref);
    }

    private static void record(String what, double error) {
        worst.merge(what, error, Math::max);
        assertTrue(error <= TOLERANCE, what + ": relative error " + error + " above " + TOLERANCE);
    }

    private static double relError(float[] ref, float[] got) {
        assertEquals(ref.length, got.length);
        return RelativeError.of(ref, got);
    }
}
