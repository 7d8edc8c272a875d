package org.symtune.cli.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which differences make a finished run another run: everything but where it lives and which backend ran it. */
class StageRunnerTest {

    @Test
    void runDirectoryAndBackendDoNotMakeAnotherRunButAnyOtherFieldDoes() {
        Map<String, Object> saved = new LinkedHashMap<>(Map.of("steps", 10L, "seed", 1L, "run_dir", "/a/run", "optimizer", Map.of("type", "adafactor")));
        Map<String, Object> moved = new LinkedHashMap<>(saved);
        moved.put("run_dir", "/b/run");
        moved.put("backend", "opencl");
        assertEquals(List.of(), StageRunner.differingFields(saved, moved), "a moved run, or one without the backend field, is the same run");
        Map<String, Object> changed = new LinkedHashMap<>(moved);
        changed.put("optimizer", Map.of("type", "adamw"));
        changed.put("clip_grad_norm", 1.0);
        changed.remove("seed");
        assertEquals(Set.of("seed", "optimizer", "clip_grad_norm"), Set.copyOf(StageRunner.differingFields(saved, changed)));
    }
}
