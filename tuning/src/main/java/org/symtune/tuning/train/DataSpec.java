package org.symtune.tuning.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.tuning.packing.CopyCurriculum;

/**
 * Where a run's training (and held-out) data comes from, by {@code "type"}:
 * <ul>
 *   <li>{@code text}: a UTF-8 corpus file (gzip when it ends in {@code .gz}), one document per line,
 *       for pretraining; the last {@code validation_fraction} of the documents is held out;
 *       {@code repeat_fraction} (default 0) is the share of training windows that show their first half
 *       twice, which rewards copying from the context (see {@link org.symtune.tuning.packing.TokenWindows});
 *       held-out windows are never repeated;</li>
 *   <li>{@code europarl}: the Europarl sample shipped in Lucene's test-framework jar (resolved by the
 *       build), its English documents by default, held out and repeated the same way;</li>
 *   <li>both corpus types take {@code copy}, a copying curriculum: {@code {"fraction": 1.0, "final_fraction": 0.25,
 *       "hold_steps": 500, "anneal_steps": 500, "pool": 256, "final_pool": 1024, "min_span": 8, "max_span": 32}}
 *       replaces that share of training windows with fresh random tokens (from the {@code pool} most frequent
 *       tokens of the training stream, growing to {@code final_pool}) whose spans repeat at random offsets (see
 *       {@link org.symtune.tuning.packing.CopyCurriculum}); held-out windows stay plain text;</li>
 *   <li>{@code pairs}: a JSONL file of {@code {"input": ..., "target": ...}} examples for supervised
 *       tuning, packed by {@link org.symtune.tuning.packing.SequencePacker}, each epoch shuffled;</li>
 *   <li>{@code batch_file}: one fixed batch {@code {"input_ids": [[...]], "targets": [[...]]}} (targets per
 *       position, negative for none), the format {@code symtune parity} uses, for debugging;</li>
 *   <li>{@code mixture}: a built-in task mixture by name ({@code symbol}, {@code instruct},
 *       {@code symbol+instruct}) streamed from item 0; held-out loss is on {@code held_out} prompts drawn
 *       with another seed from the same tuning tasks (evaluation tasks never enter a mixture).</li>
 * </ul>
 */
public sealed interface DataSpec {

    /** The types accepted in {@code data.type}. */
    List<String> TYPES = List.of("text", "europarl", "pairs", "batch_file", "mixture");

    String type();

    Map<String, Object> toJson();

    /** A pretraining corpus file. */
    record Text(Path path, double validationFraction, double repeatFraction, CopyCurriculum copy) implements DataSpec {
        public Text(Path path, double validationFraction, double repeatFraction) {
            this(path, validationFraction, repeatFraction, CopyCurriculum.NONE);
        }

        public String type() {
            return "text";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = head(type());
            m.put("path", path.toString());
            m.put("validation_fraction", validationFraction);
            putRepeat(m, repeatFraction);
            putCopy(m, copy);
            return m;
        }
    }

    /** The Europarl sample; {@code language} is {@code en} or {@code all}; {@code maxDocuments} 0 for all. */
    record Europarl(String language, double validationFraction, long maxDocuments, double repeatFraction, CopyCurriculum copy)
            implements DataSpec {
        public Europarl(String language, double validationFraction, long maxDocuments, double repeatFraction) {
            this(language, validationFraction, maxDocuments, repeatFraction, CopyCurriculum.NONE);
        }

        public String type() {
            return "europarl";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = head(type());
            m.put("language", language);
            m.put("validation_fraction", validationFraction);
            m.put("max_documents", maxDocuments);
            putRepeat(m, repeatFraction);
            putCopy(m, copy);
            return m;
        }
    }

    /**
     * Supervised pairs. Held out: {@code validationPath} when set, else the last {@code validationFraction}
     * of the file's examples.
     */
    record Pairs(Path path, Path validationPath, double validationFraction, boolean shuffle, String overflow,
                 boolean eosAfterTarget) implements DataSpec {
        public String type() {
            return "pairs";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = head(type());
            m.put("path", path.toString());
            if (validationPath != null) m.put("validation_path", validationPath.toString());
            m.put("validation_fraction", validationFraction);
            m.put("shuffle", shuffle);
            m.put("overflow", overflow);
            m.put("eos_after_target", eosAfterTarget);
            return m;
        }
    }

    /** A fixed batch; {@code evalPath}, when set, is a second batch file used as the held-out set. */
    record BatchFile(Path path, Path evalPath) implements DataSpec {
        public String type() {
            return "batch_file";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = head(type());
            m.put("path", path.toString());
            if (evalPath != null) m.put("eval_path", evalPath.toString());
            return m;
        }
    }

