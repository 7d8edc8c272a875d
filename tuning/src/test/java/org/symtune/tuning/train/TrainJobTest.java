package org.symtune.tuning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.io.Json;
import org.symtune.model.checkpoint.Checkpoint;

/** Run directories, metrics lines, progress output and the three kinds of data a run takes. */
class TrainJobTest {

    private static final Set<String> STEP_FIELDS = Set.of("step", "loss", "learning_rate", "grad_norm", "loss_tokens", "tokens", "tokens_seen",
            "packing_efficiency", "tokens_per_s", "wall_s");
    private static final Set<String> EVAL_FIELDS = Set.of("step", "eval_loss", "eval_tokens", "wall_s");

    @Test
    void aRunWritesMetricsConfigProvenanceCheckpointsAndTheFinalModel(@TempDir Path dir) throws Exception {
        Path corpus = Runs.writeCorpus(dir, 40);
        Map<String, Object> c = Runs.pretrainConfig(corpus, dir.resolve("run"), 5);
        c.put("log_every", 2L);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        TrainJob.Options options = new TrainJob.Options(new PrintStream(log, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8), false, Long.MAX_VALUE, s -> { }, null);
        TrainJob.Outcome out = TrainJob.start(Runs.parse(c), "test.json", options);

        List<Map<String, Object>> lines = MetricsLog.read(out.run().metrics());
        List<Long> trainSteps = new ArrayList<>();
        List<Long> evalSteps = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            if (line.containsKey("eval_loss")) {
                assertEquals(EVAL_FIELDS, line.keySet());
                evalSteps.add((Long) line.get("step"));
            } else {
                assertEquals(STEP_FIELDS, line.keySet());
                trainSteps.add((Long) line.get("step"));
                assertTrue((Double) line.get("loss") > 0 && (Double) line.get("grad_norm") > 0 && (Double) line.get("tokens_per_s") > 0);
                assertEquals(96L, line.get("tokens"));
                assertEquals(96L * (Long) line.get("step"), line.get("tokens_seen"));
                assertEquals(1.0, line.get("packing_efficiency"));
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), trainSteps);
        assertEquals(List.of(0L, 2L, 4L, 5L), evalSteps, "at the start, every eval_every steps and at the end");
        // Adafactor's default relative step: min(1e-2, 1/sqrt(t)).
        assertEquals(0.01, (Double) lines.get(1).get("learning_rate"), 1e-15);

        Map<String, Object> resolved = Json.parseObject(Files.readString(out.run().config()), "config.json");
        assertEquals(Json.write(Runs.parse(c).toJson()), Json.write(resolved));
        Map<String, Object> provenance = Json.parseObject(Files.readString(out.run().provenance()), "provenance.json");
        for (String k : List.of("git_commit", "java_version", "arch", "processors", "threads", "backend", "vector_bits")) {
            assertTrue(provenance.containsKey(k), "provenance has " + k);
        }
        assertNotNull(provenance.get("java_version"));
        assertTrue(Files.isRegularFile(out.run().tokenizer()));

        CheckpointStore store = new CheckpointStore(out.run().checkpoints(), 2);
        assertEquals(List.of(out.run().checkpoints().resolve("step-00000004"), out.run().checkpoints().resolve("step-00000005")),
                store.stepFolders(), "keep_checkpoints 2: the oldest (step 2) was removed");
        assertEquals(out.run().checkpoints().resolve("step-00000005"), store.latest().orElseThrow());
        CheckpointStore.Loaded last = CheckpointStore.load(store.latest().orElseThrow());
        assertEquals(5, last.state().step());
        assertEquals(5, last.optimizer().step());
        assertEquals(Json.write(resolved), Json.write(last.config()));
        Runs.assertSameWeights(last.model(), Checkpoint.load(out.finalModel()).model());

        Map<String, Object> summary = Json.parseObject(Files.readString(out.run().summary()), "summary.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) summary.get("data");
        double entropy = (Double) data.get("train_unigram_entropy_nats");
        assertTrue(entropy > 1 && entropy < Math.log(300), "unigram entropy " + entropy);

        String progressText = progress.toString(StandardCharsets.UTF_8);
        assertTrue(progressText.contains("step 2/5 loss") && progressText.contains("step 4/5") && progressText.contains("step 5/5"), progressText);
        assertFalse(progressText.contains("step 3/5 loss"), "plain lines only every log_every steps");
        assertFalse(progressText.contains("\r"), "no bar drawn when not on a terminal");
        String logText = log.toString(StandardCharsets.UTF_8);
        assertTrue(logText.contains("final model: " + out.finalModel()) && logText.contains("metrics: " + out.run().metrics()), logText);
    }

    @Test
    void aHuggingFaceCheckpointIsTunedAndWrittenBackInItsOwnLayout(@TempDir Path dir) throws Exception {
        Path fixture = Path.of("").toAbsolutePath();
        while (fixture != null && !Files.isDirectory(fixture.resolve("model/src/test/resources/parity/llama-gqa"))) fixture = fixture.getParent();
        org.junit.jupiter.api.Assumptions.assumeTrue(fixture != null, "the model module's parity fixtures are not above the working directory");
        fixture = fixture.resolve("model/src/test/resources/parity/llama-gqa");
        Map<String, Object> c = Runs.pretrainConfig(dir, dir.resolve("run"), 2);
        c.remove("tokenizer");
        c.put("model", Map.of("checkpoint", fixture.resolve("model").toString()));
        c.put("data", new LinkedHashMap<>(Map.of("type", "batch_file", "path", fixture.resolve("inputs.json").toString())));
        c.put("optimizer", new LinkedHashMap<>(Map.of("type", "adafactor", "learning_rate", 1e-2, "scale_parameter", false)));
        c.put("batch_size", 2L);
        c.put("micro_batch_size", 2L);
        c.put("seq_len", 7L);
        TrainJob.Outcome out = TrainJob.start(Runs.parse(c), "test.json", TrainJob.Options.quiet());
        Map<String, Object> written = Json.parseObject(Files.readString(out.finalModel().resolve("config.json")), "config.json");
        assertEquals("llama", written.get("model_type"), "the final model keeps the Hugging Face layout it was loaded in");
        Checkpoint original = Checkpoint.load(fixture.resolve("model"));
        Checkpoint tuned = Checkpoint.load(out.finalModel());
        assertEquals(original.format(), tuned.format());
        assertFalse(java.util.Arrays.equals(original.model().param("embed.weight").value().toArray(),
                tuned.model().param("embed.weight").value().toArray()), "two steps changed the weights");
    }

