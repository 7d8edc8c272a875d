package org.symtune.cli.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.cli.EvalCommand;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.IclSetting;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.probe.CopyProbe;
import org.symtune.eval.probe.CopyProbeResult;
import org.symtune.eval.probe.PrefixMatching;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.report.Formats;
import org.symtune.eval.report.ReferenceStudy;
import org.symtune.eval.report.ResultsJson;
import org.symtune.model.infer.ModelLoader;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;

/**
 * A whole study at toy scale (a 2-layer model, a few steps per stage, two held-out tasks): every stage
 * runs, the report pairs the two models item by item, a second run redoes nothing, an interrupted study
 * continues where it stopped, and a changed config is refused.
 */
class StudyTest {

    private static String microStudy(Path corpus) {
        String model = """
                {"config": {"family": "palm", "vocab_size": 320, "context_length": 256, "d_model": 32, "layers": 2,
                 "heads": 2, "kv_heads": 1, "head_dim": 16, "mlp_hidden": 64, "positions": "rotary", "norm": "rms_norm",
                 "norm_eps": 1e-6, "mlp": "swiglu", "block": "parallel", "bias": false, "tied_embeddings": true, "logit_scale": 0.18}}""";
        String tuning = """
                "optimizer": {"type": "adafactor", "learning_rate": {"type": "constant", "value": 0.001}},
                "batch_size": 2, "seq_len": 128, "steps": 2, "checkpoint_every": 1, "keep_checkpoints": 1""";
        return """
                {"name": "micro", "description": "toy scale for tests", "seeds": 1, "base_seed": 5,
                 "pretrain": {"model": %s, "tokenizer": {"train": {"vocab_size": 320}},
                              "data": {"type": "text", "path": "%s", "validation_fraction": 0.1},
                              "optimizer": {"type": "adafactor"}, "batch_size": 2, "seq_len": 64, "steps": 2, "checkpoint_every": 1, "seed": 1},
                 "instruct": {"data": {"type": "mixture", "name": "instruct", "held_out": 4}, %s},
                 "symbol": {"data": {"type": "mixture", "name": "symbol+instruct", "symbol_ratio": 0.5, "held_out": 4}, %s},
                 "eval": {"suites": ["icl", "flipped", "turing"], "queries": 3, "k": 1, "tasks": ["lt_style", "df_element_symbol"],
                          "turing_queries": 1, "turing_length": 1, "batch": 8}}
                """.formatted(model, corpus.toString().replace("\\", "\\\\"), tuning, tuning);
    }

