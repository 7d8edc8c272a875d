package org.symtune.cli.study;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.symtune.core.io.Json;
import org.symtune.tuning.train.RunFiles;
import org.symtune.tuning.train.TrainConfig;

/**
 * The main job: pretraining (with tokenizer training) → instruction tuning, the baseline → symbol tuning
 * from the baseline → evaluation of both on the same items → a side-by-side report pooled over seeds.
 * The pretrained model is shared by all seeds, as one Flan-PaLM checkpoint was in the reference study;
 * each seed has its own tuning runs and its own evaluation items. Every stage resumes after an
 * interruption and a finished stage is not redone.
 */
public final class Study {

    /** Runs a command line of another symtune command (evaluation) and returns its exit status. */
    public interface CommandRunner {
        int run(List<String> argv, PrintStream out, PrintStream err) throws Exception;
    }

    private final StudyConfig config;
    private final int seeds;
    private final StudyLayout layout;
    private final Optional<Path> listRoutines;
    private final Optional<Path> reuse;
    private final CommandRunner eval;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param seeds how many seeds to run (seed indices 0 .. seeds − 1)
     * @param listRoutines the list-routines data, or empty to leave the list-function suite out
     * @param reuse another study's folder whose finished training runs are taken when their configs match
     *     (ablations share the pretraining and often the baseline), or empty
     * @param eval runs {@code symtune eval} argument lists
     */
    public Study(StudyConfig config, int seeds, Path dir, Optional<Path> listRoutines, Optional<Path> reuse, CommandRunner eval,
                 PrintStream out, PrintStream err) {
        if (seeds < 1) throw new IllegalArgumentException("a study needs at least one seed, got " + seeds);
        this.config = config;
        this.seeds = seeds;
        this.layout = new StudyLayout(dir.toAbsolutePath().normalize());
        this.listRoutines = listRoutines;
        this.reuse = reuse.map(p -> p.toAbsolutePath().normalize());
        this.eval = eval;
        this.out = out;
        this.err = err;
    }

    public StudyLayout layout() {
        return layout;
    }

    /** Runs (or finishes) every stage and writes the report; returns the pooled outcome. */
    public StudyReport.Outcome run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(layout.dir());
        recordConfig();
        StageRunner stages = new StageRunner(out, err);

        TrainConfig pretrain = trainConfig("pretrain", config.stage("pretrain"), layout.pretrain());
        Path base = layout.pretrain().resolve("final");
        Path tokenizer = new RunFiles(layout.pretrain()).tokenizer();
        // Every stage's config is checked before the first step, not after an hour of pretraining.
        tuningConfig("instruct", base, tokenizer, config.baseSeed(), layout.instruct(0));
        tuningConfig("symbol", base, tokenizer, config.baseSeed(), layout.symbol(0));

        banner("pretraining (and tokenizer training)");
        StageRunner.Result pretrained = stages.train("pretrain", pretrain, config.source() + " (pretrain)", reused(StudyLayout::pretrain));
        if (!pretrained.finalModel().equals(base)) {
            base = pretrained.finalModel();
            tokenizer = new RunFiles(base.getParent()).tokenizer();
        }

