package org.symtune.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.io.Json;

/**
 * The shape and choices of a decoder-only transformer: everything that differs between the GPT-2,
 * Llama and PaLM families. Immutable; {@link #validate()} runs in the constructor.
 *
 * <p>Our own config.json holds exactly these fields (names in snake_case, see {@link #toJson()}).
 * Hugging Face GPT-2 and Llama config.json files are read by {@link HfConfigs}.
 *
 * @param family       {@code palm}, {@code gpt2} or {@code llama}: decides tensor names in checkpoints
 * @param vocabSize    number of token ids
 * @param contextLength maximum sequence length (learned positions have this many rows)
 * @param dModel       width of the residual stream
 * @param layers       number of blocks
 * @param heads        query heads
 * @param kvHeads      key/value heads (= heads: multi-head; 1: multi-query; between: grouped)
 * @param headDim      width of one head (usually dModel / heads)
 * @param mlpHidden    hidden width of the MLP (per branch for SwiGLU)
 * @param positions    learned absolute positions or rotary embeddings
 * @param ropeTheta    rotary base (10000 in GPT-NeoX/Llama 2, 500000 in Llama 3)
 * @param norm         LayerNorm or RMSNorm
 * @param normEps      epsilon of the norm
 * @param mlp          GELU (tanh or erf form) or SwiGLU
 * @param block        sequential (attention then MLP) or PaLM's parallel (both read the same norm)
 * @param bias         biases on the linear layers (and LayerNorm's beta)
 * @param tiedEmbeddings output projection shares the input embedding
 * @param logitScale   multiplies the logits (PaLM with tied embeddings: 1/√dModel; else 1)
 * @param dropout      dropout probability on the residual branches and embeddings during training
 * @param smearKeys    each key/value head's key is a learned mix of its own token's key and the previous
 *                     token's (the "smeared key" of Olsson et al. 2022), so one attention layer can find the
 *                     token that followed an earlier occurrence of the current one; {@code palm} family only,
 *                     since no Hugging Face architecture has it
 */
