package org.symtune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.eval.probe.CopyProbe;
import org.symtune.eval.probe.CopyProbeResult;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.Continuations;
import org.symtune.model.infer.EndOfText;
import org.symtune.model.infer.Generation;
import org.symtune.model.infer.GenerationConfig;
import org.symtune.model.infer.Generator;
import org.symtune.model.infer.ModelLoader;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;
import org.symtune.tokenizer.train.BpeTrainer;

/** generate and score on a model handed in through the loader seam, checked against the library calls. */
class InferCommandsTest {
    @TempDir
    Path dir;
    private Tokenizer tokenizer;
    private Transformer model;
    private ModelLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 100; i++) text.add("Input: item " + i + " is a word\nOutput: positive negative " + (i % 7));
        Tokenizer trained = new BpeTrainer(new BpeTrainer.Config(300, List.of("<|endoftext|>", "<|bos|>"), "<|bos|>", 2)).train(text);
        trained.save(dir.resolve("tokenizer.json"));
        tokenizer = Tokenizer.load(dir);
        model = Transformer.initialize(TransformerConfig.palm(tokenizer.vocabSize(), 64, 32, 2, 4, 48), 5);
        loader = d -> {
            assertEquals(dir, d);
            return model;
        };
    }

    private static String run(Command c, List<String> args, String stdin) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = c instanceof ScoreCommand s
                ? s.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out)
                : c.run(args, out, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatePrintsTheGeneratorsText() throws Exception {
        String prompt = "Input: item 3 is";
        int[] ids = tokenizer.encode(prompt, true);
        GenerationConfig config = GenerationConfig.greedy(12).withSampling(0.9, 20, 0.95, 7).withEosIds(EndOfText.ids(tokenizer));
        Generation expected = new Generator(model, Backends.best(), tokenizer).generate(ids, config);
        String json = run(new GenerateCommand(() -> loader), List.of("--model", dir.toString(), "--prompt", prompt,
                "--max-new-tokens", "12", "--temperature", "0.9", "--top-k", "20", "--top-p", "0.95", "--seed", "7", "--json"), "");
        Map<String, Object> o = Json.parseObject(json.strip(), "output");
        assertEquals(expected.text(), o.get("text"));
        assertArrayEquals(expected.tokens(), ((List<?>) o.get("tokens")).stream().mapToInt(x -> (int) (long) (Long) x).toArray());
        assertEquals(expected.finish().name().toLowerCase(), o.get("finish_reason"));

        String plain = run(new GenerateCommand(() -> loader), List.of("--model", dir.toString(), "--prompt", prompt,
                "--max-new-tokens", "12", "--temperature", "0.9", "--top-k", "20", "--top-p", "0.95", "--seed", "7"), "");
        assertEquals(expected.text() + System.lineSeparator(), plain);
    }

    @Test
    void generateStopsAtEveryGivenStopString() throws Exception {
        String prompt = "Output:";
        GenerationConfig config = GenerationConfig.greedy(20).withSampling(1.0, 0, 1, 3).withStopStrings(List.of("zz", "e"))
                .withEosIds(EndOfText.ids(tokenizer));
        Generation expected = new Generator(model, Backends.best(), tokenizer).generate(tokenizer.encode(prompt, true), config);
        String out = run(new GenerateCommand(() -> loader), List.of("--model", dir.toString(), "--prompt", prompt,
                "--max-new-tokens", "20", "--temperature", "1", "--seed", "3", "--stop", "zz", "--stop=e", "--json"), "");
        assertEquals(Generation.Finish.STOP_STRING, expected.finish(), "the case should exercise a stop: " + expected.text());
        assertEquals(expected.text(), Json.parseObject(out.strip(), "output").get("text"));
        assertEquals("stop_string", Json.parseObject(out.strip(), "output").get("finish_reason"));
    }

    @Test
    void generateRejectsBadOptions() {
        GenerateCommand g = new GenerateCommand(() -> loader);
        assertThrows(UsageException.class, () -> run(g, List.of("--model", dir.toString()), ""));
        assertThrows(UsageException.class, () -> run(g, List.of("--model", dir.toString(), "--prompt", "x", "--top-k", "3"), ""));
        assertThrows(UsageException.class, () -> run(g, List.of("--model", dir.toString(), "--prompt", "x", "--temperature", "hot"), ""));
        assertThrows(UsageException.class, () -> run(g, List.of("--model", dir.toString(), "--prompt", "x", "--stop"), ""));
        assertThrows(UsageException.class, () -> run(g, List.of("--model", dir.resolve("missing").toString(), "--prompt", "x"), ""));
    }

    @Test
    void scoreWritesTheScorersLogLikelihoods() throws Exception {
        String[] prompts = {"Input: item 4 is a word\nOutput: ", "Input: item 9\nOutput:"};
        List<List<String>> candidates = List.of(List.of("positive", "negative", "6"), List.of(" negative", " positive word"));
        StringBuilder in = new StringBuilder();
        List<ScoreRequest> requests = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            in.append(Json.write(Map.of("prompt", prompts[i], "candidates", candidates.get(i)))).append('\n');
            requests.add(Continuations.encode(tokenizer, prompts[i], candidates.get(i), true));
        }
        // --batch 1 scores one line at a time, as here (batch composition may change the last bits).
        List<List<CandidateScore>> expected = new ArrayList<>();
        for (ScoreRequest r : requests) expected.add(new Scorer(model, Backends.best()).score(r.prompt(), r.candidates()));
        String[] lines = run(new ScoreCommand(() -> loader), List.of("--model", dir.toString(), "--batch", "1"), in.toString()).split("\n");
        assertEquals(prompts.length, lines.length);
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> o = Json.parseObject(lines[i], "line " + i);
            List<?> ll = (List<?>) o.get("log_likelihoods");
            List<?> tokens = (List<?>) o.get("tokens");
            List<?> greedy = (List<?>) o.get("greedy");
            for (int c = 0; c < expected.get(i).size(); c++) {
                CandidateScore s = expected.get(i).get(c);
                assertEquals(s.logLikelihood(), (Double) ll.get(c), 1e-12);
                assertEquals((long) s.tokens(), tokens.get(c));
                assertEquals(s.greedy(), greedy.get(c));
                assertTrue(s.logLikelihood() < 0);
            }
        }
    }

    @Test
    void scoreNamesTheBadLine() {
        ScoreCommand s = new ScoreCommand(() -> loader);
        String good = Json.write(Map.of("prompt", "Output:", "candidates", List.of(" a"))) + "\n";
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> run(s, List.of("--model", dir.toString()), good + "{\"prompt\": \"x\", \"candidate\": [\"a\"]}\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("candidate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> run(s, List.of("--model", dir.toString()), good + good + "{\"prompt\": \"x\", \"candidates\": [\"a\", 3]}\n"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("candidates[1]"), e.getMessage());
        String tooLong = Json.write(Map.of("prompt", "word ".repeat(80), "candidates", List.of(" a"))) + "\n";
        e = assertThrows(IllegalArgumentException.class, () -> run(s, List.of("--model", dir.toString()), tooLong));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("context length"), e.getMessage());
    }

    @Test
    void commandsAreRegistered() {
        assertTrue(Main.commands().containsKey("generate"));
        assertTrue(Main.commands().containsKey("score"));
        assertTrue(Main.commands().containsKey("probe"));
    }

    @Test
    void probeCopyingPrintsTheProbesMeasurementsPerModel() throws Exception {
        CopyProbeResult expected = new CopyProbe(5, 12, 4).run(new Scorer(model, Backends.best()), tokenizer);
        String json = run(new ProbeCommand(() -> loader), List.of("copying", "--model", dir.toString(), "--model", dir.toString(),
                "--sequences", "5", "--length", "12", "--seed", "4", "--json"), "");
        List<String> lines = json.strip().lines().toList();
        assertEquals(2, lines.size());
        for (String line : lines) {
            Map<String, Object> o = Json.parseObject(line, "output");
            assertEquals(dir.toString(), o.get("model"));
            assertEquals(expected.meanFirstLoss(), (Double) o.get("first_copy_loss"));
            assertEquals(expected.meanSecondLoss(), (Double) o.get("second_copy_loss"));
            assertEquals(expected.gain(), (Double) o.get("copying_gain"));
            assertEquals(List.of(expected.gainInterval().lo(), expected.gainInterval().hi()), o.get("copying_gain_ci95"));
        }
        String table = run(new ProbeCommand(() -> loader), List.of("copying", "--model", dir.toString(), "--tokenizer",
                dir.resolve("tokenizer.json").toString(), "--sequences", "5",
                "--length", "12", "--seed", "4"), "");
        assertTrue(table.contains(String.format("%+.3f", expected.gain())), table);

        CopyProbeResult frequent = new CopyProbe(5, 12, 4).run(new Scorer(model, Backends.best()), tokenizer, CopyProbe.Tokens.FREQUENT);
        List<String> both = run(new ProbeCommand(() -> loader), List.of("copying", "--model", dir.toString(), "--sequences", "5",
                "--length", "12", "--seed", "4", "--tokens", "both", "--json"), "").strip().lines().toList();
        assertEquals(2, both.size());
        Map<String, Object> second = Json.parseObject(both.get(1), "output");
        assertEquals("frequent", second.get("tokens"));
        assertEquals(frequent.gain(), (Double) second.get("copying_gain"));
        assertEquals((long) frequent.vocabulary(), ((Number) second.get("vocabulary")).longValue());
        double prefix = new CopyProbe(5, 12, 4).prefixMatching(model, Backends.best(), tokenizer.encode("", true),
                CopyProbe.Tokens.FREQUENT.vocabulary(tokenizer), CopyProbe.PREFIX_SEQUENCES).max();
        assertEquals(prefix, (Double) second.get("prefix_matching"));

        ProbeCommand p = new ProbeCommand(() -> loader);
        assertThrows(UsageException.class, () -> run(p, List.of("copying", "--model", dir.toString(), "--tokens", "rare"), ""));
        assertThrows(UsageException.class, () -> run(p, List.of("--model", dir.toString()), ""));
        assertThrows(UsageException.class, () -> run(p, List.of("copying"), ""));
        UsageException tooLong = assertThrows(UsageException.class,
                () -> run(p, List.of("copying", "--model", dir.toString(), "--length", "40"), ""));
        assertTrue(tooLong.getMessage().contains("81 tokens") && tooLong.getMessage().contains("at most 64"), tooLong.getMessage());
    }
}
