package org.symtune.cli.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.io.Json;

/**
 * A whole study in one JSON file: the pretraining run (which also trains the tokenizer), the
 * instruction-tuning run that makes the baseline, the symbol-tuning run that starts from the baseline,
 * the evaluation options, and how many seeds. The three stage objects are {@code symtune train} configs
 * without the fields the study fills in itself: {@code run_dir} everywhere, and {@code model},
 * {@code tokenizer} and {@code seed} for the two tuning stages.
 *
 * <pre>
 * { "name": "tiny", "description": "...", "seeds": 1, "base_seed": 0,
 *   "pretrain": {train config}, "instruct": {train config}, "symbol": {train config},
 *   "eval": {"suites": [...], "queries": 40, "k": 4, "seed": 2023, ...} }
 * </pre>
 *
 * <p>{@link #override} applies {@code --set path=value} edits (dotted paths into the JSON), which is how
 * the research scripts run ablations without copying config files.
 */
public final class StudyConfig {
    /** The top-level fields of a study file. */
    public static final List<String> FIELDS = List.of("name", "description", "seeds", "base_seed", "pretrain", "instruct", "symbol", "eval");
    /** The fields of its {@code eval} object, each the {@code symtune eval} option of the same name (underscores for dashes). */
    public static final List<String> EVAL_FIELDS = List.of("suites", "queries", "k", "seed", "tasks", "template", "list_queries",
            "list_concepts", "turing_queries", "turing_length", "batch");
    /** Fields a tuning stage may not set: the study sets them. */
    static final List<String> STUDY_OWNED_TUNING = List.of("model", "tokenizer", "seed", "run_dir");

    private final Map<String, Object> json;
    private final String source;

    private StudyConfig(Map<String, Object> json, String source) {
        this.json = json;
        this.source = source;
    }

    /** Reads and checks a study file. */
    public static StudyConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the study config " + file + ": " + e.getMessage(), e);
        }
        return of(Json.parseObject(text, file.toString()), file.toString());
    }

    /** Checks a parsed study; {@code source} names it in error messages. */
    public static StudyConfig of(Map<String, Object> json, String source) {
        StudyConfig c = new StudyConfig(deepCopy(json), source);
        c.check();
        return c;
    }

    /** The study's resolved JSON (a copy). */
    public Map<String, Object> toJson() {
        return deepCopy(json);
    }

    public String source() {
        return source;
    }

    public String name() {
        return (String) json.get("name");
    }

    public String description() {
        Object d = json.get("description");
        return d == null ? "" : (String) d;
    }

    /** The number of seeds a run uses unless told otherwise. */
    public int seeds() {
        return ((Long) json.get("seeds")).intValue();
    }

    /** The seed of the tuning stages of seed index 0; seed index s uses {@code baseSeed() + s}. */
    public long baseSeed() {
        Object b = json.get("base_seed");
        return b == null ? 0 : (Long) b;
    }

    /** A stage's train config object (a copy): {@code pretrain}, {@code instruct} or {@code symbol}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stage(String name) {
        return deepCopy((Map<String, Object>) json.get(name));
    }

    /** The evaluation options (a copy). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> eval() {
        return deepCopy((Map<String, Object>) json.get("eval"));
    }

    /**
     * A copy with {@code path=value} applied: {@code path} is dotted ({@code symbol.data.symbol_ratio}),
     * {@code value} is read as JSON when it parses as JSON and as a string otherwise.
     */
    @SuppressWarnings("unchecked")
    public StudyConfig override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set wants PATH=VALUE (e.g. symbol.steps=400), got '" + assignment + "'");
        String path = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        Object value;
        try {
            value = Json.parse(raw, "--set " + path);
        } catch (IllegalArgumentException notJson) {
            value = raw;
        }
        Map<String, Object> copy = deepCopy(json);
        String[] keys = path.split("\\.");
        Map<String, Object> at = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = at.get(keys[i]);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                at.put(keys[i], next);
            }
            if (!(next instanceof Map)) {
                throw new IllegalArgumentException("--set " + path + ": '" + String.join(".", java.util.Arrays.copyOf(keys, i + 1))
                        + "' is not an object in " + source);
            }
            at = (Map<String, Object>) next;
        }
        at.put(keys[keys.length - 1], value);
        return of(copy, source + " with --set " + assignment);
    }

    private void check() {
        List<String> unknown = new ArrayList<>();
        for (String k : json.keySet()) if (!FIELDS.contains(k)) unknown.add(k);
        if (!unknown.isEmpty()) throw error("unknown field(s) " + unknown + "; a study has " + FIELDS);
        if (!(json.get("name") instanceof String n) || n.isBlank()) throw error("field \"name\": a non-empty string is required");
        if (!(json.get("seeds") instanceof Long s) || s < 1 || s > 100) throw error("field \"seeds\": an integer from 1 to 100 is required");
        if (json.containsKey("base_seed") && !(json.get("base_seed") instanceof Long)) throw error("field \"base_seed\": an integer is required");
        if (json.containsKey("description") && !(json.get("description") instanceof String)) throw error("field \"description\": a string is required");
        for (String stage : List.of("pretrain", "instruct", "symbol")) {
            if (!(json.get(stage) instanceof Map<?, ?> m)) throw error("field \"" + stage + "\": a train config object is required");
            if (m.containsKey("run_dir")) throw error("field \"" + stage + ".run_dir\": the study chooses run directories; leave it out");
            if (!stage.equals("pretrain")) {
                for (String owned : STUDY_OWNED_TUNING) {
                    if (m.containsKey(owned)) {
                        throw error("field \"" + stage + "." + owned + "\": the study sets it (the " + stage
                                + " stage starts from the previous stage's model and tokenizer, with the seed's own seed); leave it out");
                    }
                }
            }
        }
        if (!(json.get("eval") instanceof Map<?, ?> ev)) throw error("field \"eval\": an object is required");
        for (Object k : ev.keySet()) {
            if (!EVAL_FIELDS.contains(k)) throw error("field \"eval." + k + "\": unknown; the evaluation options are " + EVAL_FIELDS);
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ": " + message);
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), deepCopy(e.getValue()));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(deepCopy(o));
            return (T) out;
        }
        return value;
    }
}
