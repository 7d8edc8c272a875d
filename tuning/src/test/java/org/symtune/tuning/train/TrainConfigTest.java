package org.symtune.tuning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.io.Json;

class TrainConfigTest {

    private static Map<String, Object> base() {
        return Runs.pretrainConfig(Path.of("corpus.txt"), Path.of("runs/x"), 10);
    }

    private static String errorOf(Consumer<Map<String, Object>> change) {
        Map<String, Object> c = base();
        change.accept(c);
        return assertThrows(IllegalArgumentException.class, () -> TrainConfig.parse(c, "exp.json", Path.of(""))).getMessage();
    }

    private static void assertNames(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + p + "' in: " + message);
    }

    @Test
    void unknownAndBadFieldsNameTheFileAndTheField() {
        assertNames(errorOf(c -> c.put("stepz", 3L)), "exp.json", "\"stepz\"", "unknown field");
        assertNames(errorOf(c -> c.put("data", new LinkedHashMap<>(Map.of("type", "text", "path", "a.txt", "validation_fration", 0.1)))),
                "exp.json", "\"data.validation_fration\"", "unknown field");
        assertNames(errorOf(c -> c.put("data", Map.of("type", "tweets"))), "exp.json", "\"data.type\"", "tweets", "europarl");
        assertNames(errorOf(c -> c.put("batch_size", "eight")), "exp.json", "\"batch_size\"", "integer");
        assertNames(errorOf(c -> c.put("micro_batch_size", 3L)), "exp.json", "\"micro_batch_size\"", "divide");
        assertNames(errorOf(c -> c.remove("steps")), "exp.json", "\"steps\"", "required");
        assertNames(errorOf(c -> c.put("model", "huge")), "exp.json", "\"model\"", "huge", "tiny");
        assertNames(errorOf(c -> c.put("model", Map.of("preset", "tiny", "checkpoint", "x"))), "exp.json", "\"model\"", "exactly one");
        assertNames(errorOf(c -> c.put("tokenizer", Map.of("train", Map.of("vocab_size", 300L, "merges", 5L)))), "exp.json",
                "\"tokenizer.train.merges\"");
        assertNames(errorOf(c -> c.remove("tokenizer")), "exp.json", "\"tokenizer\"", "required");
        assertNames(errorOf(c -> c.put("optimizer", Map.of("type", "adafactor", "beta_1", 0.9))), "exp.json", "optimizer.beta_1");
        assertNames(errorOf(c -> c.put("optimizer", Map.of("type", "sgd"))), "exp.json", "optimizer.type", "sgd");
        assertNames(errorOf(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = new LinkedHashMap<>((Map<String, Object>) Runs.tinyModel(0).get("config"));
            cfg.put("d_modle", 3L);
            c.put("model", Map.of("config", cfg));
        }), "exp.json", "model.config", "d_modle");
    }

    @Test
    void theResolvedConfigReadsBackToTheSameConfig() {
        Map<String, Object> c = base();
        c.put("optimizer", Map.of("type", "adafactor", "learning_rate",
                Map.of("type", "cosine", "peak", 1e-3, "warmup_steps", 2L, "total_steps", 10L), "beta1", 0.9));
        TrainConfig parsed = TrainConfig.parse(c, "exp.json", Path.of(""));
        Map<String, Object> resolved = parsed.toJson();
        TrainConfig again = TrainConfig.parse(Json.parseObject(Json.writePretty(resolved), "resolved.json"), "resolved.json", Path.of("/elsewhere"));
        assertEquals(resolved, again.toJson());
        assertEquals(parsed, again);
        assertTrue(Path.of((String) resolved.get("run_dir")).isAbsolute(), "paths are made absolute");
        assertEquals(2L, resolved.get("keep_checkpoints"));
        assertEquals(10L, resolved.get("log_every"), "defaults are spelt out");
    }

    @Test
    void aRepeatFractionReadsBackAndIsLeftOutOfTheJsonAtZero() {
        Map<String, Object> c = base();
        assertTrue(!Json.write(TrainConfig.parse(c, "exp.json", Path.of("")).toJson()).contains("repeat_fraction"),
                "runs from before the option keep comparing equal");
        c.put("data", new LinkedHashMap<>(Map.of("type", "europarl", "repeat_fraction", 0.25)));
        TrainConfig parsed = TrainConfig.parse(c, "exp.json", Path.of(""));
        assertEquals(0.25, ((DataSpec.Europarl) parsed.data()).repeatFraction());
        TrainConfig again = TrainConfig.parse(Json.parseObject(Json.writePretty(parsed.toJson()), "resolved.json"), "resolved.json", Path.of(""));
        assertEquals(parsed, again);
        assertNames(errorOf(m -> m.put("data", Map.of("type", "europarl", "repeat_fraction", 1.5))), "exp.json", "\"data.repeat_fraction\"");
    }

    @Test
    void aCopyCurriculumAndModelOverridesReadBackAndBadValuesAreNamed() {
        Map<String, Object> c = base();
        assertTrue(!Json.write(TrainConfig.parse(c, "exp.json", Path.of("")).toJson()).contains("copy"), "no curriculum, no field");
        c.put("data", new LinkedHashMap<>(Map.of("type", "europarl", "copy", Map.of("fraction", 1.0, "final_fraction", 0.25,
                "hold_steps", 500L, "anneal_steps", 500L, "pool", 256L, "final_pool", 1024L))));
        c.put("model", new LinkedHashMap<>(Map.of("preset", "tiny", "smear_keys", true, "kv_heads", 4L)));
        TrainConfig parsed = TrainConfig.parse(c, "exp.json", Path.of(""));
        assertEquals(new org.symtune.tuning.packing.CopyCurriculum(1.0, 0.25, 500, 500, 256, 1024, 8, 32),
                ((DataSpec.Europarl) parsed.data()).copy());
        assertTrue(parsed.model().presetConfig().smearKeys());
        assertEquals(4, parsed.model().presetConfig().kvHeads());
        TrainConfig again = TrainConfig.parse(Json.parseObject(Json.writePretty(parsed.toJson()), "resolved.json"), "resolved.json", Path.of(""));
        assertEquals(parsed, again);
        assertNames(errorOf(m -> m.put("data", Map.of("type", "europarl", "copy", Map.of("min_span", 20L, "max_span", 10L)))),
                "exp.json", "\"data.copy.max_span\"");
        assertNames(errorOf(m -> m.put("data", Map.of("type", "europarl", "copy", Map.of("fraction", 2.0)))), "exp.json",
                "\"data.copy.fraction\"");
        assertNames(errorOf(m -> m.put("data", Map.of("type", "europarl", "copy", Map.of("pools", 2L)))), "exp.json", "pools");
        assertNames(errorOf(m -> m.put("model", Map.of("preset", "tiny", "kv_heads", 3L))), "exp.json", "\"model.kv_heads\"");
    }

    @Test
    void theShippedPretrainingConfigParses() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("configs/pretrain-tiny.json"))) root = root.getParent();
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null, "configs/pretrain-tiny.json not found above the working directory");
        TrainConfig c = TrainConfig.read(root.resolve("configs/pretrain-tiny.json"));
        assertEquals("tiny", c.model().preset());
        assertTrue(c.data() instanceof DataSpec.Europarl);
    }

    @Test
    void readNamesTheFileOfAJsonSyntaxError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"steps\": 3,,}");
        assertNames(assertThrows(IllegalArgumentException.class, () -> TrainConfig.read(f)).getMessage(), "broken.json", ":1:");
    }
}
