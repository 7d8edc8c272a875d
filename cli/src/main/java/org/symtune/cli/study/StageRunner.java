package org.symtune.cli.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.symtune.core.io.Json;
import org.symtune.tuning.train.CheckpointStore;
import org.symtune.tuning.train.RunFiles;
import org.symtune.tuning.train.TrainConfig;
import org.symtune.tuning.train.TrainJob;

/**
 * Runs one training stage of a study so that it can be interrupted anywhere: a finished stage is
 * skipped (after checking it was run with the same config), a stage with a checkpoint is resumed
 * bit-identically, and a stage that stopped before its first checkpoint is started again.
 */
final class StageRunner {
    private static final java.util.Set<String> NOT_COMPARED = java.util.Set.of("run_dir", "backend");
    private final PrintStream out;
    private final PrintStream err;

    StageRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What the stage left: its final model folder and whether this call trained anything. */
    record Result(Path finalModel, boolean trained) {
    }

    /**
     * Trains the stage in {@code config.runDir()}, or takes the finished run of another study at
     * {@code reusable} when it was run with the same config (its run directory aside).
     */
    Result train(String stage, TrainConfig config, String source, Path reusable) throws IOException {
        RunFiles run = new RunFiles(config.runDir());
        if (reusable != null && !finished(run) && finished(new RunFiles(reusable))) {
            RunFiles other = new RunFiles(reusable);
            List<String> differing = differingFields(savedConfig(other), config.toJson());
            if (differing.isEmpty()) {
                out.println("[" + stage + "] reusing the finished run " + other.dir());
                return new Result(other.finalModel(), false);
            }
            out.println("[" + stage + "] not reusing " + other.dir() + ": its " + String.join(", ", differing) + " differ");
        }
        if (finished(run)) {
            List<String> differing = differingFields(savedConfig(run), config.toJson());
            if (!differing.isEmpty()) {
                throw new IllegalStateException(stage + ": " + run.dir() + " holds a finished run with a different config (" + String.join(", ", differing)
                        + " differ); give the study another --out, or delete that folder to redo the stage");
            }
            out.println("[" + stage + "] done already: " + run.finalModel());
            return new Result(run.finalModel(), false);
        }
        TrainJob.Options options = TrainJob.Options.console(out, err);
        if (new CheckpointStore(run.checkpoints(), config.keepCheckpoints()).latest().isPresent()) {
            out.println("[" + stage + "] resuming " + run.dir());
            TrainJob.resume(run.dir(), config, source, options);
        } else {
            if (Files.exists(run.dir())) {
                out.println("[" + stage + "] " + run.dir() + " stopped before its first checkpoint; starting it again");
                deleteTree(run.dir());
            }
            out.println("[" + stage + "] training in " + run.dir());
            TrainJob.start(config, source, options);
        }
        if (!finished(run)) throw new IllegalStateException(stage + ": the run in " + run.dir() + " ended without its final model");
        return new Result(run.finalModel(), true);
    }

    static boolean finished(RunFiles run) throws IOException {
        if (!Files.isRegularFile(run.summary()) || !Files.isDirectory(run.finalModel())) return false;
        Map<String, Object> summary = Json.parseObject(Files.readString(run.summary()), run.summary().toString());
        return Boolean.TRUE.equals(summary.get("finished"));
    }

    private static Map<String, Object> savedConfig(RunFiles run) throws IOException {
        return Json.parseObject(Files.readString(run.config()), run.config().toString());
    }

    /**
     * Top-level fields whose JSON text differs (both sides come from TrainConfig.toJson, so types agree). Neither the
     * run directory (a run may be moved or reached through a link) nor the backend (results agree across
     * backends, and a run may switch) is compared.
     */
    static List<String> differingFields(Map<String, Object> a, Map<String, Object> b) {
        List<String> out = new ArrayList<>();
        for (String k : a.keySet()) {
            if (NOT_COMPARED.contains(k)) continue;
            if (!b.containsKey(k) || !Json.write(a.get(k)).equals(Json.write(b.get(k)))) out.add(k);
        }
        for (String k : b.keySet()) if (!a.containsKey(k) && !NOT_COMPARED.contains(k)) out.add(k);
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
