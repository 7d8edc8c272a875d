package org.symtune.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.GroupSummary;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.RunSummary;
import org.symtune.eval.metrics.TaskAccuracy;

/**
 * The results file of one run, {@value #FILE_NAME}: model, provenance, bootstrap settings, the
 * summaries (per setting, per category, per task) for readers in other languages, and every item.
 * Reading takes back the model, provenance and items; summaries are recomputed from the items, so a
 * hand-edited summary can never disagree with what the tools compute.
 *
 * <p>Accuracies are fractions in [0, 1]; field names are snake_case.
 */
public final class ResultsJson {
    /** The name of the results file in a run directory. */
    public static final String FILE_NAME = "results.json";
    static final String FORMAT = "symtune-eval-results";
    static final long FORMAT_VERSION = 1;

    private ResultsJson() {
    }

    /** The JSON text of a run and its summary (which must have been computed from that run). */
    public static String toJson(RunResults run, RunSummary summary) {
        if (!run.model().equals(summary.model())) {
            throw new IllegalArgumentException("summary of '" + summary.model() + "' given with the results of '" + run.model() + "'");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("model", run.model());
        root.put("provenance", run.provenance());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("method", "percentile bootstrap of the unweighted mean over tasks; items resampled with replacement within each task");
        boot.put("resamples", (long) summary.config().resamples());
        boot.put("seed", summary.config().seed());
        boot.put("confidence", summary.config().confidence());
        root.put("bootstrap", boot);
        root.put("settings", summary.settings().stream().map(ResultsJson::group).toList());
        root.put("categories", summary.categories().stream().map(ResultsJson::group).toList());
        root.put("tasks", summary.tasks().stream().map(ResultsJson::task).toList());
        root.put("items", run.items().stream().map(ResultsJson::item).toList());
        return Json.writePretty(root);
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public static void write(Path file, RunResults run, RunSummary summary) throws IOException {
        AtomicFiles.writeString(file, toJson(run, summary));
    }

    /** Reads a results file. */
    public static RunResults read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultsFormatException("results file not found: " + file);
        }
        return parse(text, file.toString());
    }

    /**
     * The results file a command-line argument names: the file itself, {@code DIR/}{@value #FILE_NAME},
     * or the one {@value #FILE_NAME} found up to three levels below {@code DIR}.
     *
     * @throws ResultsFormatException when there is none, or more than one below the directory
     */
    public static Path locate(Path path) throws IOException {
        if (Files.isRegularFile(path)) return path;
        if (!Files.isDirectory(path)) throw new ResultsFormatException("no such results file or run directory: " + path);
        Path direct = path.resolve(FILE_NAME);
        if (Files.isRegularFile(direct)) return direct;
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path, 3)) {
            found = walk.filter(p -> p.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(p)).sorted().toList();
        }
        if (found.isEmpty()) throw new ResultsFormatException("no " + FILE_NAME + " in run directory " + path);
        if (found.size() > 1) {
            throw new ResultsFormatException("run directory " + path + " holds " + found.size() + " results files; name one: "
                    + String.join(", ", found.stream().map(Path::toString).toList()));
        }
        return found.get(0);
    }

    /** Parses the text of a results file; {@code source} names it in error messages. */
    public static RunResults parse(String text, String source) {
        JsonFields root = new JsonFields(Json.parseObject(text, source), source);
        if (!FORMAT.equals(root.optionalString("format"))) {
            throw new ResultsFormatException(source + ": not a symtune results file (field format must be \"" + FORMAT + "\")");
        }
        long version = root.integer("format_version");
        if (version != FORMAT_VERSION) {
            throw new ResultsFormatException(source + ": format_version " + version + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
        List<ItemResult> items = new ArrayList<>();
        for (JsonFields it : root.objects("items")) {
            try {
                items.add(new ItemResult(it.string("suite"), it.string("setting"), it.string("task"), it.string("id"),
                        it.optionalString("category"), it.string("prediction"), it.string("expected"), it.bool("correct"),
                        it.optionalBool("rank_correct"), it.number("chance"), it.optionalBool("in_label_set")));
            } catch (IllegalArgumentException e) {
                throw new ResultsFormatException(source + ": item " + items.size() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new RunResults(root.string("model"), root.rawObject("provenance"), items);
        } catch (IllegalArgumentException e) {
            throw new ResultsFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> group(GroupSummary g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", g.suite());
        m.put("setting", g.setting());
        if (g.category() != null) m.put("category", g.category());
        m.put("tasks", (long) g.tasks());
        m.put("items", (long) g.items());
        m.put("accuracy", g.mean());
        m.put("ci_low", g.ci().lo());
        m.put("ci_high", g.ci().hi());
        m.put("chance", g.chance());
        m.put("rank_accuracy", g.rankMean());
        m.put("label_share", g.labelShare());
        return m;
    }

    private static Map<String, Object> task(TaskAccuracy t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", t.suite());
        m.put("setting", t.setting());
        m.put("task", t.task());
        m.put("category", t.category());
        m.put("items", (long) t.items());
        m.put("correct", (long) t.correct());
        m.put("accuracy", t.accuracy());
        m.put("rank_correct", t.rankCorrect() == null ? null : (long) t.rankCorrect());
        m.put("chance", t.chance());
        m.put("in_label_set", t.inLabelSet() == null ? null : (long) t.inLabelSet());
        return m;
    }

    private static Map<String, Object> item(ItemResult it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", it.suite());
        m.put("setting", it.setting());
        m.put("task", it.task());
        m.put("id", it.itemId());
        m.put("category", it.category());
        m.put("prediction", it.prediction());
        m.put("expected", it.expected());
        m.put("correct", it.correct());
        m.put("rank_correct", it.rankCorrect());
        m.put("chance", it.chance());
        m.put("in_label_set", it.inLabelSet());
        return m;
    }
}
