package org.symtune.tuning.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.model.TransformerConfig;

/**
 * Which model a run starts from: a preset (its vocabulary is resized to the tokenizer's), a checkpoint
 * folder (ours or Hugging Face's), or a config given inline (a fresh model of that exact shape).
 * Exactly one of {@code preset}, {@code checkpoint} and {@code config} is set.
 *
 * @param dropout   overrides the model's dropout probability when not null
 * @param smearKeys overrides a preset's smeared keys ({@code smear_keys}) when not null
 * @param kvHeads   overrides a preset's number of key/value heads ({@code kv_heads}) when not null
 */
public record ModelSpec(String preset, Path checkpoint, TransformerConfig config, Double dropout, Boolean smearKeys,
                        Integer kvHeads) {

    public ModelSpec {
        int set = (preset != null ? 1 : 0) + (checkpoint != null ? 1 : 0) + (config != null ? 1 : 0);
        if (set != 1) throw new IllegalArgumentException("a model is one of a preset, a checkpoint folder or a config");
        if (preset == null && (smearKeys != null || kvHeads != null)) {
            throw new IllegalArgumentException("smear_keys and kv_heads change a preset; a config states them itself");
        }
    }

    public ModelSpec(String preset, Path checkpoint, TransformerConfig config, Double dropout) {
        this(preset, checkpoint, config, dropout, null, null);
    }

    public static ModelSpec preset(String name) {
        return new ModelSpec(name, null, null, null);
    }

    public static ModelSpec of(TransformerConfig config) {
        return new ModelSpec(null, null, config, null);
    }

    /** The preset's config with this spec's architecture overrides applied (not the vocabulary or dropout). */
    public TransformerConfig presetConfig() {
        TransformerConfig c = TransformerConfig.preset(preset);
        if (smearKeys != null) c = c.withSmearKeys(smearKeys);
        if (kvHeads != null) c = c.withKvHeads(kvHeads);
        return c;
    }

    static ModelSpec parse(Object raw, ConfigObject parent, Path base) {
        if (raw instanceof String name) {
            checkPreset(name, parent, "model");
            return preset(name);
        }
        ConfigObject o = parent.object("model");
        if (o == null) throw parent.error("model", "is required (a preset name, {\"preset\": ...}, {\"checkpoint\": FOLDER} or {\"config\": {...}})");
        o.expectOnly(List.of("preset", "checkpoint", "config", "dropout", "smear_keys", "kv_heads"));
        String preset = o.has("preset") ? o.string("preset", null) : null;
        Path checkpoint = o.has("checkpoint") ? base.resolve(o.string("checkpoint", null)).toAbsolutePath().normalize() : null;
        TransformerConfig config = null;
        if (o.has("config")) {
            o.object("config"); // checks that it is an object
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o.raw("config"));
            m.putIfAbsent("format", "symtune-transformer");
            try {
                config = TransformerConfig.fromJson(m, parent.file() + " (in \"" + o.field("config") + "\")");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        Double dropout = o.has("dropout") ? o.number("dropout", 0, 0, 0.999) : null;
        Boolean smear = o.has("smear_keys") ? o.bool("smear_keys", false) : null;
        Integer kvHeads = o.has("kv_heads") ? (int) o.integer("kv_heads", 1L, 1, 4096) : null;
        o.rejectUnknown();
        int set = (preset != null ? 1 : 0) + (checkpoint != null ? 1 : 0) + (config != null ? 1 : 0);
        if (set != 1) throw o.error("give exactly one of \"preset\", \"checkpoint\" and \"config\"");
        if (preset != null) checkPreset(preset, o, "preset");
        if (preset == null && smear != null) throw o.error("smear_keys", "changes a preset; set it inside \"config\" or leave it out");
        if (preset == null && kvHeads != null) throw o.error("kv_heads", "changes a preset; set it inside \"config\" or leave it out");
        ModelSpec spec = new ModelSpec(preset, checkpoint, config, dropout, smear, kvHeads);
        if (preset != null) {
            try {
                spec.presetConfig();
            } catch (IllegalArgumentException e) {
                throw o.error(kvHeads != null ? "kv_heads" : "smear_keys", e.getMessage());
            }
        }
        return spec;
    }

    private static void checkPreset(String name, ConfigObject where, String key) {
        if (!TransformerConfig.PRESETS.contains(name)) {
            throw where.error(key, "unknown preset \"" + name + "\" (known: " + String.join(", ", TransformerConfig.PRESETS) + ")");
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (preset != null) m.put("preset", preset);
        if (checkpoint != null) m.put("checkpoint", checkpoint.toString());
        if (config != null) m.put("config", config.toJson());
        if (dropout != null) m.put("dropout", dropout);
        if (smearKeys != null) m.put("smear_keys", smearKeys);
        if (kvHeads != null) m.put("kv_heads", kvHeads);
        return m;
    }
}
