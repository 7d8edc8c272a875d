package org.symtune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.report.ReportWriter;
import org.symtune.eval.report.ResultsCsv;
import org.symtune.eval.report.ResultsJson;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.checkpoint.Checkpoint;
import org.symtune.model.checkpoint.CheckpointFormat;
import org.symtune.tokenizer.Tokenizer;
import org.symtune.tokenizer.train.BpeTrainer;

/** {@code symtune eval} on a tiny checkpoint saved to disk: every report file is written and the charts are images. */
class EvalCommandTest {
    @TempDir
    static Path dir;
    private static Path modelDir;

    @BeforeAll
    static void saveTinyCheckpoint() throws Exception {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            text.add("Input: word " + i + " is fancy\nOutput: positive negative " + (i % 7) + "\n\nQ: [" + i + ", 4]\nA: [4]\nOutput: 0110");
        }
        Tokenizer tokenizer = new BpeTrainer(new BpeTrainer.Config(400, List.of("<|endoftext|>", "<|bos|>"), "<|bos|>", 2)).train(text);
        modelDir = dir.resolve("tiny");
        Transformer model = Transformer.initialize(TransformerConfig.palm(tokenizer.vocabSize(), 384, 32, 2, 4, 64), 3);
        Checkpoint.save(model, modelDir, CheckpointFormat.SYMTUNE);
        tokenizer.save(modelDir.resolve("tokenizer.json"));
    }

    private static Path listRoutines() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("data").resolve("list-routines");
            if (Files.isDirectory(p.resolve("dataset")) && Files.isDirectory(p.resolve("model"))) return p;
        }
        assumeTrue(false, "no shared/data/list-routines in the working directory or a parent; the full report cannot be written");
        throw new AssertionError("unreachable");
    }

    private record Output(int status, String out, String err) {
    }

    private static Output run(List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new EvalCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesEveryReportFileAndTheChartsAreImages() throws Exception {
        Path report = dir.resolve("report");
        Output o = run(List.of("--model", modelDir.toString(), "--out", report.toString(), "--queries", "3",
                "--tasks", "df_adjective_polarity,df_emoji_category", "--list-routines", listRoutines().toString(),
                "--list-concepts", "6", "--list-queries", "2", "--turing-queries", "2", "--seed", "5"));
        assertEquals(0, o.status());
        String[] lines = o.out().strip().split("\n");
        assertEquals("report written to " + report.resolve(ReportWriter.REPORT_FILE), lines[lines.length - 1]);
        for (String f : List.of(ResultsJson.FILE_NAME, ResultsCsv.ITEMS_FILE, ResultsCsv.TASKS_FILE, ReportWriter.REPORT_FILE)) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        for (String chart : List.of("icl-accuracy", "flipped-curves", "list-functions-by-category", "turing-by-length")) {
            BufferedImage image = ImageIO.read(report.resolve(ReportWriter.CHART_DIR).resolve(chart + ".png").toFile());
            assertNotNull(image, chart + ".png decodes");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, chart);
            assertTrue(Files.readString(report.resolve(ReportWriter.CHART_DIR).resolve(chart + ".svg")).contains("<svg"), chart + ".svg");
        }
        assertTrue(o.err().contains("icl: ") && o.err().contains("turing: "), "progress on stderr:\n" + o.err());

        RunResults run = ResultsJson.read(report.resolve(ResultsJson.FILE_NAME));
        assertEquals("tiny", run.model());
        Map<String, Integer> perSuite = new TreeMap<>();
        for (ItemResult r : run.items()) perSuite.merge(r.suite(), 1, Integer::sum);
        // 2 tasks x 3 queries x 4 settings; the binary task's 3 queries x 12 flipped settings; 6 concepts x 2; 16 concepts x 3 sets x 2.
        assertEquals(Map.of("flipped", 36, "icl", 24, "list-functions", 12, "turing", 96), perSuite);
        assertEquals(modelDir.toAbsolutePath().normalize().toString(), run.provenance().get("model_dir"));
        @SuppressWarnings("unchecked")
        Map<String, Object> evaluation = (Map<String, Object>) run.provenance().get("evaluation");
        @SuppressWarnings("unchecked")
        Map<String, Object> classification = (Map<String, Object>) evaluation.get("classification");
        assertEquals(5L, classification.get("seed"));
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) run.provenance().get("environment");
        assertEquals(Runtime.version().toString(), environment.get("java_version"));
        assertTrue(Files.readString(report.resolve(ReportWriter.REPORT_FILE)).contains("charts/icl-accuracy.png"));
    }

    @Test
    void openClWritesTheReportWithTheCpusAnswers() throws Exception {
        try (org.symtune.core.gpu.ComputeDevice device = org.symtune.core.gpu.Devices.open("opencl")) {
            assertTrue(device.name().startsWith("opencl"), device.name());
        } catch (org.symtune.core.gpu.GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
        }
        List<String> common = List.of("--model", modelDir.toString(), "--suite", "icl,turing", "--queries", "2",
                "--tasks", "df_adjective_polarity", "--turing-queries", "1", "--seed", "7", "--batch", "5");
        Map<String, RunResults> runs = new TreeMap<>();
        for (String backend : List.of("cpu", "opencl")) {
            Path report = dir.resolve("report-" + backend);
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--out", report.toString(), "--backend", backend));
            Output o = run(args);
            assertEquals(0, o.status(), o.err());
            assertTrue(Files.size(report.resolve(ReportWriter.REPORT_FILE)) > 0);
            runs.put(backend, ResultsJson.read(report.resolve(ResultsJson.FILE_NAME)));
        }
        assertTrue(runs.get("opencl").provenance().get("backend").toString().startsWith("opencl"), runs.get("opencl").provenance().toString());
        // Greedy answers and rank decisions are the CPU's: device rounding is far below the gaps between logits here.
        assertEquals(runs.get("cpu").items(), runs.get("opencl").items());
        assertThrows(UsageException.class, () -> run(List.of("--model", modelDir.toString(), "--out", dir.resolve("x").toString(),
                "--backend", "gpu")));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        String model = modelDir.toString();
        String out = dir.resolve("unused").toString();
        assertThrows(UsageException.class, () -> run(List.of("--model", model)));
        assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--suite", "icl,poetry")));
        assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--template", "10")));
        assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--queries", "0")));
        UsageException e = assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--tasks", "nope")));
        assertTrue(e.getMessage().contains("lt_style"), "lists the held-out tasks: " + e.getMessage());
        e = assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--tasks", "wn_synonyms")));
        assertTrue(e.getMessage().contains("tuning task"), e.getMessage());
        assertThrows(UsageException.class, () -> run(List.of("--model", model, "--out", out, "--suite", "list-functions",
                "--list-routines", dir.toString())));
        assertTrue(Main.commands().containsKey("eval"));
    }
}
