package org.symtune.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.Devices;
import org.symtune.eval.harness.ConsoleProgress;
import org.symtune.eval.harness.Environment;
import org.symtune.eval.harness.EvalHarness;
import org.symtune.eval.harness.IclOptions;
import org.symtune.eval.harness.ListFunctionOptions;
import org.symtune.eval.harness.Progress;
import org.symtune.eval.harness.TransformerModel;
import org.symtune.eval.harness.TuringOptions;
import org.symtune.eval.listfn.ConceptCatalogue;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.GroupSummary;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.RunSummary;
import org.symtune.eval.report.Formats;
import org.symtune.eval.report.ReportWriter;
import org.symtune.model.device.DeviceTransformer;
import org.symtune.model.infer.ModelLoader;
import org.symtune.tuning.data.suite.BuiltInSuite;
import org.symtune.tuning.prompt.Templates;
import org.symtune.tuning.symbols.SymbolPools;
import org.symtune.tuning.task.Role;
import org.symtune.tuning.task.Task;
import org.symtune.tuning.task.TaskRegistry;

/**
 * {@code symtune eval}: evaluates a checkpoint on the held-out classification tasks in the four ICL
 * settings and with flipped labels, on list functions and on simple Turing concepts, and writes the
 * report (results JSON and CSV, Markdown, charts) with the run's provenance.
 */
public final class EvalCommand implements Command {
    private final Supplier<ModelLoader> loader;

    public EvalCommand() {
        this(ModelLoader::installed);
    }

    /** With another way of loading models (tests hand in a model built in memory). */
    EvalCommand(Supplier<ModelLoader> loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate a model: ICL settings, flipped labels, list functions, Turing concepts; writes a report";
    }

