package org.symtune.eval.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.symtune.core.backend.Backend;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.device.DeviceDecodeSession;
import org.symtune.model.device.DeviceScorer;
import org.symtune.model.device.DeviceTransformer;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.ContinuationScorer;
import org.symtune.model.infer.Continuations;
import org.symtune.model.infer.EndOfText;
import org.symtune.model.infer.Generation;
import org.symtune.model.infer.GenerationConfig;
import org.symtune.model.infer.Generator;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;

/**
 * A {@link Transformer} with its tokenizer as a {@link ModelUnderTest}: answers come from the KV-cache
 * {@link Generator} (greedy, stopping at a newline or an end-of-text token), log-likelihoods from the
 * {@link Scorer}, or both from a model on a device ({@link #onDevice}), with prompts encoded with the tokenizer's special tokens (BOS) and candidates encoded
 * by {@link Continuations} as log-likelihood harnesses do.
 *
 * <p>Requests run in batches of at most {@code maxBatch} prompts, in the order given. A batch is
 * generated with the largest budget among its requests; each answer is then cut back to its own budget,
 * which gives the tokens it would have had alone, since greedy rows do not influence each other. Rows
 * whose prompt leaves no room for the batch's largest budget are generated apart, with their own.
 */
public final class TransformerModel implements ModelUnderTest {
    /** The default number of prompts per forward pass. */
    public static final int DEFAULT_MAX_BATCH = 16;

    private final String name;
    private final TransformerConfig config;
    private final Tokenizer tokenizer;
    private final Generator generator;
    private final ContinuationScorer scorer;
    private final List<Integer> eosIds;
    private final int maxBatch;
    private final int promptEnd;

    public TransformerModel(String name, Transformer model, Tokenizer tokenizer, Backend backend) {
        this(name, model, tokenizer, backend, DEFAULT_MAX_BATCH);
    }

    /** @param maxBatch the most prompts generated or scored together (memory against speed) */
    public TransformerModel(String name, Transformer model, Tokenizer tokenizer, Backend backend, int maxBatch) {
        this(name, model, tokenizer, backend, maxBatch, -1);
    }

    /**
     * @param promptEnd a token id appended to every prompt, or −1 for none. Models tuned by symtune saw
     *     {@code input EOS target EOS} in training (see {@code SequencePacker}), so they are asked with
     *     the EOS after the prompt and answer the way they were taught; candidates for ranking are then
     *     encoded on their own, exactly as targets were.
     */
    public TransformerModel(String name, Transformer model, Tokenizer tokenizer, Backend backend, int maxBatch, int promptEnd) {
        this(name, Objects.requireNonNull(model, "model").config(), tokenizer, new Generator(model, backend, tokenizer),
                new Scorer(model, backend, maxBatch), maxBatch, promptEnd);
    }

    /**
     * The same questions answered by a model resident on a device: generation runs the rows again in full at
     * each step ({@link DeviceDecodeSession}, no KV cache) and ranking runs one row per candidate
     * ({@link DeviceScorer}, {@code maxBatch} rows per forward). Answers equal those on the CPU up to float rounding.
     */
    public static TransformerModel onDevice(String name, DeviceTransformer model, Tokenizer tokenizer, int maxBatch, int promptEnd) {
        Objects.requireNonNull(model, "model");
        return new TransformerModel(name, model.config(), tokenizer, new Generator(model.config(), DeviceDecodeSession.opener(model), tokenizer),
                new DeviceScorer(model, maxBatch), maxBatch, promptEnd);
    }

    private TransformerModel(String name, TransformerConfig config, Tokenizer tokenizer, Generator generator, ContinuationScorer scorer,
                             int maxBatch, int promptEnd) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a model needs a non-blank name");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (promptEnd < -1 || promptEnd >= tokenizer.vocabSize()) {
            throw new IllegalArgumentException("prompt-end token " + promptEnd + " is not in the tokenizer's vocabulary of " + tokenizer.vocabSize());
        }
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        this.promptEnd = promptEnd;
        this.name = name;
        this.config = config;
        this.tokenizer = tokenizer;
        this.generator = generator;
        this.scorer = scorer;
        this.eosIds = EndOfText.ids(tokenizer);
        this.maxBatch = maxBatch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int contextLength() {
        return config.contextLength();
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.encode(text, true).length + (promptEnd >= 0 ? 1 : 0);
    }

    private int[] promptIds(String prompt) {
        int[] ids = tokenizer.encode(prompt, true);
        if (promptEnd < 0) return ids;
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = promptEnd;
        return out;
    }

    @Override
    public List<String> generate(List<GenerationRequest> requests) {
        String[] answers = new String[requests.size()];
        for (int start = 0; start < requests.size(); start += maxBatch) {
            int end = Math.min(requests.size(), start + maxBatch);
            List<Integer> rows = new ArrayList<>();
            for (int i = start; i < end; i++) rows.add(i);
            generateRows(requests, rows, answers);
        }
        return Arrays.asList(answers);
    }

    /** Generates {@code rows} together with their largest budget; rows that cannot take it go apart. */
    private void generateRows(List<GenerationRequest> requests, List<Integer> rows, String[] answers) {
        int context = contextLength();
        int budget = 0;
        for (int r : rows) budget = Math.max(budget, requests.get(r).maxNewTokens());
        List<int[]> prompts = new ArrayList<>();
        List<Integer> together = new ArrayList<>();
        List<Integer> apart = new ArrayList<>();
        for (int r : rows) {
            int[] ids = promptIds(requests.get(r).prompt());
            if (ids.length == 0) throw new IllegalArgumentException("request " + r + ": the prompt encodes to no tokens");
            if (ids.length + budget - 1 <= context || rows.size() == 1) {
                prompts.add(ids);
                together.add(r);
            } else {
                apart.add(r);
            }
        }
        GenerationConfig config = GenerationConfig.greedy(budget).withStopStrings(List.of("\n")).withEosIds(eosIds);
        List<Generation> out = generator.generate(prompts, config);
        for (int i = 0; i < together.size(); i++) {
            int r = together.get(i);
            answers[r] = cut(out.get(i), requests.get(r).maxNewTokens());
        }
        for (int r : apart) generateRows(requests, List.of(r), answers);
    }

    /** The answer within {@code budget} tokens, up to the first newline. */
    private String cut(Generation g, int budget) {
        if (g.tokens().length <= budget) return g.text();
        String text = tokenizer.decode(Arrays.copyOf(g.tokens(), budget));
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    @Override
    public List<double[]> logLikelihoods(List<RankRequest> requests) {
        List<ScoreRequest> encoded = new ArrayList<>(requests.size());
        for (RankRequest r : requests) {
            List<String> spaced = new ArrayList<>(r.candidates().size());
            for (String c : r.candidates()) spaced.add(" " + c);
            if (promptEnd < 0) {
                encoded.add(Continuations.encode(tokenizer, r.prompt(), spaced, true));
            } else {
                List<int[]> candidates = new ArrayList<>(spaced.size());
                for (String c : spaced) candidates.add(tokenizer.encode(c, false));
                encoded.add(new ScoreRequest(promptIds(r.prompt()), candidates));
            }
        }
        List<double[]> out = new ArrayList<>(requests.size());
        for (List<CandidateScore> scores : scorer.score(encoded)) {
            double[] ll = new double[scores.size()];
            for (int c = 0; c < ll.length; c++) ll[c] = scores.get(c).logLikelihood();
            out.add(ll);
        }
        return out;
    }
}
