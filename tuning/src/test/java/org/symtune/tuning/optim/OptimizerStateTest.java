package org.symtune.tuning.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.Tensor;
import org.symtune.core.io.SafetensorsWriter;

/** Saving and loading optimizer state: a resumed optimizer continues bit-identically; bad state is refused by name. */
class OptimizerStateTest {
    @TempDir
    Path dir;

    private static List<Param> model() {
        return List.of(TestParams.random("h.0.attn.weight", 1, 0.5, 12, 7), TestParams.random("h.0.attn.bias", 2, 0.5, 7),
                TestParams.random("stack", 3, 0.5, 2, 3, 4), TestParams.random("scalar", 4, 0.5));
    }

    private void assertResumesBitIdentically(OptimizerConfig config) throws Exception {
        List<Param> a = model();
        Optimizer first = config.create();
        for (int t = 1; t <= 3; t++) {
            TestParams.randomGrads(a, 100 + t, t == 2 ? 30.0 : 0.1);
            first.step(a);
        }
        Path file = dir.resolve(config.type() + ".safetensors");
        first.saveState().write(file);
        OptimizerState loaded = OptimizerState.read(file);
        assertEquals(3, loaded.step());
        assertEquals(config.type(), loaded.optimizer());

        List<Param> b = TestParams.copy(a);
        Optimizer resumed = config.create();
        resumed.loadState(loaded);
        assertEquals(3, resumed.stepCount());
        assertEquals(first.stateBytes(), resumed.stateBytes());
        for (int t = 4; t <= 6; t++) {
            TestParams.randomGrads(a, 100 + t, t == 5 ? 30.0 : 0.1);
            TestParams.randomGrads(b, 100 + t, t == 5 ? 30.0 : 0.1);
            first.step(a);
            resumed.step(b);
            assertTrue(TestParams.bitIdentical(a, b), config.type() + ": step " + t + " differs after resuming");
        }
        Map<String, Tensor> s1 = first.saveState().tensors();
        Map<String, Tensor> s2 = resumed.saveState().tensors();
        assertEquals(s1.keySet(), s2.keySet());
        for (String k : s1.keySet()) {
            assertTrue(java.util.Arrays.equals(s1.get(k).toArray(), s2.get(k).toArray()), "state " + k);
        }
    }

    @Test
    void adafactorWithMomentumResumesBitIdentically() throws Exception {
        assertResumesBitIdentically(AdafactorConfig.builder().beta1(0.9).weightDecay(0.01).build());
    }

    @Test
    void adafactorDefaultsResumeBitIdentically() throws Exception {
        assertResumesBitIdentically(AdafactorConfig.defaults());
    }

    @Test
    void adamWWithAmsgradResumesBitIdentically() throws Exception {
        assertResumesBitIdentically(AdamWConfig.defaults().withAmsgrad(true).withLearningRate(new CosineSchedule(1e-2, 1e-4, 2, 10)));
    }

    @Test
    void stateNamesFollowHuggingFace() {
        Adafactor opt = AdafactorConfig.builder().beta1(0.9).build().create();
        List<Param> params = model();
        TestParams.randomGrads(params, 9, 0.1);
        opt.step(params);
        OptimizerState s = opt.saveState();
        assertEquals(List.of("h.0.attn.weight.exp_avg_sq_row", "h.0.attn.weight.exp_avg_sq_col", "h.0.attn.weight.exp_avg",
                "h.0.attn.bias.exp_avg_sq", "h.0.attn.bias.exp_avg", "stack.exp_avg_sq_row", "stack.exp_avg_sq_col", "stack.exp_avg",
                "scalar.exp_avg_sq", "scalar.exp_avg"), List.copyOf(s.tensors().keySet()));
        assertTrue(java.util.Arrays.equals(new int[] {12}, s.tensors().get("h.0.attn.weight.exp_avg_sq_row").shape()));
        assertTrue(java.util.Arrays.equals(new int[] {7}, s.tensors().get("h.0.attn.weight.exp_avg_sq_col").shape()));
        assertTrue(java.util.Arrays.equals(new int[] {2, 3}, s.tensors().get("stack.exp_avg_sq_row").shape()));
        assertTrue(java.util.Arrays.equals(new int[] {2, 4}, s.tensors().get("stack.exp_avg_sq_col").shape()));
        assertEquals(1L, s.scalars().get("step"));
        assertEquals("adafactor", s.scalars().get("optimizer"));
    }

    @Test
    void mismatchesAreReportedByName() {
        Adafactor opt = AdafactorConfig.defaults().create();
        List<Param> params = model();
        TestParams.randomGrads(params, 9, 0.1);
        opt.step(params);
        OptimizerState state = opt.saveState();

        Adafactor other = AdafactorConfig.defaults().create();
        other.loadState(state);
        List<Param> renamed = List.of(params.get(0), params.get(1), params.get(2), TestParams.random("other", 1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.step(renamed));
        assertTrue(e.getMessage().contains("no state for [other]") && e.getMessage().contains("[scalar]"), e.getMessage());

        List<Param> reshaped = List.of(TestParams.random("h.0.attn.weight", 1, 0.5, 7, 12), params.get(1), params.get(2), params.get(3));
        e = assertThrows(IllegalArgumentException.class, () -> other.step(reshaped));
        assertTrue(e.getMessage().contains("h.0.attn.weight.exp_avg_sq_row"), e.getMessage());

        Adafactor unfactored = AdafactorConfig.builder().factored(false).build().create();
        unfactored.loadState(state);
        e = assertThrows(IllegalArgumentException.class, () -> unfactored.step(params));
        assertTrue(e.getMessage().contains("h.0.attn.weight") && e.getMessage().contains("exp_avg_sq_row"), e.getMessage());

        AdamW adam = AdamWConfig.defaults().create();
        e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(state));
        assertTrue(e.getMessage().contains("adafactor"), e.getMessage());

        Map<String, Tensor> odd = new LinkedHashMap<>(state.tensors());
        odd.put("h.0.attn.weight.momentum", Tensor.zeros(12, 7));
        e = assertThrows(IllegalArgumentException.class, () -> other.loadState(new OptimizerState(odd, state.scalars())));
        assertTrue(e.getMessage().contains("h.0.attn.weight.momentum"), e.getMessage());

        Map<String, Object> later = new LinkedHashMap<>(state.scalars());
        later.put("step", 3L);
        e = assertThrows(IllegalArgumentException.class, () -> other.loadState(new OptimizerState(Map.of(), later)));
        assertTrue(e.getMessage().equals("adafactor: the state after 3 steps holds no tensors"), e.getMessage());
        later.put("optimizer", AdamW.NAME);
        e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(new OptimizerState(Map.of(), later)));
        assertTrue(e.getMessage().equals("adamw: the state after 3 steps holds no tensors"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> other.step(List.of(params.get(0), params.get(0), params.get(1), params.get(2), params.get(3))));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void readingAFileWithoutOptimizerMetadataFails() throws Exception {
        Path file = dir.resolve("weights.safetensors");
        new SafetensorsWriter().add("w", Tensor.zeros(2, 2)).write(file);
        IOException e = assertThrows(IOException.class, () -> OptimizerState.read(file));
        assertTrue(e.getMessage().contains("not an optimizer state file"), e.getMessage());
    }

    @Test
    void paramChecksShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Param("w", Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Param("w", Tensor.zeros(2, 3).transpose(0, 1), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
    }
}