    private static StudyConfig config(Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) lines.add("Sentence number " + i + " says that the council has " + (i % 13) + " questions about fish.");
        Files.write(corpus, lines);
        return StudyConfig.of(Json.parseObject(microStudy(corpus), "micro.json"), "micro.json");
    }

    private record Captured(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        PrintStream outStream() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        PrintStream errStream() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static Captured captured() {
        return new Captured(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    private static Study study(StudyConfig c, Path out, Study.CommandRunner eval, Captured io) {
        return new Study(c, 1, out, Optional.empty(), Optional.empty(), eval, io.outStream(), io.errStream());
    }

    private static final Study.CommandRunner EVAL = (args, o, e) -> new EvalCommand().run(args, o, e);

    @Test
    void everyStageRunsOnceAndTheReportPairsTheModelsItemByItem(@TempDir Path dir) throws Exception {
        StudyConfig c = config(dir);
        Path out = dir.resolve("study");
        Captured first = captured();
        StudyReport.Outcome outcome = study(c, out, EVAL, first).run();

        StudyLayout layout = new StudyLayout(out.toAbsolutePath());
        for (Path finalModel : List.of(layout.pretrain().resolve("final"), layout.instruct(0).resolve("final"), layout.symbol(0).resolve("final"))) {
            assertTrue(Files.isRegularFile(finalModel.resolve("tokenizer.json")), "each final model carries its tokenizer: " + finalModel);
        }
        Map<String, Object> instructConfig = Json.parseObject(Files.readString(layout.instruct(0).resolve("config.json")), "config");
        assertEquals(5L, instructConfig.get("seed"), "the tuning stages take the seed's own seed");
        assertTrue(Json.write(instructConfig.get("model")).contains(layout.pretrain().resolve("final").toString()),
                "instruction tuning starts from the pretrained model");
        Map<String, Object> symbolConfig = Json.parseObject(Files.readString(layout.symbol(0).resolve("config.json")), "config");
        assertTrue(Json.write(symbolConfig.get("model")).contains(layout.instruct(0).resolve("final").toString()),
                "symbol tuning starts from the baseline");

        RunResults base = ResultsJson.read(layout.report().resolve("results-baseline.json"));
        RunResults sym = ResultsJson.read(layout.report().resolve("results-symbol.json"));
        RunResults seedBase = ResultsJson.read(layout.eval(0, "baseline").resolve("results.json"));
        assertEquals(seedBase.items().size(), base.items().size());
        for (ItemResult it : base.items()) assertTrue(it.itemId().startsWith("s5/"), "pooled ids carry the seed: " + it.itemId());
        assertEquals(base.items().stream().map(ItemResult::key).toList(), sym.items().stream().map(ItemResult::key).toList(),
                "both models are scored on the same items");

        List<String> headline = Files.readAllLines(layout.report().resolve(StudyReport.HEADLINE_FILE));
        assertTrue(headline.stream().anyMatch(l -> l.startsWith("exact match\ticl\tno-instructions+symbols\t")), String.join("\n", headline));
        assertTrue(headline.stream().anyMatch(l -> l.startsWith("rank classification\tflipped\tflip-ex100-query+flipped")), String.join("\n", headline));
        assertTrue(headline.stream().noneMatch(l -> l.contains("flip-ex25")), "the flip curve stays in the full report");
        String study = Files.readString(layout.report().resolve(StudyReport.STUDY_FILE));
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (ReferenceStudy.Table1Row r : ReferenceStudy.load().table1()) {
            lo = Math.min(lo, r.publishedDifference()[IclSetting.NO_INSTRUCTIONS_SYMBOLS.ordinal()]);
            hi = Math.max(hi, r.publishedDifference()[IclSetting.NO_INSTRUCTIONS_SYMBOLS.ordinal()]);
        }
        String range = Formats.signedPoints(lo) + " to " + Formats.signedPoints(hi);
        assertTrue(study.contains("| exact match | icl | no instructions + symbols |") && study.contains(range + " |\n"),
                "our row, and the reference study's published range for it: " + study);
        assertTrue(Files.isRegularFile(layout.report().resolve("report.md")) && Files.isRegularFile(layout.report().resolve("comparison.json")));
        assertEquals(outcome.rows().size(), headline.size() - 1);

        // The copying probe covers every model of the study, each as the probe measures it on its own.
        List<?> copying = (List<?>) Json.parse(Files.readString(layout.report().resolve(StudyReport.COPYING_FILE)), "copying.json");
        List<Path> probed = List.of(layout.pretrain().resolve("final"), layout.instruct(0).resolve("final"), layout.symbol(0).resolve("final"));
        assertEquals(List.of("pretrained", "pretrained", "baseline, seed 5", "baseline, seed 5", "symbol-tuned, seed 5", "symbol-tuned, seed 5"),
                copying.stream().map(o -> ((Map<?, ?>) o).get("model")).toList());
        for (int i = 0; i < copying.size(); i++) {
            Map<?, ?> o = (Map<?, ?>) copying.get(i);
            Path model = probed.get(i / 2);
            CopyProbe.Tokens tokens = CopyProbe.Tokens.values()[i % 2];
            assertEquals(tokens.key(), o.get("tokens"));
            assertEquals(layout.dir().relativize(model).toString(), o.get("path"), "paths inside the study are relative to it");
            CopyProbeResult direct = new CopyProbe(StudyProbe.SEQUENCES, StudyProbe.LENGTH, StudyProbe.SEED)
                    .run(new Scorer(ModelLoader.installed().load(model), Backends.best()), Tokenizer.load(model), tokens);
            assertEquals(direct.gain(), (Double) o.get("copying_gain"), model + " " + tokens);
            assertEquals(direct.meanSecondLoss(), (Double) o.get("second_copy_loss"));
            PrefixMatching heads = new CopyProbe(StudyProbe.SEQUENCES, StudyProbe.LENGTH, StudyProbe.SEED).prefixMatching(
                    ModelLoader.installed().load(model), Backends.best(), Tokenizer.load(model).encode("", true),
                    tokens.vocabulary(Tokenizer.load(model)), CopyProbe.PREFIX_SEQUENCES);
            assertEquals(heads.max(), (Double) o.get("prefix_matching"));
        }
        assertTrue(study.contains("## In-context copying") && study.contains("| symbol-tuned, seed 5 |"), study);
        Captured printed = captured();
        StudyReport.print(outcome, printed.outStream());
        assertTrue(printed.text().contains(outcome.table()) && printed.text().contains(outcome.copying())
                && outcome.copying().contains("symbol-tuned, seed 5"), printed.text());

        Captured second = captured();
        StudyReport.Outcome again = study(c, out, (args, o, e) -> {
            throw new AssertionError("a finished evaluation is not run again");
        }, second).run();
        for (String stage : List.of("[pretrain] done already", "[instruct/seed-0] done already", "[symbol/seed-0] done already",
                "[eval/baseline/seed-0] done already", "[eval/symbol/seed-0] done already")) {
            assertTrue(second.text().contains(stage), second.text());
        }
        assertEquals(outcome.table(), again.table(), "the same report from the same runs");
        assertEquals(outcome.copying(), again.copying(), "the same probe of the same models");

        // An ablation of symbol tuning takes the pretraining and the baseline from the first study.
        Captured ablation = captured();
        new Study(c.override("symbol.steps=3"), 1, dir.resolve("ablation"), Optional.empty(), Optional.of(out), EVAL,
                ablation.outStream(), ablation.errStream()).run();
        assertTrue(ablation.text().contains("[pretrain] reusing the finished run " + layout.pretrain())
                && ablation.text().contains("[instruct/seed-0] reusing the finished run " + layout.instruct(0))
                && ablation.text().contains("[symbol/seed-0] not reusing " + layout.symbol(0) + ": its steps differ")
                && ablation.text().contains("[eval/baseline/seed-0] reusing the finished evaluation " + layout.eval(0, "baseline"))
                && ablation.text().contains("[eval/symbol/seed-0] symtune eval"), ablation.text());
        assertFalse(Files.exists(dir.resolve("ablation").resolve("pretrain")), "nothing is copied");
    }

    @Test
    void anInterruptedStudyContinuesWhereItStoppedAndAChangedConfigIsRefused(@TempDir Path dir) throws Exception {
        StudyConfig c = config(dir);
        Path out = dir.resolve("study");
        AtomicInteger evaluations = new AtomicInteger();
        Study.CommandRunner failing = (args, o, e) -> {
            if (evaluations.incrementAndGet() == 2) throw new IllegalStateException("power cut during the second evaluation");
            return EVAL.run(args, o, e);
        };
        Exception cut = assertThrows(IllegalStateException.class, () -> study(c, out, failing, captured()).run());
        assertTrue(cut.getMessage().contains("power cut"), cut.getMessage());
        StudyLayout layout = new StudyLayout(out.toAbsolutePath());
        assertFalse(Files.exists(layout.report()), "no report from half a study");

        // A tuning run that died before its first checkpoint leaves a folder without one: it is started again.
        StudyReport.Outcome partial = null;
        Captured resumed = captured();
        partial = study(c, out, EVAL, resumed).run();
        assertTrue(resumed.text().contains("[symbol/seed-0] done already") && resumed.text().contains("[eval/baseline/seed-0] done already"),
                resumed.text());
        assertTrue(resumed.text().contains("[eval/symbol/seed-0] symtune eval"), "only the missing evaluation runs: " + resumed.text());
        assertFalse(partial.rows().isEmpty());

        StudyConfig changed = c.override("symbol.steps=3");
        Exception refused = assertThrows(IllegalStateException.class, () -> study(changed, out, EVAL, captured()).run());
        assertTrue(refused.getMessage().contains("symbol") && refused.getMessage().contains("another --out"), refused.getMessage());
    }

    @Test
    void aRunThatStoppedBeforeItsFirstCheckpointStartsAgain(@TempDir Path dir) throws Exception {
        StudyConfig c = config(dir).override("eval.suites=[\"icl\"]");
        Path out = dir.resolve("study");
        StudyLayout layout = new StudyLayout(out.toAbsolutePath());
        Files.createDirectories(layout.instruct(0));
        Files.writeString(layout.instruct(0).resolve("metrics.jsonl"), "{\"step\": 1, \"loss\": 9.0}\n");
        Captured io = captured();
        study(c, out, EVAL, io).run();
        assertTrue(io.text().contains("stopped before its first checkpoint; starting it again"), io.text());
    }
}
