package org.symtune.model.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.symtune.core.backend.Backend;
import org.symtune.core.rng.Rng;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.tokenizer.Tokenizer;

/**
 * Greedy and sampled decoding, with a KV cache on the CPU or with any {@link DecodeSession}. Several prompts are generated together: they are
 * prefilled left-padded, every row then advances one token per step, and a row that has finished is fed
 * padding until all have. Each row samples with its own generator seeded from the config's seed and the
 * row's index, so results are reproducible.
 */
public final class Generator {
    private final TransformerConfig config;
    private final DecodeSession.Opener sessions;
    private final Tokenizer tokenizer;

    /** @param tokenizer decodes text and finds stop strings; may be null when no stop strings are used */
    public Generator(Transformer model, Backend backend, Tokenizer tokenizer) {
        this(model.config(), (rows, maxTokens) -> InferenceSession.open(model, backend, rows, maxTokens), tokenizer);
    }

    /**
     * Decodes with the sessions {@code sessions} opens, for a model of {@code config} (a device model, for one).
     *
     * @param tokenizer decodes text and finds stop strings; may be null when no stop strings are used
     */
    public Generator(TransformerConfig config, DecodeSession.Opener sessions, Tokenizer tokenizer) {
        if (tokenizer != null && tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens, more than the model's vocabulary of "
                    + config.vocabSize());
        }
        this.config = config;
        this.sessions = sessions;
        this.tokenizer = tokenizer;
    }

    /** Generates a continuation of one prompt (token ids). */
    public Generation generate(int[] prompt, GenerationConfig config) {
        return generate(List.of(prompt), config).get(0);
    }

    /** Generates a continuation of each prompt, batched; results in prompt order. */
    public List<Generation> generate(List<int[]> prompts, GenerationConfig config) {
        if (prompts.isEmpty()) return List.of();
        if (!config.stopStrings().isEmpty() && tokenizer == null) {
            throw new IllegalArgumentException("stop strings need a tokenizer to decode the generated text");
        }
        int context = this.config.contextLength();
        int longest = 0;
        for (int r = 0; r < prompts.size(); r++) {
            int length = prompts.get(r).length;
            if (length == 0) throw new IllegalArgumentException("prompt " + r + " is empty: there is no token to continue from");
            // Every token the model reads must fit its context; the last generated token is never read.
            if (length + config.maxNewTokens() - 1 > context) {
                throw new IllegalArgumentException("prompt " + r + " (" + length + " tokens) plus " + config.maxNewTokens()
                        + " new tokens exceeds the model's context length of " + context + " (at most " + (context + 1 - length)
                        + " new tokens fit)");
            }
            longest = Math.max(longest, length);
        }
        int batch = prompts.size();
        int vocab = this.config.vocabSize();
        Set<Integer> eos = new HashSet<>(config.eosIds());
        Sampler sampler = new Sampler(config.temperature(), config.topK(), config.topP());
        DecodeSession session = sessions.open(batch, longest + config.maxNewTokens() - 1);

        Row[] rows = new Row[batch];
        for (int r = 0; r < batch; r++) rows[r] = new Row(new Rng(Rng.hash(config.seed(), r)), config.maxNewTokens());
        float[] logits = session.prefill(prompts.toArray(new int[0][]));
        int[] next = new int[batch];
        while (true) {
            boolean running = false;
            for (int r = 0; r < batch; r++) {
                Row row = rows[r];
                next[r] = InferenceSession.PAD;
                if (row.finish != null) continue;
                int token = sampler.next(logits, r * vocab, vocab, row.rng);
                if (eos.contains(token)) {
                    row.finish = Generation.Finish.EOS;
                    continue;
                }
                row.tokens[row.count++] = token;
                if (!config.stopStrings().isEmpty() && row.reachedStop(tokenizer, config.stopStrings())) {
                    row.finish = Generation.Finish.STOP_STRING;
                } else if (row.count == config.maxNewTokens()) {
                    row.finish = Generation.Finish.MAX_TOKENS;
                } else {
                    next[r] = token;
                    running = true;
                }
            }
            if (!running) break;
            logits = session.decode(next);
        }

        List<Generation> out = new ArrayList<>(batch);
        for (Row row : rows) {
            int[] tokens = Arrays.copyOf(row.tokens, row.count);
            String text = row.text != null ? row.text : tokenizer == null ? null : tokenizer.decode(tokens);
            out.add(new Generation(tokens, text, row.finish));
        }
        return out;
    }

    /** The state of one prompt's generation. */
    private static final class Row {
        final Rng rng;
        final int[] tokens;
        int count;
        Generation.Finish finish;
        /** The text cut before the stop string, once one is found. */
        String text;

        Row(Rng rng, int max) {
            this.rng = rng;
            this.tokens = new int[max];
        }

        /** Decodes the tokens so far and, if a stop string occurs, keeps the text before its first occurrence. */
        boolean reachedStop(Tokenizer tokenizer, List<String> stops) {
            String decoded = tokenizer.decode(Arrays.copyOf(tokens, count));
            int cut = -1;
            for (String s : stops) {
                int at = decoded.indexOf(s);
                if (at >= 0 && (cut < 0 || at < cut)) cut = at;
            }
            if (cut < 0) return false;
            text = decoded.substring(0, cut);
            return true;
        }
    }
}