        List<StudyReport.SeedRuns> runs = new ArrayList<>();
        List<StudyProbe.Subject> probed = new ArrayList<>(List.of(new StudyProbe.Subject("pretrained", base)));
        for (int s = 0; s < seeds; s++) {
            long seed = config.baseSeed() + s;
            banner(String.format(Locale.ROOT, "seed %d of %d (seed %d): instruction tuning, the baseline", s + 1, seeds, seed));
            int index = s;
            Path baseline = stages.train("instruct/seed-" + s, tuningConfig("instruct", base, tokenizer, seed, layout.instruct(s)),
                    config.source() + " (instruct)", reused(l -> l.instruct(index))).finalModel();
            banner(String.format(Locale.ROOT, "seed %d of %d: symbol tuning from the baseline", s + 1, seeds));
            Path tuned = stages.train("symbol/seed-" + s, tuningConfig("symbol", baseline, tokenizer, seed, layout.symbol(s)),
                    config.source() + " (symbol)", reused(l -> l.symbol(index))).finalModel();
            banner(String.format(Locale.ROOT, "seed %d of %d: evaluating both models on the same items", s + 1, seeds));
            Path evalBaseline = evaluate(baseline, "baseline", s);
            Path evalSymbol = evaluate(tuned, "symbol", s);
            runs.add(new StudyReport.SeedRuns(s, seed, evalBaseline, evalSymbol));
            probed.add(new StudyProbe.Subject("baseline, seed " + seed, baseline));
            probed.add(new StudyProbe.Subject("symbol-tuned, seed " + seed, tuned));
        }
        banner("in-context copying probe (repeated random tokens)");
        List<StudyProbe.Entry> copying = StudyProbe.run(probed);
        banner("report");
        StudyReport.Outcome outcome = StudyReport.write(layout.report(), config, runs, copying, notes());
        out.printf(Locale.ROOT, "study finished in %.1f min%n", (System.nanoTime() - started) / 60e9);
        return outcome;
    }

    /** The same stage's run folder in the study whose finished runs may be reused, or null. */
    private Path reused(java.util.function.Function<StudyLayout, Path> stage) {
        return reuse.map(dir -> stage.apply(new StudyLayout(dir))).orElse(null);
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (listRoutines.isEmpty() && suites().contains("list-functions")) {
            notes.add("The list-function suite was left out: the list-routines data (shared/data/list-routines) was not found; "
                    + "give --list-routines DIR to include it.");
        }
        return notes;
    }

    private void recordConfig() throws IOException {
        Map<String, Object> resolved = config.toJson();
        Path file = layout.config();
        if (Files.isRegularFile(file)) {
            Map<String, Object> saved = Json.parseObject(Files.readString(file), file.toString());
            Map<String, Object> a = new LinkedHashMap<>(saved);
            Map<String, Object> b = new LinkedHashMap<>(resolved);
            a.remove("seeds");
            b.remove("seeds");
            List<String> differing = StageRunner.differingFields(a, b);
            if (!differing.isEmpty()) {
                throw new IllegalStateException(layout.dir() + " holds a study with a different config (" + String.join(", ", differing)
                        + " differ from its study.json); choose another --out, or delete the folder to start over");
            }
        }
        resolved.put("seeds", (long) seeds);
        writeAtomically(file, Json.writePretty(resolved));
    }

    private TrainConfig trainConfig(String stage, Map<String, Object> json, Path runDir) {
        json.put("run_dir", runDir.toString());
        return TrainConfig.parse(json, config.source() + " (" + stage + ")", Path.of(""));
    }

    private TrainConfig tuningConfig(String stage, Path from, Path tokenizer, long seed, Path runDir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", new LinkedHashMap<>(Map.of("checkpoint", from.toString())));
        json.put("tokenizer", new LinkedHashMap<>(Map.of("path", tokenizer.toString())));
        json.putAll(config.stage(stage));
        json.put("seed", seed);
        return trainConfig(stage, json, runDir);
    }

    /** Evaluates {@code model} into its folder unless a finished evaluation is there; returns the folder. */
    private Path evaluate(Path model, String which, int s) throws Exception {
        Path dir = layout.eval(s, which);
        Path results = dir.resolve("results.json");
        List<String> argv = evalArguments(model, dir, which, s);
        String key = Json.write(withoutOut(argv));
        Path keyFile = layout.seed(s).resolve("eval-" + which + ".json");
        if (Files.isRegularFile(results)) {
            out.println("[eval/" + which + "/seed-" + s + "] done already: " + dir);
            // study.json guarantees the same config, so the finished evaluation is this one.
            if (!Files.isRegularFile(keyFile)) writeAtomically(keyFile, key);
            return dir;
        }
        if (reuse.isPresent()) {
            StudyLayout other = new StudyLayout(reuse.get());
            Path otherKey = other.seed(s).resolve("eval-" + which + ".json");
            if (Files.isRegularFile(other.eval(s, which).resolve("results.json")) && Files.isRegularFile(otherKey)
                    && Files.readString(otherKey).equals(key)) {
                out.println("[eval/" + which + "/seed-" + s + "] reusing the finished evaluation " + other.eval(s, which));
                return other.eval(s, which);
            }
        }
        out.println("[eval/" + which + "/seed-" + s + "] symtune eval "
                + String.join(" ", argv.stream().map(x -> x.contains(" ") ? "'" + x + "'" : x).toList()));
        Path log = layout.seed(s).resolve("eval-" + which + ".log");
        Files.createDirectories(log.getParent());
        int status;
        try (OutputStream file = Files.newOutputStream(log); PrintStream logStream = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            status = eval.run(argv, logStream, err);
        }
        if (status != 0 || !Files.isRegularFile(results)) {
            throw new IllegalStateException("evaluating " + model + " failed (exit status " + status + "); see " + log);
        }
        // What was evaluated and how, for studies that --reuse this one.
        writeAtomically(keyFile, key);
        return dir;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The evaluation's arguments less its output folder: equal lists mean the same evaluation. */
    private static List<String> withoutOut(List<String> argv) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--out")) {
                i++;
                continue;
            }
            kept.add(argv.get(i));
        }
        return kept;
    }

    List<String> evalArguments(Path model, Path dir, String which, int s) {
        Map<String, Object> e = config.eval();
        List<String> argv = new ArrayList<>(List.of("--model", model.toString(), "--out", dir.toString(),
                "--name", which.equals("baseline") ? StudyReport.BASELINE : StudyReport.SYMBOL));
        List<String> suites = suites();
        if (listRoutines.isEmpty()) suites.remove("list-functions");
        argv.addAll(List.of("--suite", String.join(",", suites)));
        long evalSeed = (e.get("seed") instanceof Long l ? l : 2023L) + s;
        argv.addAll(List.of("--seed", Long.toString(evalSeed)));
        for (Map.Entry<String, Object> entry : e.entrySet()) {
            String key = entry.getKey();
            if (key.equals("suites") || key.equals("seed")) continue;
            Object v = entry.getValue();
            String value = v instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(v);
            argv.addAll(List.of("--" + key.replace('_', '-'), value));
        }
        listRoutines.ifPresent(p -> argv.addAll(List.of("--list-routines", p.toString())));
        return argv;
    }

    @SuppressWarnings("unchecked")
    private List<String> suites() {
        Object s = config.eval().get("suites");
        if (s == null) return new ArrayList<>(List.of("icl", "flipped", "list-functions", "turing"));
        if (!(s instanceof List<?> l)) throw new IllegalArgumentException(config.source() + ": field \"eval.suites\": a list of suite names is required");
        return new ArrayList<>((List<String>) l);
    }

    private void banner(String what) {
        out.println();
        out.println("== " + config.name() + ": " + what);
    }
}
