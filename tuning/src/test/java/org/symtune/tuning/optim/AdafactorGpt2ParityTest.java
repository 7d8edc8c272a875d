package org.symtune.tuning.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.core.io.SafetensorsReader;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.checkpoint.Checkpoint;
import org.symtune.tuning.train.FixedBatches;
import org.symtune.tuning.train.MetricsLog;
import org.symtune.tuning.train.TrainConfig;
import org.symtune.tuning.train.TrainJob;

/**
 * Issue 5: starting from a small Hugging Face GPT-2 checkpoint, three Adafactor steps on a fixed batch
 * give the weights PyTorch + transformers' Adafactor gives, within 1e-5 relative. The fixture
 * ({@code optim/adafactor-gpt2}, written by {@code tuning/src/test/python/adafactor_gpt2_reference.py},
 * which says how to regenerate it) holds the checkpoint, the batch, and per case the float32 PyTorch
 * weights after three steps and the loss of each step.
 *
 * <p>Relative error of a tensor: {@code max|ours - reference| / max|reference|}, over the tensors as the
 * checkpoint stores them (GPT-2 names and layouts, c_attn fused). Measured (the tests print it): the
 * worst tensor is off by 5.9e-7 (hf_defaults), 7.0e-7 (fixed_lr) and 7.5e-7 (fixed_lr_no_clipping),
 * and by 9.4e-7 through {@code symtune train}; the losses of the three steps agree within 1e-5 relative.
 * For scale, the PyTorch reference's own float32 rounding (its distance from a float64 run of the
 * same script) is 4.6e-7 to 7.8e-7. Without fusing q|k|v as GPT-2 stores them the error is 1.5e-2 to
 * 4e-2 (see {@link FusingOptimizer}).
 *
 * <p>The key bias. The loss does not depend on the key third of {@code c_attn.bias} (softmax is shift
 * invariant), so its exact gradient is 0 and both frameworks compute rounding noise there, which
 * Adafactor turns into full steps of random sign; through the parameter RMS and update RMS of the fused
 * tensor this moves every weight by up to ~1e-4 (the script measures it between two float32 PyTorch
 * runs). The reference therefore uses the exact gradient 0, and so does {@link #threeStepsMatchPyTorch};
 * the {@code symtune train} test keeps our noise and uses the case without parameter scaling or
 * clipping, where nothing couples those elements to the rest.
 */
class AdafactorGpt2ParityTest {
    private static final double TOLERANCE = 1e-5;
    private static final int STEPS = 3;