    @Override
    public String usage() {
        return """
                usage: symtune eval --model DIR --out DIR [--tokenizer PATH] [--suite SUITES] [--queries N] [--seed S] [options]
                  Evaluates the model and writes results.json, CSV files, report.md and charts/ to --out.
                  --model DIR          checkpoint folder (config.json + safetensors)
                  --out DIR            where the report goes (created; files in it are replaced)
                  --tokenizer PATH     tokenizer.json or a folder holding one (default: the model folder)
                  --suite SUITES       comma-separated, from icl, flipped, list-functions, turing (default: all four)
                  --queries N          queries per held-out task for icl and flipped (default %d)
                  --seed S             seed of every choice of queries, exemplars, templates and symbols (default %d)
                  --k N                exemplars per class in icl and flipped prompts (default %d)
                  --tasks NAMES        comma-separated held-out tasks (default: every built-in evaluation task)
                  --template I         use template I (0..%d) in every classification prompt (default: one drawn per item)
                  --list-routines DIR  the list-routines data (default: shared/data/list-routines in the working
                                       directory or a parent)
                  --list-queries N     queries per list-function concept (default %d: the stored examples; more
                                       are freshly generated)
                  --list-concepts N    evaluate a seeded sample of N list-function concepts (default 0: all)
                  --turing-queries N   queries per Turing concept, asked after each teaching set (default %d)
                  --turing-length L    Turing concepts of P3 programs of at most L instructions (default %d)
                  --batch N            prompts run together (default %d)
                  --backend B          cpu (default), or opencl / cuda: the model runs on the first device of that API
                                       (generation reruns the rows without a KV cache; ranking runs a row per candidate)
                  --name NAME          the model's name in the report (default: the model folder's name)
                  --prompt-end eos|none  end every prompt with the end-of-text token, as symtune's tuning lays out
                                       input EOS target (default eos); none for models tuned elsewhere"""
                .formatted(IclOptions.DEFAULT_QUERIES_PER_TASK, IclOptions.DEFAULT_SEED, IclOptions.DEFAULT_EXEMPLARS_PER_CLASS,
                        Templates.ALL.size() - 1, ListFunctionOptions.DEFAULT.queriesPerConcept(), TuringOptions.DEFAULT.queriesPerConcept(),
                        TuringOptions.DEFAULT.maxProgramLength(), TransformerModel.DEFAULT_MAX_BATCH);
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "tokenizer", "out", "suite", "queries", "seed", "k", "tasks", "template", "list-routines",
                "list-queries", "list-concepts", "turing-queries", "turing-length", "batch", "name", "prompt-end", "backend"), Set.of());
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        String outDir = a.get("out", null);
        if (outDir == null) throw new UsageException("--out DIR is required");
        EvalHarness.Config config = config(a);
        String api = a.get("backend", "cpu");
        if (!api.equals("cpu") && !Devices.APIS.contains(api)) {
            throw new UsageException("--backend must be cpu, opencl or cuda, got '" + api + "'");
        }

        // Fail on arguments before the slow work: the tasks, the data folder, then the model.
        List<String> taskNames = taskNames(a, config);
        Path listRoutines = config.runs("list-functions") ? listRoutines(a) : null;
        ModelOptions m = ModelOptions.load(a, loader);
        String modelDir = a.get("model", null);
        Path folderName = Path.of(modelDir).toAbsolutePath().normalize().getFileName();
        String name = a.get("name", folderName == null ? modelDir : folderName.toString());
        int promptEnd = promptEnd(a.get("prompt-end", "eos"), m.tokenizer());
        ComputeDevice device = null;
        DeviceTransformer deviceModel = null;
        TransformerModel model;
        String ranOn;
        if (api.equals("cpu")) {
            Backend backend = Backends.best();
            model = new TransformerModel(name, m.model(), m.tokenizer(), backend, config.batch(), promptEnd);
            ranOn = backend.name();
        } else {
            DeviceTransformer.requireSupported(m.model().config());
            device = Devices.open(api);
            try {
                deviceModel = DeviceTransformer.upload(m.model(), new DeviceOps(device));
            } catch (RuntimeException e) {
                device.close();
                throw e;
            }
            model = TransformerModel.onDevice(name, deviceModel, m.tokenizer(), config.batch(), promptEnd);
            ranOn = device.name();
            err.println("eval: the model runs on " + ranOn);
        }
        try {
            TaskRegistry registry = BuiltInSuite.registry();
            EvalHarness.Inputs inputs = new EvalHarness.Inputs(() -> {
                List<Task> tasks = new ArrayList<>();
                for (String t : taskNames) tasks.add(registry.get(t));
                return tasks;
            }, SymbolPools::evaluation, () -> ConceptCatalogue.load(listRoutines));

            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("command", "symtune eval " + String.join(" ", argv));
            provenance.put("model_dir", Path.of(modelDir).toAbsolutePath().normalize().toString());
            provenance.put("tokenizer", Path.of(a.get("tokenizer", modelDir)).toAbsolutePath().normalize().toString());
            provenance.put("model_config", jsonReady(m.model().config().toJson()));
            provenance.put("parameters", m.model().config().parameterCount());
            provenance.put("tokenizer_vocab_size", (long) m.tokenizer().vocabSize());
            provenance.put("backend", ranOn);
            provenance.put("prompt_end", promptEnd < 0 ? "none" : m.tokenizer().idToToken(promptEnd));
            if (listRoutines != null) provenance.put("list_routines", listRoutines.toAbsolutePath().normalize().toString());
            provenance.put("environment", Environment.describe());

            // A bar redrawn in place only on a terminal; logs and pipes get a line per tenth.
            Progress progress = new ConsoleProgress(err, err == System.err && System.console() != null && System.console().isTerminal());
            long started = System.nanoTime();
            EvalHarness.Outcome outcome = new EvalHarness(config).evaluate(model, inputs, provenance, progress);
            notes(err, outcome, model.contextLength());
            RunResults run = outcome.results();
            Map<String, Object> withTime = new LinkedHashMap<>(run.provenance());
            withTime.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            run = new RunResults(run.model(), withTime, run.items());

            Path dir = Path.of(outDir);
            ReportWriter.writeRun(dir, run, BootstrapConfig.DEFAULT);
            printSummary(out, RunSummary.of(run, BootstrapConfig.DEFAULT));
            out.println("report written to " + dir.resolve(ReportWriter.REPORT_FILE));
            out.flush();
            return 0;
        } finally {
            if (deviceModel != null) deviceModel.close();
            if (device != null) device.close();
        }
    }

    private static EvalHarness.Config config(Args a) throws UsageException {
        List<String> suites = a.get("suite", null) == null ? EvalHarness.SUITES : split(a.get("suite", null));
        long seed = longValue(a, "seed", IclOptions.DEFAULT_SEED);
        try {
            IclOptions icl = IclOptions.DEFAULT.withSeed(seed).withQueriesPerTask(a.getInt("queries", IclOptions.DEFAULT_QUERIES_PER_TASK))
                    .withExemplarsPerClass(a.getInt("k", IclOptions.DEFAULT_EXEMPLARS_PER_CLASS)).withTemplate(a.getInt("template", -1));
            ListFunctionOptions lf = ListFunctionOptions.DEFAULT.withSeed(seed)
                    .withQueriesPerConcept(a.getInt("list-queries", ListFunctionOptions.DEFAULT.queriesPerConcept()))
                    .withMaxConcepts(a.getInt("list-concepts", 0));
            TuringOptions tu = new TuringOptions(a.getInt("turing-length", TuringOptions.DEFAULT.maxProgramLength()),
                    a.getInt("turing-queries", TuringOptions.DEFAULT.queriesPerConcept()), seed, TuringOptions.DEFAULT.answerSlack());
            return new EvalHarness.Config(suites, icl, lf, tu, a.getInt("batch", TransformerModel.DEFAULT_MAX_BATCH));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<String> taskNames(Args a, EvalHarness.Config config) throws UsageException {
        if (!config.runs("icl") && !config.runs("flipped")) return List.of();
        TaskRegistry registry = BuiltInSuite.registry();
        String given = a.get("tasks", null);
        if (given == null) return registry.names(Role.EVALUATION);
        List<String> names = split(given);
        for (String n : names) {
            if (!registry.contains(n)) {
                throw new UsageException("--tasks: no task named '" + n + "'; held-out tasks: " + String.join(", ", registry.names(Role.EVALUATION)));
            }
            if (registry.entry(n).role() != Role.EVALUATION) {
                throw new UsageException("--tasks: '" + n + "' is a tuning task; evaluate only held-out tasks: "
                        + String.join(", ", registry.names(Role.EVALUATION)));
            }
        }
        return names;
    }

    /** The token after every prompt: {@code eos} (the tokenizer's end-of-text, as symtune tuning lays out examples) or {@code none}. */
    private static int promptEnd(String given, org.symtune.tokenizer.Tokenizer tokenizer) throws UsageException {
        if (given.equals("none")) return -1;
        if (!given.equals("eos")) throw new UsageException("--prompt-end takes eos or none, got '" + given + "'");
        List<Integer> eos = org.symtune.model.infer.EndOfText.ids(tokenizer);
        if (eos.isEmpty()) {
            throw new UsageException("--prompt-end eos: the tokenizer has no end-of-text token (" + org.symtune.model.infer.EndOfText.NAMES
                    + "); give --prompt-end none");
        }
        return eos.get(0);
    }

    /** The list-routines data at shared/data/list-routines in the working directory, the project folder, or a parent of either. */
    static Optional<Path> findListRoutines() {
        List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        String home = System.getProperty(ReproduceCommand.HOME_PROPERTY);
        if (home != null) starts.add(Path.of(home).toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path p = dir.resolve("shared").resolve("data").resolve("list-routines");
                if (Files.isDirectory(p.resolve("dataset")) && Files.isDirectory(p.resolve("model"))) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path listRoutines(Args a) throws UsageException {
        String given = a.get("list-routines", null);
        if (given != null) {
            Path p = Path.of(given);
            if (!Files.isDirectory(p.resolve("dataset")) || !Files.isDirectory(p.resolve("model"))) {
                throw new UsageException("--list-routines: " + given + " does not hold the dataset/ and model/ folders of the list-routines data");
            }
            return p;
        }
        Optional<Path> found = findListRoutines();
        if (found.isPresent()) return found.get();
        throw new UsageException("the list-functions suite needs the list-routines data: give --list-routines DIR, or leave the suite "
                + "out with --suite (no shared/data/list-routines in the working directory or a parent)");
    }

    private static List<String> split(String csv) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String t = s.strip();
            if (t.isEmpty()) throw new UsageException("empty name in '" + csv + "'");
            out.add(t);
        }
        return out;
    }

    private static long longValue(Args a, String name, long fallback) throws UsageException {
        String v = a.get(name, null);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    /** Integers as longs, so the provenance reads back from JSON as it was written. */
    private static Object jsonReady(Object v) {
        if (v instanceof Integer i) return (long) i;
        if (v instanceof Float f) return (double) f;
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), jsonReady(x)));
            return out;
        }
        if (v instanceof List<?> list) return list.stream().map(EvalCommand::jsonReady).toList();
        return v;
    }

    /** Says what had to give way to the model's context, so that a reader of the console sees it too. */
    private static void notes(PrintStream err, EvalHarness.Outcome o, int context) {
        if (o.droppedExemplars() > 0) {
            err.println("note: " + o.droppedExemplars() + " exemplars were left out of classification prompts to fit the model's context of "
                    + context + " tokens (the same in every setting; per task in results.json)");
        }
        o.skipped().forEach((suite, n) -> {
            if (n > 0) err.println("note: " + suite + ": " + n + " queries did not fit the model's context of " + context + " tokens and were skipped");
        });
    }

    /** One line per suite and setting: accuracy with its interval, rank accuracy where scored, chance. */
    private static void printSummary(PrintStream out, RunSummary s) {
        out.println(s.model() + ": exact match (mean over tasks) [" + Formats.percentWord(s.config().confidence())
                + " CI], rank classification, chance");
        for (GroupSummary g : s.settings()) {
            out.printf("  %-15s %-58s %5s [%5s, %5s]  rank %5s  chance %5s  (%d tasks, %d items)%n", g.suite(), Formats.settingLabel(g.setting()),
                    Formats.pct(g.mean()), Formats.pct(g.ci().lo()), Formats.pct(g.ci().hi()),
                    g.rankMean() == null ? "-" : Formats.pct(g.rankMean()), Formats.pct(g.chance()), g.tasks(), g.items());
        }
    }
}
