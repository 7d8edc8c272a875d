package org.symtune.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.symtune.cli.study.Study;
import org.symtune.cli.study.StudyConfig;
import org.symtune.cli.study.StudyReport;

/**
 * {@code symtune reproduce}: the whole study at a chosen scale — tokenizer and pretraining, instruction
 * tuning (the baseline), symbol tuning from the baseline, evaluation of both, and the side-by-side report.
 * Rerunning the same command continues an interrupted study; finished stages are not redone.
 */
public final class ReproduceCommand implements Command {
    /** System property the launcher sets to the project folder, where {@code configs/} lives. */
    public static final String HOME_PROPERTY = "symtune.home";

    @Override
    public String name() {
        return "reproduce";
    }

    @Override
    public String summary() {
        return "the whole study: pretrain, instruction-tune, symbol-tune, evaluate both, report side by side";
    }

    @Override
    public String usage() {
        return """
                usage: symtune reproduce (--preset tiny|small|medium | --config STUDY.json) [--seeds N] [--out DIR] [--set PATH=VALUE ...] [--reuse DIR]
                  Runs configs/study-PRESET.json (or the given study file) stage by stage and writes the report.
                  Running it again with the same options continues where it stopped; finished stages are kept.
                  --preset P           the study config configs/study-P.json of this project
                  --config FILE        a study config of your own (same format)
                  --seeds N            seeds to run (default: the config's "seeds"); more seeds can be added later
                  --out DIR            the study folder (default runs/study-NAME)
                  --set PATH=VALUE     change one config value, e.g. --set symbol.steps=400 or
                                       --set symbol.data.symbol_ratio=0.5 or --set eval.k=2 (repeatable)
                  --reuse DIR          take finished training runs from the study in DIR where their configs are the same
                                       (ablations share the pretraining and, when only symbol tuning changes, the baseline)
                  --list-routines DIR  the list-routines data for the list-function suite (default: shared/data/list-routines
                                       in the working directory, the project folder or a parent; left out when absent)""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("preset", "config", "seeds", "out", "set", "list-routines", "reuse"), Set.of());
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        StudyConfig config = config(a.get("preset", null), a.get("config", null));
        for (String assignment : a.getAll("set")) {
            try {
                config = config.override(assignment);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        int seeds = a.getInt("seeds", config.seeds());
        if (seeds < 1) throw new UsageException("--seeds must be at least 1, got " + seeds);
        Path dir = Path.of(a.get("out", "runs/study-" + config.name()));
        Optional<Path> listRoutines = listRoutines(a.get("list-routines", null));
        if (listRoutines.isEmpty()) {
            err.println("note: the list-routines data was not found (shared/data/list-routines); the list-function suite is left out. "
                    + "Give --list-routines DIR to include it.");
        }
        Optional<Path> reuse = Optional.ofNullable(a.get("reuse", null)).map(Path::of);
        if (reuse.isPresent() && !Files.isRegularFile(reuse.get().resolve("study.json"))) {
            throw new UsageException("--reuse: " + reuse.get() + " is not a study folder (it has no study.json)");
        }
        Study study = new Study(config, seeds, dir, listRoutines, reuse, (args, o, e) -> new EvalCommand().run(args, o, e), out, err);
        StudyReport.print(study.run(), out);
        return 0;
    }

    /** The study file named by --preset or --config. */
    static StudyConfig config(String preset, String file) throws UsageException {
        if ((preset == null) == (file == null)) throw new UsageException("give one of --preset tiny|small|medium and --config STUDY.json");
        if (file != null) {
            if (!Files.isRegularFile(Path.of(file))) throw new UsageException("--config: no such file " + file);
            return StudyConfig.read(Path.of(file));
        }
        Path found = presetFile(preset);
        if (found == null) {
            throw new UsageException("--preset " + preset + ": no configs/study-" + preset + ".json in the project folder or the working directory"
                    + " (presets: " + String.join(", ", presets()) + ")");
        }
        return StudyConfig.read(found);
    }

    private static Path presetFile(String preset) {
        for (Path dir : configDirs()) {
            Path p = dir.resolve("study-" + preset + ".json");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static List<String> presets() {
        List<String> names = new ArrayList<>();
        for (Path dir : configDirs()) {
            try (var files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("study-") && n.endsWith(".json"))
                        .map(n -> n.substring(6, n.length() - 5)).sorted().forEach(n -> {
                            if (!names.contains(n)) names.add(n);
                        });
            } catch (java.io.IOException e) {
                // an unreadable folder offers no presets
            }
        }
        return names;
    }

    private static List<Path> configDirs() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) dirs.add(Path.of(home, "configs"));
        dirs.add(Path.of("configs"));
        dirs.removeIf(d -> !Files.isDirectory(d));
        return dirs;
    }

    private static Optional<Path> listRoutines(String given) throws UsageException {
        if (given == null) return EvalCommand.findListRoutines();
        Path p = Path.of(given);
        if (!Files.isDirectory(p.resolve("dataset")) || !Files.isDirectory(p.resolve("model"))) {
            throw new UsageException("--list-routines: " + given + " does not hold the dataset/ and model/ folders of the list-routines data");
        }
        return Optional.of(p);
    }
}
