package org.symtune.tuning.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.io.Json;
import org.symtune.model.HfConfigs;
import org.symtune.model.TransformerConfig;
import org.symtune.model.checkpoint.TensorLayout;

/** Parameters stepped as fused tensors: the same as stepping the concatenation, state included. */
class FusingOptimizerTest {
    private static final Map<String, List<String>> QKV = Map.of("qkv.weight", List.of("q.weight", "k.weight", "v.weight"),
            "qkv.bias", List.of("q.bias", "k.bias", "v.bias"));

    /** q, k, v of different scales (so fusing changes Adafactor's statistics), their biases, and one other matrix. */
    private static List<Param> params() {
        return List.of(TestParams.random("q.weight", 1, 0.5, 4, 3), TestParams.random("k.weight", 2, 2.0, 4, 3),
                TestParams.random("v.weight", 3, 0.1, 4, 3), TestParams.random("q.bias", 4, 0.5, 4),
                TestParams.random("k.bias", 5, 0.05, 4), TestParams.random("v.bias", 6, 1.0, 4), TestParams.random("o.weight", 7, 0.3, 3, 4));
    }

    /** The same values as {@code params()} with q|k|v concatenated into one weight and one bias. */
    private static List<Param> concatenated(List<Param> p) {
        return List.of(concat("qkv.weight", p.subList(0, 3)), concat("qkv.bias", p.subList(3, 6)), TestParams.copy(p.subList(6, 7)).get(0));
    }

    private static Param concat(String name, List<Param> parts) {
        int rows = 0;
        for (Param p : parts) rows += p.shape()[0];
        int[] shape = parts.get(0).shape().clone();
        shape[0] = rows;
        Param out = new Param(name, Tensor.zeros(shape), Tensor.zeros(shape));
        int at = 0;
        for (Param p : parts) {
            System.arraycopy(p.value().toArray(), 0, out.value().data(), at, p.numel());
            System.arraycopy(p.grad().toArray(), 0, out.grad().data(), at, p.numel());
            at += p.numel();
        }
        return out;
    }

    private static AdafactorConfig adafactor() {
        return AdafactorConfig.builder().learningRate(1e-2).beta1(0.9).weightDecay(0.01).build();
    }

    @Test
    void adafactorOnFusedMembersIsAdafactorOnTheirConcatenation() {
        List<Param> members = params();
        Optimizer fused = new FusingOptimizer(adafactor().create(), QKV);
        Optimizer plain = adafactor().create();
        Optimizer separate = adafactor().create();
        List<Param> apart = TestParams.copy(members);
        for (int t = 1; t <= 4; t++) {
            TestParams.randomGrads(members, 100 + t, t % 2 == 0 ? 5.0 : 0.2);
            TestParams.randomGrads(apart, 100 + t, t % 2 == 0 ? 5.0 : 0.2);
            List<Param> whole = concatenated(members);
            fused.step(members);
            plain.step(whole);
            separate.step(apart);
            assertTrue(TestParams.bitIdentical(concatenated(members), whole), "step " + t + ": fused members = the concatenation");
        }
        assertFalse(TestParams.bitIdentical(members, apart), "fusing changes Adafactor's per-tensor statistics");
        assertEquals(4, fused.stepCount());
        assertEquals(plain.saveState().tensors().keySet(), fused.saveState().tensors().keySet(), "state keyed by the fused names");
    }

    @Test
    void anElementWiseOptimizerGivesTheSameResultFusedOrNot() {
        List<Param> a = params();
        List<Param> b = TestParams.copy(a);
        Optimizer fused = new FusingOptimizer(AdamWConfig.defaults().create(), QKV);
        Optimizer plain = AdamWConfig.defaults().create();
        for (int t = 1; t <= 3; t++) {
            TestParams.randomGrads(a, t, 1.0);
            TestParams.randomGrads(b, t, 1.0);
            fused.step(a);
            plain.step(b);
        }
        assertTrue(TestParams.bitIdentical(a, b));
    }

    @Test
    void savedStateContinuesBitForBit() {
        List<Param> a = params();
        Optimizer first = new FusingOptimizer(adafactor().create(), QKV);
        TestParams.randomGrads(a, 11, 1.0);
        first.step(a);
        List<Param> b = TestParams.copy(a);
        Optimizer resumed = new FusingOptimizer(adafactor().create(), QKV);
        resumed.loadState(first.saveState());
        for (int t = 2; t <= 3; t++) {
            TestParams.randomGrads(a, 10 + t, 1.0);
            TestParams.randomGrads(b, 10 + t, 1.0);
            first.step(a);
            resumed.step(b);
        }
        assertTrue(TestParams.bitIdentical(a, b));
        Optimizer unfused = adafactor().create();
        unfused.loadState(first.saveState());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unfused.step(params()));
        assertTrue(e.getMessage().contains("no state for"), e.getMessage());
    }

    @Test
    void badGroupsAreNamed() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new FusingOptimizer(adafactor().create(),
                Map.of("a", List.of("q.weight"), "b", List.of("q.weight", "k.weight"))));
        assertTrue(twice.getMessage().contains("'q.weight' is fused into both"), twice.getMessage());

        Optimizer missing = new FusingOptimizer(adafactor().create(), Map.of("qk", List.of("q.weight", "x.weight")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> missing.step(params()));
        assertTrue(e.getMessage().contains("'qk': its member 'x.weight' is not among the parameters"), e.getMessage());

        Optimizer mixed = new FusingOptimizer(adafactor().create(), Map.of("wb", List.of("q.weight", "o.weight")));
        e = assertThrows(IllegalArgumentException.class, () -> mixed.step(params()));
        assertTrue(e.getMessage().contains("member 'o.weight' has shape [3, 4]"), e.getMessage());

        Optimizer absent = new FusingOptimizer(adafactor().create(), Map.of("z", List.of("z1", "z2")));
        e = assertThrows(IllegalArgumentException.class, () -> absent.step(params()));
        assertTrue(e.getMessage().contains("[z] have none of their members"), e.getMessage());
    }

    @Test
    void gpt2CheckpointsFuseQkvAndLlamaOnesNothing() {
        TransformerConfig gpt2 = HfConfigs.fromHf(Json.parseObject("{\"model_type\": \"gpt2\", \"vocab_size\": 32, \"n_positions\": 8, "
                + "\"n_embd\": 8, \"n_layer\": 2, \"n_head\": 2}", "gpt2"), "gpt2");
        Map<String, List<String>> groups = FusingOptimizer.groupsOf(TensorLayout.huggingFace(gpt2));
        assertEquals(List.of("transformer.h.0.attn.c_attn.weight", "transformer.h.0.attn.c_attn.bias", "transformer.h.1.attn.c_attn.weight",
                "transformer.h.1.attn.c_attn.bias"), new ArrayList<>(groups.keySet()));
        assertEquals(List.of("layers.1.attn.q.bias", "layers.1.attn.k.bias", "layers.1.attn.v.bias"), groups.get("transformer.h.1.attn.c_attn.bias"));
        assertTrue(FusingOptimizer.groupsOf(TensorLayout.symtune(gpt2)).isEmpty());

        TransformerConfig llama = HfConfigs.fromHf(Json.parseObject("{\"model_type\": \"llama\", \"vocab_size\": 32, \"hidden_size\": 8, "
                + "\"intermediate_size\": 16, \"num_hidden_layers\": 1, \"num_attention_heads\": 2}", "llama"), "llama");
        Optimizer inner = adafactor().create();
        assertSame(inner, FusingOptimizer.forLayout(inner, TensorLayout.huggingFace(llama)));
    }
}