    @Test
    void onATerminalTheProgressIsOneBarRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 10, 0, 4);
        for (int s = 1; s <= 4; s++) p.step(s, 2.5, 1e-3, 0.5, 1000);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.chars().filter(ch -> ch == '\r').count());
        assertTrue(text.contains("4/4") && text.contains("ETA") && text.endsWith("\n"), text);
    }

    @Test
    void pairsArePackedWithLossOnTargetsAndTheirPackingIsReported(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("pairs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String input = "Input: " + "word ".repeat(1 + i % 9) + i;
            lines.add(Json.write(Map.of("input", input, "label", i % 2 == 0 ? "even" : "odd")));
        }
        Files.write(pairs, lines);
        Map<String, Object> c = Runs.pretrainConfig(pairs, dir.resolve("run"), 3);
        c.put("data", new LinkedHashMap<>(Map.of("type", "pairs", "path", pairs.toString(), "validation_fraction", 0.1)));
        c.put("seq_len", 32L);
        TrainJob.Outcome out = TrainJob.start(Runs.parse(c), "test.json", TrainJob.Options.quiet());
        @SuppressWarnings("unchecked")
        Map<String, Object> packing = (Map<String, Object>) out.summary().get("packing");
        assertEquals(12L, packing.get("sequences"), "3 steps of 4 rows");
        assertTrue((Long) packing.get("examples") > 12, "several examples per row: " + packing);
        double efficiency = (Double) packing.get("efficiency");
        assertTrue(efficiency > 0.5 && efficiency <= 1.0, packing.toString());
        for (Map<String, Object> line : MetricsLog.read(out.run().metrics())) {
            if (line.containsKey("loss")) assertTrue((Long) line.get("loss_tokens") < (Long) line.get("tokens"), "loss on targets only");
        }
        assertTrue(out.result().finished());
    }

    @Test
    void aBatchFileTrainsOnItsRowsAndChecksTheSequenceLength(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("batch.json");
        Files.writeString(batch, "{\"input_ids\": [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]], \"targets\": [[2, 3, 4, 5, 6, -1], [5, 4, 3, -100, 1, -1]]}");
        Map<String, Object> c = Runs.pretrainConfig(batch, dir.resolve("run"), 3);
        c.remove("tokenizer");
        c.put("data", new LinkedHashMap<>(Map.of("type", "batch_file", "path", batch.toString(), "eval_path", batch.toString())));
        c.put("batch_size", 2L);
        c.put("micro_batch_size", 1L);
        c.put("seq_len", 6L);
        TrainJob.Outcome out = TrainJob.start(Runs.parse(c), "test.json", TrainJob.Options.quiet());
        List<Map<String, Object>> metrics = MetricsLog.read(out.run().metrics());
        assertEquals(9L, metrics.get(1).get("loss_tokens"), "targets of -1 and -100 carry no loss");
        assertTrue(out.result().finished());

        c.put("seq_len", 8L);
        c.put("run_dir", dir.resolve("run2").toString());
        ConfigException e = assertThrows(ConfigException.class, () -> TrainJob.start(Runs.parse(c), "exp.json", TrainJob.Options.quiet()));
        assertTrue(e.getMessage().startsWith("exp.json: field \"seq_len\""), e.getMessage());
    }

    @Test
    void aTaskMixtureTrainsWithLossOnSymbolTargetsOnly(@TempDir Path dir) throws Exception {
        Map<String, Object> c = Runs.pretrainConfig(dir.resolve("unused.txt"), dir.resolve("run"), 2);
        c.put("data", new LinkedHashMap<>(Map.of("type", "mixture", "name", "symbol", "held_out", 16L)));
        c.put("seq_len", 64L);
        c.put("eval_every", 2L);
        TrainJob.Outcome out = TrainJob.start(Runs.parse(c), "test.json", TrainJob.Options.quiet());
        assertEquals("mixture symbol", ((Map<?, ?>) out.summary().get("data")).get("source"));
        assertTrue(out.result().finished());
        boolean sawEval = false;
        for (Map<String, Object> line : MetricsLog.read(out.run().metrics())) {
            if (line.containsKey("loss")) {
                assertTrue((Long) line.get("loss_tokens") < (Long) line.get("tokens"), "loss on the symbol targets only: " + line);
                assertTrue(Double.isFinite(((Number) line.get("loss")).doubleValue()));
            }
            sawEval |= line.containsKey("eval_loss");
        }
        assertTrue(sawEval, "held-out prompts are evaluated");

        c.put("data", new LinkedHashMap<>(Map.of("type", "mixture", "name", "no-such-mixture")));
        c.put("run_dir", dir.resolve("run2").toString());
        Exception e = assertThrows(Exception.class, () -> TrainJob.start(Runs.parse(c), "exp.json", TrainJob.Options.quiet()));
        assertTrue(e.getMessage().contains("no-such-mixture") && e.getMessage().contains("symbol"), e.getMessage());
    }
}
