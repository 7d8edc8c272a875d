package org.symtune.cli.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.core.io.Json;
import org.symtune.tuning.train.TrainConfig;

/** The study file format: the shipped configs parse, overrides edit dotted paths, and mistakes are named. */
class StudyConfigTest {

    private static Path configs() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("configs").resolve("study-tiny.json"))) return d.resolve("configs");
        }
        throw new AssertionError("configs/study-tiny.json not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyShippedStudyParsesAndItsStagesAreValidTrainConfigs() throws Exception {
        List<Path> studies;
        try (var files = Files.list(configs())) {
            studies = files.filter(f -> f.getFileName().toString().matches("study-.*\\.json")).sorted().toList();
        }
        assertTrue(studies.size() >= 4, "shipped studies: " + studies);
        for (Path file : studies) {
            String name = file.getFileName().toString().replaceAll("^study-|\\.json$", "");
            StudyConfig c = StudyConfig.read(file);
            assertEquals(name, c.name());
            Map<String, Object> pretrain = c.stage("pretrain");
            Object preset = ((Map<?, ?>) pretrain.get("model")).get("preset");
            pretrain.put("run_dir", "unused");
            TrainConfig.parse(pretrain, "pretrain", Path.of(""));
            for (String stage : List.of("instruct", "symbol")) {
                Map<String, Object> m = c.stage(stage);
                m.put("model", Map.of("preset", preset));
                m.put("tokenizer", Map.of("train", Map.of("vocab_size", 300L)));
                m.put("run_dir", "unused");
                TrainConfig t = TrainConfig.parse(m, stage, Path.of(""));
                assertEquals("mixture", t.data().type(), stage);
            }
        }
    }

    private static StudyConfig minimal() {
        return StudyConfig.of(Json.parseObject("""
                {"name": "m", "seeds": 2, "pretrain": {"steps": 1}, "instruct": {"steps": 2}, "symbol": {"steps": 3, "data": {"symbol_ratio": 0.16}},
                 "eval": {"queries": 5}}""", "m.json"), "m.json");
    }

    @Test
    void overridesEditDottedPathsAndReadJsonValues() {
        StudyConfig c = minimal().override("symbol.data.symbol_ratio=0.5").override("eval.suites=[\"icl\",\"flipped\"]")
                .override("symbol.steps = 40").override("description=plain text");
        assertEquals(0.5, ((Map<?, ?>) c.stage("symbol").get("data")).get("symbol_ratio"));
        assertEquals(40L, c.stage("symbol").get("steps"));
        assertEquals(List.of("icl", "flipped"), c.eval().get("suites"));
        assertEquals("plain text", c.description());
        assertEquals(3L, minimal().stage("symbol").get("steps"), "overrides return a copy");
    }

    @Test
    void mistakesNameTheFileAndField() {
        IllegalArgumentException owned = assertThrows(IllegalArgumentException.class, () -> minimal().override("instruct.seed=3"));
        assertTrue(owned.getMessage().contains("\"instruct.seed\"") && owned.getMessage().contains("the study sets it"), owned.getMessage());
        IllegalArgumentException evalField = assertThrows(IllegalArgumentException.class, () -> minimal().override("eval.shots=3"));
        assertTrue(evalField.getMessage().contains("\"eval.shots\""), evalField.getMessage());
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> minimal().override("steps=3"));
        assertTrue(top.getMessage().startsWith("m.json with --set steps=3: unknown field"), top.getMessage());
        IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class, () -> minimal().override("eval.queries.x=1"));
        assertTrue(notObject.getMessage().contains("'eval.queries' is not an object"), notObject.getMessage());
        assertThrows(IllegalArgumentException.class, () -> minimal().override("no-equals-sign"));
        IllegalArgumentException runDir = assertThrows(IllegalArgumentException.class, () -> minimal().override("pretrain.run_dir=x"));
        assertTrue(runDir.getMessage().contains("run directories"), runDir.getMessage());
    }
}