    /** The fixture folder, from the test classpath. */
    private static Path fixture() {
        URL url = AdafactorGpt2ParityTest.class.getResource("/optim/adafactor-gpt2/inputs.json");
        if (url == null) throw new IllegalStateException("test resource /optim/adafactor-gpt2 is missing");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One case of the fixture: its expected stored tensors, per-step losses and optimizer config. */
    private record Expected(Map<String, float[]> tensors, float[] losses, Map<String, Object> optimizerJson) {
        static Expected read(String name) throws IOException {
            try (SafetensorsReader r = SafetensorsReader.open(fixture().resolve(name + ".safetensors"))) {
                Map<String, float[]> tensors = new LinkedHashMap<>();
                for (String n : r.names()) if (!n.equals("loss")) tensors.put(n, r.read(n).toArray());
                assertEquals("exact (0)", r.metadata().get("key_bias_gradient"));
                Map<String, Object> optimizer = Json.parseObject(r.metadata().get("symtune_optimizer"), name + " metadata");
                return new Expected(tensors, r.read("loss").toArray(), optimizer);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hf_defaults", "fixed_lr", "fixed_lr_no_clipping"})
    void threeStepsMatchPyTorch(String name) throws IOException {
        Expected want = Expected.read(name);
        Checkpoint ck = Checkpoint.load(fixture().resolve("model"));
        Transformer model = ck.model();
        FixedBatches rows = FixedBatches.read(fixture().resolve("inputs.json"));
        Batch batch = rows.asBatches(rows.rowCount()).get(0);
        AdafactorConfig config = AdafactorConfig.fromJson(want.optimizerJson());
        Optimizer opt = FusingOptimizer.forLayout(config.create(), ck.layout());
        assertEquals(List.of("transformer.h.0.attn.c_attn.weight", "transformer.h.0.attn.c_attn.bias",
                "transformer.h.1.attn.c_attn.weight", "transformer.h.1.attn.c_attn.bias"),
                List.copyOf(((FusingOptimizer) opt).groups().keySet()), "GPT-2 fuses q|k|v");
        List<Param> params = new ArrayList<>();
        model.parameters().forEach((n, v) -> params.add(Param.of(n, v)));

        float[] losses = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            Tape tape = Tape.training(Backends.best());
            Var loss = model.loss(tape, batch, 0);
            losses[s] = loss.value().toArray()[0];
            tape.backward(loss);
            // The exact gradient of the key bias, as in the reference (see the class comment).
            for (int l = 0; l < model.config().layers(); l++) model.param("layers." + l + ".attn.k.bias").grad().fill(0f);
            opt.step(params);
            model.zeroGrad();
        }
        assertLosses(name, want.losses(), losses);
        double worst = 0;
        for (Map.Entry<String, Tensor> e : stored(ck, model).entrySet()) {
            double err = relativeError(e.getValue().toArray(), want.tensors().get(e.getKey()));
            assertTrue(err <= TOLERANCE, name + ": " + e.getKey() + " off by " + err + " relative");
            worst = Math.max(worst, err);
        }
        assertEquals(want.tensors().keySet(), stored(ck, model).keySet());
        System.out.printf(Locale.ROOT, "adafactor gpt2 %-21s max relative weight error %.2e after %d steps%n", name, worst, STEPS);
    }

    /**
     * The same through {@code symtune train}: a batch_file run (two micro-batches per step) from the HF
     * checkpoint, whose final model is written back in the HF layout and compared tensor by tensor.
     */
    @Test
    void symtuneTrainReproducesPyTorchAndWritesTheHuggingFaceLayout(@TempDir Path dir) throws IOException {
        String name = "fixed_lr_no_clipping";
        Expected want = Expected.read(name);
        TrainJob.Outcome out = TrainJob.start(trainConfig(want.optimizerJson(), dir.resolve("run")), "adafactor-gpt2.json",
                TrainJob.Options.quiet());

        float[] losses = new float[STEPS];
        for (Map<String, Object> line : MetricsLog.read(out.run().metrics())) {
            if (line.containsKey("loss")) losses[((Long) line.get("step")).intValue() - 1] = ((Number) line.get("loss")).floatValue();
        }
        assertLosses(name, want.losses(), losses);
        Map<String, Object> config = Json.parseObject(Files.readString(out.finalModel().resolve("config.json")), "config.json");
        assertEquals("gpt2", config.get("model_type"));
        int d = ((Long) config.get("n_embd")).intValue();
        double worst = 0;
        try (SafetensorsReader r = SafetensorsReader.open(out.finalModel().resolve("model.safetensors"))) {
            assertEquals(List.copyOf(want.tensors().keySet()), r.names(), "the Hugging Face names, in save_pretrained's order");
            for (String n : r.names()) {
                float[] got = r.read(n).toArray();
                float[] ref = want.tensors().get(n);
                if (n.endsWith("attn.c_attn.bias")) {
                    // Our key-bias noise moved those elements (by at most 3 steps of about lr / sqrt(1 - beta2_t));
                    // the query and value thirds are compared like every other tensor.
                    for (int i = d; i < 2 * d; i++) assertTrue(Math.abs(got[i] - ref[i]) < 0.05, n + "[" + i + "] moved too far");
                    for (int i = d; i < 2 * d; i++) got[i] = ref[i];
                }
                double err = relativeError(got, ref);
                assertTrue(err <= TOLERANCE, "symtune train: " + n + " off by " + err + " relative");
                worst = Math.max(worst, err);
            }
        }
        System.out.printf(Locale.ROOT, "adafactor gpt2 symtune train %s: max relative weight error %.2e after %d steps%n", name, worst, STEPS);
    }

    /** A run stopped after its first step and resumed writes the same final model, byte for byte. */
    @Test
    void aResumedRunEndsWithTheSameWeights(@TempDir Path dir) throws IOException {
        Map<String, Object> optimizer = Expected.read("hf_defaults").optimizerJson();
        TrainJob.Outcome whole = TrainJob.start(trainConfig(optimizer, dir.resolve("whole")), "whole.json", TrainJob.Options.quiet());
        TrainJob.Outcome first = TrainJob.start(trainConfig(optimizer, dir.resolve("parts")), "parts.json",
                TrainJob.Options.quiet().withStopAfter(1));
        assertEquals(1, first.result().step());
        TrainJob.Outcome rest = TrainJob.resume(dir.resolve("parts"), null, null, TrainJob.Options.quiet());
        assertEquals(STEPS, rest.result().step());
        assertEquals(-1L, Files.mismatch(whole.finalModel().resolve("model.safetensors"), rest.finalModel().resolve("model.safetensors")));
    }

    /** A batch_file run of the fixture: the HF checkpoint, all four rows per step in two micro-batches. */
    private static TrainConfig trainConfig(Map<String, Object> optimizer, Path runDir) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", Map.of("checkpoint", fixture().resolve("model").toString()));
        c.put("data", Map.of("type", "batch_file", "path", fixture().resolve("inputs.json").toString()));
        c.put("optimizer", optimizer);
        c.put("batch_size", 4L);
        c.put("micro_batch_size", 2L);
        c.put("seq_len", 8L);
        c.put("steps", (long) STEPS);
        c.put("run_dir", runDir.toString());
        return TrainConfig.parse(Json.parseObject(Json.write(c), "test"), "adafactor-gpt2.json", runDir);
    }

    /** Our parameters in the checkpoint's stored names and layouts. */
    private static Map<String, Tensor> stored(Checkpoint ck, Transformer model) {
        Map<String, Tensor> canonical = new LinkedHashMap<>();
        model.parameters().forEach((n, v) -> canonical.put(n, v.value()));
        return ck.layout().toStored(canonical);
    }

    private static void assertLosses(String name, float[] want, float[] got) {
        for (int s = 0; s < STEPS; s++) {
            assertEquals(want[s], got[s], TOLERANCE * Math.abs(want[s]), name + ": loss of step " + (s + 1));
        }
    }

    /** {@code max|got - want| / max|want|}; NaN when {@code got} holds a NaN (which fails every tolerance). */
    static double relativeError(float[] got, float[] want) {
        assertEquals(want.length, got.length, "element count");
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            double e = Math.abs((double) got[i] - want[i]);
            if (Double.isNaN(e)) return Double.NaN;
            diff = Math.max(diff, e);
        }
        return diff / scale;
    }
}