public record TransformerConfig(
        String family, int vocabSize, int contextLength, int dModel, int layers, int heads, int kvHeads,
        int headDim, int mlpHidden, Positions positions, double ropeTheta, Norm norm, double normEps,
        Mlp mlp, Block block, boolean bias, boolean tiedEmbeddings, double logitScale, double dropout,
        boolean smearKeys) {

    /** How token positions enter the model. */
    public enum Positions { LEARNED, ROTARY }

    /** The normalisation layer. */
    public enum Norm { LAYER_NORM, RMS_NORM }

    /** The MLP's nonlinearity. */
    public enum Mlp { GELU_TANH, GELU_ERF, SWIGLU }

    /** How attention and MLP are arranged in a block. */
    public enum Block { SEQUENTIAL, PARALLEL }

    /** The model families we read and write checkpoints for. */
    public static final List<String> FAMILIES = List.of("palm", "gpt2", "llama");

    public TransformerConfig {
        validate(family, vocabSize, contextLength, dModel, layers, heads, kvHeads, headDim, mlpHidden, positions,
                ropeTheta, norm, normEps, mlp, block, logitScale, dropout);
        if (smearKeys && !family.equals("palm")) {
            throw new IllegalArgumentException("smear_keys is a palm-family option (the " + family
                    + " family's checkpoint layout has no place for it)");
        }
    }

    /** A config without smeared keys (the layout of every published architecture). */
    public TransformerConfig(String family, int vocabSize, int contextLength, int dModel, int layers, int heads, int kvHeads,
                             int headDim, int mlpHidden, Positions positions, double ropeTheta, Norm norm, double normEps,
                             Mlp mlp, Block block, boolean bias, boolean tiedEmbeddings, double logitScale, double dropout) {
        this(family, vocabSize, contextLength, dModel, layers, heads, kvHeads, headDim, mlpHidden, positions, ropeTheta, norm,
                normEps, mlp, block, bias, tiedEmbeddings, logitScale, dropout, false);
    }

    private static void validate(String family, int vocabSize, int contextLength, int dModel, int layers, int heads,
                                 int kvHeads, int headDim, int mlpHidden, Positions positions, double ropeTheta,
                                 Norm norm, double normEps, Mlp mlp, Block block, double logitScale, double dropout) {
        if (!FAMILIES.contains(family)) throw new IllegalArgumentException("family must be one of " + FAMILIES + ", got '" + family + "'");
        positive("vocab_size", vocabSize);
        positive("context_length", contextLength);
        positive("d_model", dModel);
        positive("layers", layers);
        positive("heads", heads);
        positive("kv_heads", kvHeads);
        positive("head_dim", headDim);
        positive("mlp_hidden", mlpHidden);
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kv_heads (" + kvHeads + ")");
        if (positions == null || norm == null || mlp == null || block == null) {
            throw new IllegalArgumentException("positions, norm, mlp and block must all be set");
        }
        if (positions == Positions.ROTARY && (headDim % 2 != 0 || !(ropeTheta > 0))) {
            throw new IllegalArgumentException("rotary positions need an even head_dim and rope_theta > 0 (head_dim "
                    + headDim + ", rope_theta " + ropeTheta + ")");
        }
        if (!(normEps > 0)) throw new IllegalArgumentException("norm_eps must be > 0, got " + normEps);
        if (!(logitScale > 0)) throw new IllegalArgumentException("logit_scale must be > 0, got " + logitScale);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    private static void positive(String name, int v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    }

    /** A preset of our own PaLM-style models: {@code tiny}, {@code small} or {@code medium}. */
    public static TransformerConfig preset(String name) {
        return switch (name) {
            // ~1.3M parameters: trains in minutes on 2 cores.
            case "tiny" -> palm(4096, 512, 128, 4, 4, 384);
            // ~6.6M parameters.
            case "small" -> palm(8192, 1024, 256, 6, 4, 768);
            // ~32M parameters.
            case "medium" -> palm(16384, 1024, 512, 8, 8, 1536);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + PRESETS + ")");
        };
    }

    /** Names accepted by {@link #preset}. */
    public static final List<String> PRESETS = List.of("tiny", "small", "medium");

    /**
     * PaLM's choices: SwiGLU, rotary (theta 10000), RMSNorm, parallel block, multi-query attention,
     * no biases, tied embeddings with logits scaled by 1/√dModel, no dropout.
     */
    public static TransformerConfig palm(int vocabSize, int contextLength, int dModel, int layers, int heads, int mlpHidden) {
        if (dModel % heads != 0) throw new IllegalArgumentException("d_model must be a multiple of heads");
        return new TransformerConfig("palm", vocabSize, contextLength, dModel, layers, heads, 1, dModel / heads, mlpHidden,
                Positions.ROTARY, 10000.0, Norm.RMS_NORM, 1e-6, Mlp.SWIGLU, Block.PARALLEL, false, true,
                1.0 / Math.sqrt(dModel), 0.0);
    }

    /** The same config with another vocabulary size (after training a tokenizer). */
    public TransformerConfig withVocabSize(int newVocabSize) {
        return new TransformerConfig(family, newVocabSize, contextLength, dModel, layers, heads, kvHeads, headDim,
                mlpHidden, positions, ropeTheta, norm, normEps, mlp, block, bias, tiedEmbeddings, logitScale, dropout, smearKeys);
    }

    /** The same config with or without smeared keys. */
    public TransformerConfig withSmearKeys(boolean smear) {
        return new TransformerConfig(family, vocabSize, contextLength, dModel, layers, heads, kvHeads, headDim,
                mlpHidden, positions, ropeTheta, norm, normEps, mlp, block, bias, tiedEmbeddings, logitScale, dropout, smear);
    }

    /** The same config with another number of key/value heads (1 = multi-query, heads = multi-head). */
    public TransformerConfig withKvHeads(int n) {
        return new TransformerConfig(family, vocabSize, contextLength, dModel, layers, heads, n, headDim,
                mlpHidden, positions, ropeTheta, norm, normEps, mlp, block, bias, tiedEmbeddings, logitScale, dropout, smearKeys);
    }

    /** The same config with another dropout probability. */
    public TransformerConfig withDropout(double p) {
        return new TransformerConfig(family, vocabSize, contextLength, dModel, layers, heads, kvHeads, headDim,
                mlpHidden, positions, ropeTheta, norm, normEps, mlp, block, bias, tiedEmbeddings, logitScale, p, smearKeys);
    }

    /** Number of trainable parameters (a tied embedding counted once). */
    public long parameterCount() {
        long d = dModel;
        long qDim = (long) heads * headDim;
        long kvDim = (long) kvHeads * headDim;
        long attn = d * qDim + 2 * d * kvDim + qDim * d;
        long mlpBranches = mlp == Mlp.SWIGLU ? 2 : 1;
        long mlpParams = mlpBranches * d * mlpHidden + (long) mlpHidden * d;
        long normParams = norm == Norm.LAYER_NORM && bias ? 2 * d : d;
        int normsPerBlock = block == Block.PARALLEL ? 1 : 2;
        long perBlock = attn + mlpParams + normsPerBlock * normParams + (smearKeys ? kvHeads : 0);
        if (bias) perBlock += qDim + 2 * kvDim + d + mlpBranches * mlpHidden + d;
        long total = layers * perBlock + (long) vocabSize * d + normParams;
        if (positions == Positions.LEARNED) total += (long) contextLength * d;
        if (!tiedEmbeddings) total += (long) vocabSize * d;
        return total;
    }

    /**
     * Forward FLOPs per token for a sequence of {@code seqLen} tokens: 2 per multiply-add of every
     * matrix product, plus attention scores and weighted values (causal, so half the square).
     */
    public double forwardFlopsPerToken(int seqLen) {
        double d = dModel;
        double qDim = (double) heads * headDim;
        double kvDim = (double) kvHeads * headDim;
        double matmuls = 2 * (d * qDim + 2 * d * kvDim + qDim * d);
        matmuls += 2 * ((mlp == Mlp.SWIGLU ? 2 : 1) * d * mlpHidden + mlpHidden * d);
        double perLayer = matmuls + 2 * 2 * qDim * (seqLen + 1) / 2.0;
        return layers * perLayer + 2 * d * vocabSize;
    }

    /** Our config.json form (snake_case keys, every field explicit). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "symtune-transformer");
        m.put("family", family);
        m.put("vocab_size", vocabSize);
        m.put("context_length", contextLength);
        m.put("d_model", dModel);
        m.put("layers", layers);
        m.put("heads", heads);
        m.put("kv_heads", kvHeads);
        m.put("head_dim", headDim);
        m.put("mlp_hidden", mlpHidden);
        m.put("positions", positions.name().toLowerCase());
        m.put("rope_theta", ropeTheta);
        m.put("norm", norm.name().toLowerCase());
        m.put("norm_eps", normEps);
        m.put("mlp", mlp.name().toLowerCase());
        m.put("block", block.name().toLowerCase());
        m.put("bias", bias);
        m.put("tied_embeddings", tiedEmbeddings);
        m.put("logit_scale", logitScale);
        m.put("dropout", dropout);
        // Written only when set, so configs from before the option read and compare as they were.
        if (smearKeys) m.put("smear_keys", true);
        return m;
    }

    /** Reads our config.json form; {@code source} names the file in errors. Unknown keys are an error. */
    public static TransformerConfig fromJson(Map<String, Object> m, String source) {
        ConfigReader r = new ConfigReader(m, source);
        r.expectOnly(List.of("format", "family", "vocab_size", "context_length", "d_model", "layers", "heads", "kv_heads",
                "head_dim", "mlp_hidden", "positions", "rope_theta", "norm", "norm_eps", "mlp", "block", "bias",
                "tied_embeddings", "logit_scale", "dropout", "smear_keys"));
        String format = r.string("format", "symtune-transformer");
        if (!format.equals("symtune-transformer")) throw r.error("format", "expected \"symtune-transformer\", got \"" + format + "\"");
        try {
            return new TransformerConfig(r.string("family", null), r.integer("vocab_size"), r.integer("context_length"),
                    r.integer("d_model"), r.integer("layers"), r.integer("heads"), r.integer("kv_heads"), r.integer("head_dim"),
                    r.integer("mlp_hidden"), r.choice("positions", Positions.class), r.number("rope_theta", 10000.0),
                    r.choice("norm", Norm.class), r.number("norm_eps", null), r.choice("mlp", Mlp.class),
                    r.choice("block", Block.class), r.bool("bias"), r.bool("tied_embeddings"), r.number("logit_scale", 1.0),
                    r.number("dropout", 0.0), r.bool("smear_keys", false));
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigReader.ConfigException) throw e;
            throw new ConfigReader.ConfigException(source + ": " + e.getMessage());
        }
    }

    /** Reads a config.json file: ours, or a Hugging Face GPT-2 / Llama one (see {@link HfConfigs}). */
    public static TransformerConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> m = Json.parseObject(text, file.toString());
        if (m.containsKey("format")) return fromJson(m, file.toString());
        return HfConfigs.fromHf(m, file.toString());
    }
}
