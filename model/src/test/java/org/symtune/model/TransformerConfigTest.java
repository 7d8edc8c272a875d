package org.symtune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.io.Json;

class TransformerConfigTest {

    /** Parameter count by walking the tensors a PaLM-style block holds, independent of parameterCount(). */
    private static long palmParamsByTensor(TransformerConfig c) {
        long d = c.dModel(), q = (long) c.heads() * c.headDim(), kv = (long) c.kvHeads() * c.headDim();
        long block = d            // the single RMSNorm of a parallel block
                + d * q + d * kv + d * kv + q * d   // wq, wk, wv, wo
                + d * c.mlpHidden() * 2 + c.mlpHidden() * d; // gate, up, down
        return c.layers() * block + c.vocabSize() * d + d; // + tied embedding + final norm
    }

    @Test
    void presetsHaveTheAdvertisedSizes() {
        TransformerConfig tiny = TransformerConfig.preset("tiny");
        TransformerConfig small = TransformerConfig.preset("small");
        TransformerConfig medium = TransformerConfig.preset("medium");
        for (TransformerConfig c : new TransformerConfig[] {tiny, small, medium}) {
            assertEquals(palmParamsByTensor(c), c.parameterCount());
            assertEquals(1, c.kvHeads());
            assertEquals(TransformerConfig.Block.PARALLEL, c.block());
            assertTrue(c.tiedEmbeddings());
            assertEquals(1 / Math.sqrt(c.dModel()), c.logitScale(), 1e-15);
        }
        assertTrue(tiny.parameterCount() > 0.8e6 && tiny.parameterCount() < 1.6e6, "tiny " + tiny.parameterCount());
        assertTrue(small.parameterCount() > 5e6 && small.parameterCount() < 9e6, "small " + small.parameterCount());
        assertTrue(medium.parameterCount() > 28e6 && medium.parameterCount() < 42e6, "medium " + medium.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> TransformerConfig.preset("huge"));
    }

    @Test
    void gpt2SmallParameterCountMatchesThePublishedFigure() {
        // GPT-2 small as configured on the model hub: 124,439,808 parameters (tied lm_head counted once).
        Map<String, Object> hf = Json.parseObject("{\"model_type\":\"gpt2\",\"vocab_size\":50257,\"n_positions\":1024,"
                + "\"n_embd\":768,\"n_layer\":12,\"n_head\":12,\"activation_function\":\"gelu_new\","
                + "\"layer_norm_epsilon\":1e-05}", "gpt2/config.json");
        TransformerConfig c = HfConfigs.fromHf(hf, "gpt2/config.json");
        assertEquals(124_439_808L, c.parameterCount());
        assertEquals(TransformerConfig.Mlp.GELU_TANH, c.mlp());
        assertEquals(3072, c.mlpHidden());
    }

    @Test
    void llamaConfigReadsGroupedHeadsAndRoundTrips() {
        Map<String, Object> hf = Json.parseObject("{\"model_type\":\"llama\",\"vocab_size\":128,\"hidden_size\":64,"
                + "\"intermediate_size\":176,\"num_hidden_layers\":2,\"num_attention_heads\":8,\"num_key_value_heads\":2,"
                + "\"rms_norm_eps\":1e-5,\"rope_theta\":500000.0,\"max_position_embeddings\":256}", "llama/config.json");
        TransformerConfig c = HfConfigs.fromHf(hf, "llama/config.json");
        assertEquals(2, c.kvHeads());
        assertEquals(8, c.headDim());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(c, HfConfigs.fromHf(HfConfigs.toHf(c), "roundtrip"));
    }

    @Test
    void ourJsonRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
        TransformerConfig c = TransformerConfig.preset("small").withDropout(0.1);
        Path f = dir.resolve("config.json");
        Files.writeString(f, Json.writePretty(c.toJson()));
        assertEquals(c, TransformerConfig.read(f));
    }

    @Test
    void smearedKeysRoundTripAndStayOutOfOlderConfigs(@TempDir Path dir) throws Exception {
        TransformerConfig plain = TransformerConfig.preset("tiny");
        assertFalse(plain.toJson().containsKey("smear_keys"), "configs without the option are written as before");
        TransformerConfig smear = plain.withSmearKeys(true);
        Path f = dir.resolve("config.json");
        Files.writeString(f, Json.writePretty(smear.toJson()));
        assertEquals(smear, TransformerConfig.read(f));
        assertEquals(plain.parameterCount() + plain.layers() * plain.kvHeads(), smear.parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransformerConfig("gpt2", 23, 16, 8,
                2, 2, 2, 4, 32, TransformerConfig.Positions.LEARNED, 10000, TransformerConfig.Norm.LAYER_NORM, 1e-5,
                TransformerConfig.Mlp.GELU_TANH, TransformerConfig.Block.SEQUENTIAL, true, true, 1.0, 0.0, true));
        assertTrue(e.getMessage().contains("smear_keys"), e.getMessage());
    }

    @Test
    void badFieldsAreNamed(@TempDir Path dir) throws Exception {
        Map<String, Object> m = TransformerConfig.preset("tiny").toJson();
        m.put("kv_heads", 3);
        Path f = dir.resolve("config.json");
        Files.writeString(f, Json.write(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.read(f));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("kv_heads"), e.getMessage());

        m = TransformerConfig.preset("tiny").toJson();
        m.put("norm", "batch_norm");
        Files.writeString(f, Json.write(m));
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.read(f));
        assertTrue(e.getMessage().contains("\"norm\"") && e.getMessage().contains("batch_norm"), e.getMessage());

        m = TransformerConfig.preset("tiny").toJson();
        m.put("n_layers", 3);
        Files.writeString(f, Json.write(m));
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.read(f));
        assertTrue(e.getMessage().contains("\"n_layers\"") && e.getMessage().contains("unknown field"), e.getMessage());

        Files.writeString(f, "{\"model_type\":\"llama\",\"vocab_size\":128,\"hidden_size\":64,\"intermediate_size\":1,"
                + "\"num_hidden_layers\":1,\"num_attention_heads\":8,\"rope_scaling\":{\"type\":\"llama3\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.read(f));
        assertTrue(e.getMessage().contains("rope_scaling"), e.getMessage());

        Files.writeString(f, "{\"model_type\":\"bert\"}");
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.read(f));
        assertTrue(e.getMessage().contains("unsupported architecture \"bert\""), e.getMessage());
    }
}