    /** A built-in task mixture; {@code symbolRatio} is used by {@code symbol+instruct}. */
    record Mixture(String name, double symbolRatio, int heldOut, String overflow, boolean eosAfterTarget) implements DataSpec {
        public String type() {
            return "mixture";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = head(type());
            m.put("name", name);
            m.put("symbol_ratio", symbolRatio);
            m.put("held_out", heldOut);
            m.put("overflow", overflow);
            m.put("eos_after_target", eosAfterTarget);
            return m;
        }
    }

    /** Only a share above 0 is written, so configs of runs from before the option compare equal. */
    private static void putRepeat(Map<String, Object> m, double repeatFraction) {
        if (repeatFraction > 0) m.put("repeat_fraction", repeatFraction);
    }

    /** Written only when active, for the same reason. */
    private static void putCopy(Map<String, Object> m, CopyCurriculum copy) {
        if (copy.active()) m.put("copy", copy.toJson());
    }

    private static CopyCurriculum copy(ConfigObject parent) {
        if (!parent.has("copy")) return CopyCurriculum.NONE;
        ConfigObject o = parent.object("copy");
        o.expectOnly(List.of("fraction", "final_fraction", "hold_steps", "anneal_steps", "pool", "final_pool", "min_span", "max_span"));
        double fraction = o.number("fraction", 0.5, 0, 1);
        double end = o.number("final_fraction", fraction, 0, 1);
        long hold = o.integer("hold_steps", 0L, 0, Long.MAX_VALUE);
        long anneal = o.integer("anneal_steps", 0L, 0, Long.MAX_VALUE);
        int pool = o.intValue("pool", 512, 2, 1 << 24);
        int finalPool = o.intValue("final_pool", pool, 2, 1 << 24);
        int min = o.intValue("min_span", 8, 2, 1 << 20);
        int max = o.intValue("max_span", 32, 2, 1 << 20);
        if (max < min) throw o.error("max_span", "must be at least min_span (" + min + "), got " + max);
        o.rejectUnknown();
        return new CopyCurriculum(fraction, end, hold, anneal, pool, finalPool, min, max);
    }

    private static Map<String, Object> head(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    static DataSpec parse(ConfigObject o, Path base) {
        String type = o.choice("type", null, TYPES);
        o.expectOnly(switch (type) {
            case "text" -> List.of("type", "path", "validation_fraction", "repeat_fraction", "copy");
            case "europarl" -> List.of("type", "language", "validation_fraction", "max_documents", "repeat_fraction", "copy");
            case "pairs" -> List.of("type", "path", "validation_path", "validation_fraction", "shuffle", "overflow", "eos_after_target");
            case "mixture" -> List.of("type", "name", "symbol_ratio", "held_out", "overflow", "eos_after_target");
            default -> List.of("type", "path", "eval_path");
        });
        DataSpec spec = switch (type) {
            case "text" -> new Text(path(o, "path", base), fraction(o), o.number("repeat_fraction", 0, 0, 1), copy(o));
            case "europarl" -> new Europarl(o.choice("language", "en", List.of("en", "all")), fraction(o),
                    o.integer("max_documents", 0L, 0, Integer.MAX_VALUE), o.number("repeat_fraction", 0, 0, 1), copy(o));
            case "pairs" -> new Pairs(path(o, "path", base), o.has("validation_path") ? path(o, "validation_path", base) : null,
                    fraction(o), o.bool("shuffle", true), o.choice("overflow", "truncate_input_left", List.of("truncate_input_left", "reject")),
                    o.bool("eos_after_target", true));
            case "mixture" -> new Mixture(o.string("name", null), o.number("symbol_ratio", 0.16, 0, 1),
                    o.intValue("held_out", 256, 1, 1 << 20),
                    o.choice("overflow", "truncate_input_left", List.of("truncate_input_left", "reject")), o.bool("eos_after_target", true));
            case "batch_file" -> new BatchFile(path(o, "path", base), o.has("eval_path") ? path(o, "eval_path", base) : null);
            default -> throw new IllegalStateException(type);
        };
        o.rejectUnknown();
        return spec;
    }

    private static Path path(ConfigObject o, String key, Path base) {
        return base.resolve(o.string(key, null)).toAbsolutePath().normalize();
    }

    private static double fraction(ConfigObject o) {
        return o.number("validation_fraction", 0.05, 0, 0.5);
    }
}
