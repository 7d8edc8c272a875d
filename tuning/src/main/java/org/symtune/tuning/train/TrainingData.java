package org.symtune.tuning.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.symtune.model.Batch;
import org.symtune.tokenizer.AddedToken;
import org.symtune.tokenizer.Tokenizer;
import org.symtune.tokenizer.train.BpeTrainer;
import org.symtune.tuning.data.suite.BuiltInSuite;
import org.symtune.tuning.mixture.Mixture;
import org.symtune.tuning.mixture.MixtureConfig;
import org.symtune.tuning.mixture.MixtureRegistry;
import org.symtune.tuning.packing.BatchSource;
import org.symtune.tuning.packing.CopyCurriculum;
import org.symtune.tuning.packing.ExampleSource;
import org.symtune.tuning.packing.SequencePacker;
import org.symtune.tuning.packing.TextPair;
import org.symtune.tuning.packing.TokenPair;
import org.symtune.tuning.packing.TokenWindows;
import org.symtune.tuning.prompt.TokenCounter;

/**
 * A run's data made ready: the tokenizer (loaded, trained on the training text, or reloaded from the run
 * directory on resume), the training batch source, the fixed held-out batches, and a summary of counts
 * for {@code summary.json} (documents, tokens, the corpus's unigram entropy).
 *
 * @param tokenizer null for a batch-file run without a tokenizer
 * @param eosId the EOS id, or -1 without a tokenizer
 */
public record TrainingData(Tokenizer tokenizer, int eosId, BatchSource train, List<Batch> heldOut, Map<String, Object> summary) {

    /** EOS token names tried, in order, when the config names none. */
    static final List<String> EOS_NAMES = List.of(TokenizerSpec.TRAINED_EOS, "</s>", "<|end_of_text|>", "<eos>", "<|eot_id|>");

    public static TrainingData prepare(TrainConfig config, RunFiles run, boolean resume, PrintStream log) throws IOException {
        return switch (config.data()) {
            case DataSpec.Text t -> corpus(config, run, resume, log, Corpus.readLines(t.path()), t.validationFraction(), t.repeatFraction(),
                    t.copy());
            case DataSpec.Europarl e -> corpus(config, run, resume, log, Corpus.europarl(e.language().equals("en")).limit(e.maxDocuments()),
                    e.validationFraction(), e.repeatFraction(), e.copy());
            case DataSpec.Pairs p -> pairs(config, run, resume, log, p);
            case DataSpec.BatchFile b -> batchFile(config, run, resume, log, b);
            case DataSpec.Mixture m -> mixture(config, run, resume, log, m);
        };
    }

    private static TrainingData corpus(TrainConfig config, RunFiles run, boolean resume, PrintStream log, Corpus corpus, double fraction,
                                       double repeatFraction, CopyCurriculum copy) throws IOException {
        List<String> docs = corpus.documents();
        int held = Corpus.heldOutCount(docs.size(), fraction);
        if (docs.size() - held < 1) throw new IllegalArgumentException(corpus.source() + ": " + docs.size() + " documents leave none to train on");
        List<String> trainDocs = docs.subList(0, docs.size() - held);
        List<String> heldDocs = docs.subList(docs.size() - held, docs.size());
        Tokenizer tokenizer = tokenizer(config, run, resume, log, trainDocs);
        int eos = eosId(tokenizer, config);
        int[] trainStream = TokenWindows.concatenate(tokenizer.encodeBatch(trainDocs, false), eos);
        if (trainStream.length < config.seqLen() + 1) {
            throw new ConfigException("field \"seq_len\": the training documents have " + trainStream.length + " tokens, fewer than one window of "
                    + "seq_len + 1 = " + (config.seqLen() + 1));
        }
        int vocab = tokenizer.vocabSize();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", corpus.source());
        summary.put("sha256", corpus.sha256());
        summary.put("documents", (long) docs.size());
        summary.put("blank_lines_skipped", corpus.blankLines());
        summary.put("train_documents", (long) trainDocs.size());
        summary.put("held_out_documents", (long) held);
        summary.put("train_tokens", (long) trainStream.length);
        double entropy = UnigramEntropy.nats(trainStream, vocab);
        summary.put("train_unigram_entropy_nats", entropy);
        List<Batch> heldOut = List.of();
        String heldText = "no held-out set";
        if (held > 0) {
            int[] heldStream = TokenWindows.concatenate(tokenizer.encodeBatch(heldDocs, false), eos);
            if (heldStream.length < config.seqLen() + 1) {
                throw new ConfigException("field \"data.validation_fraction\": the " + held + " held-out documents have " + heldStream.length
                        + " tokens, fewer than one window of seq_len + 1 = " + (config.seqLen() + 1) + "; hold out more, or 0 for none");
            }
            summary.put("held_out_tokens", (long) heldStream.length);
            summary.put("held_out_unigram_entropy_nats", UnigramEntropy.nats(heldStream, vocab));
            double cross = UnigramEntropy.crossNats(trainStream, heldStream, vocab);
            summary.put("held_out_unigram_cross_entropy_nats", cross);
            heldOut = TokenWindows.heldOut(heldStream, config.seqLen(), config.microBatchSize(), config.evalBatches());
            heldText = String.format(Locale.ROOT, "%d held-out documents (%d tokens; %d batches of %d x %d evaluated)", held, heldStream.length,
                    heldOut.size(), config.microBatchSize(), config.seqLen());
        }
        if (repeatFraction > 0) summary.put("repeat_fraction", repeatFraction);
        int[] copyVocabulary = null;
        String copyText = "";
        if (copy.active()) {
            copyVocabulary = CopyCurriculum.frequentTokens(trainStream, vocab, copy.maxPool(), eos);
            if (copyVocabulary.length < 2) throw new ConfigException("field \"data.copy.pool\": the training stream has fewer than 2 distinct tokens");
            summary.put("copy", copy.toJson());
            summary.put("copy_pool_tokens", (long) copyVocabulary.length);
            copyText = String.format(Locale.ROOT, "; copy windows (fresh random tokens from the %d most frequent, spans of %d-%d repeated) "
                    + "make %.0f%% of training windows%s", Math.min(copy.pool(), copyVocabulary.length), copy.minSpan(), copy.maxSpan(),
                    100 * copy.fraction(), copy.annealSteps() > 0 ? String.format(Locale.ROOT, ", moving from step %d to %.0f%% and %d tokens by step %d",
                            copy.holdSteps(), 100 * copy.finalFraction(), Math.min(copy.finalPool(), copyVocabulary.length),
                            copy.holdSteps() + copy.annealSteps()) : "");
        }
        log.printf(Locale.ROOT, "data: %s, %d documents: %d for training (%d tokens), %s; unigram entropy %.4f nats/token%s%s%n", corpus.source(),
                docs.size(), trainDocs.size(), trainStream.length, heldText, entropy,
                repeatFraction > 0 ? String.format(Locale.ROOT, "; %.0f%% of training windows repeat their start from a random offset", 100 * repeatFraction) : "",
                copyText);
        return new TrainingData(tokenizer, eos, TokenWindows.circular(trainStream, config.seqLen(), repeatFraction, copy, copyVocabulary,
                config.batchSize(), config.seed()), heldOut, summary);
    }

    private static TrainingData pairs(TrainConfig config, RunFiles run, boolean resume, PrintStream log, DataSpec.Pairs spec) throws IOException {
        List<TextPair> all = PairsFile.read(spec.path());
        List<TextPair> train = all;
        List<TextPair> held = List.of();
        if (spec.validationPath() != null) {
            held = PairsFile.read(spec.validationPath());
        } else {
            int n = Corpus.heldOutCount(all.size(), spec.validationFraction());
            if (all.size() - n < 1) throw new IllegalArgumentException(spec.path() + ": " + all.size() + " examples leave none to train on");
            train = all.subList(0, all.size() - n);
            held = all.subList(all.size() - n, all.size());
        }
        List<String> texts = new ArrayList<>();
        for (TextPair p : train) {
            texts.add(p.input());
            texts.add(p.target());
        }
        Tokenizer tokenizer = tokenizer(config, run, resume, log, texts);
        int eos = eosId(tokenizer, config);
        SequencePacker.Options options = new SequencePacker.Options(config.seqLen(), eos, eos, spec.eosAfterTarget(),
                spec.overflow().equals("reject") ? SequencePacker.Overflow.REJECT : SequencePacker.Overflow.TRUNCATE_INPUT_LEFT);
        List<TokenPair> trainIds = encode(tokenizer, train);
        SequencePacker packer = new SequencePacker(ExampleSource.epochs(trainIds, spec.shuffle(), config.seed()), options);
        List<Batch> heldOut = held.isEmpty() ? List.of()
                : SequencePacker.packOnce(encode(tokenizer, held), options, config.microBatchSize(), config.evalBatches());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", spec.path().toString());
        summary.put("train_examples", (long) train.size());
        summary.put("held_out_examples", (long) held.size());
        log.printf(Locale.ROOT, "data: %s, %d training examples, %d held out (%d batches)%n", spec.path(), train.size(), held.size(), heldOut.size());
        return new TrainingData(tokenizer, eos, packer, heldOut, summary);
    }

    private static List<TokenPair> encode(Tokenizer tokenizer, List<TextPair> pairs) {
        List<String> inputs = new ArrayList<>(pairs.size());
        List<String> targets = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            inputs.add(p.input());
            targets.add(p.target());
        }
        List<int[]> in = tokenizer.encodeBatch(inputs, false);
        List<int[]> tg = tokenizer.encodeBatch(targets, false);
        List<TokenPair> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) out.add(new TokenPair(in.get(i), tg.get(i)));
        return out;
    }

    private static TrainingData batchFile(TrainConfig config, RunFiles run, boolean resume, PrintStream log, DataSpec.BatchFile spec)
            throws IOException {
        FixedBatches batches = FixedBatches.read(spec.path());
        if (batches.seqLen() != config.seqLen()) {
            throw new ConfigException("field \"seq_len\": " + config.seqLen() + ", but the rows of " + spec.path() + " have " + batches.seqLen()
                    + " tokens");
        }
        List<Batch> heldOut = List.of();
        if (spec.evalPath() != null) {
            FixedBatches eval = FixedBatches.read(spec.evalPath());
            List<Batch> all = eval.asBatches(config.microBatchSize());
            heldOut = all.subList(0, Math.min(all.size(), config.evalBatches()));
        }
        Tokenizer tokenizer = config.tokenizer() == null ? null : tokenizer(config, run, resume, log, List.of());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", spec.path().toString());
        summary.put("rows", (long) batches.rowCount());
        log.printf(Locale.ROOT, "data: %s, %d rows of %d tokens%n", spec.path(), batches.rowCount(), batches.seqLen());
        return new TrainingData(tokenizer, tokenizer == null ? -1 : eosId(tokenizer, config), batches, heldOut, summary);
    }

    /** Loads or trains the run's tokenizer and keeps a copy in the run directory. */
    /** Texts of this many mixture items train a tokenizer when the config asks for one. */
    private static final int TOKENIZER_SAMPLE_ITEMS = 4000;

    private static TrainingData mixture(TrainConfig config, RunFiles run, boolean resume, PrintStream log, DataSpec.Mixture spec)
            throws IOException {
        if (config.tokenizer() == null) throw new ConfigException("field \"tokenizer\": a mixture run needs a tokenizer (a path, or train one)");
        MixtureRegistry registry = MixtureRegistry.builtIn(BuiltInSuite.registry());
        registry.entry(spec.name()); // unknown names fail here, listing the known ones
        List<String> sample = new ArrayList<>();
        if (config.tokenizer().trained() && !(resume && Files.isRegularFile(run.tokenizer()))) {
            // The tokenizer is not known yet: draw the sample with a byte budget, an upper bound on tokens.
            Mixture bytes = registry.get(spec.name(), mixtureConfig(config, spec, config.seed(), TokenCounter.utf8Bytes()));
            for (int i = 0; i < TOKENIZER_SAMPLE_ITEMS; i++) {
                org.symtune.tuning.mixture.TextPair p = bytes.get(i);
                sample.add(p.input());
                sample.add(p.target());
            }
        }
        Tokenizer tokenizer = tokenizer(config, run, resume, log, sample);
        int eos = eosId(tokenizer, config);
        TokenCounter counter = TokenCounter.of(tokenizer);
        Mixture train = registry.get(spec.name(), mixtureConfig(config, spec, config.seed(), counter));
        Mixture held = registry.get(spec.name(), mixtureConfig(config, spec, config.seed() ^ 0x5DEECE66DL, counter));
        SequencePacker.Options options = new SequencePacker.Options(config.seqLen(), eos, eos, spec.eosAfterTarget(),
                spec.overflow().equals("reject") ? SequencePacker.Overflow.REJECT : SequencePacker.Overflow.TRUNCATE_INPUT_LEFT);
        SequencePacker packer = new SequencePacker(ExampleSource.encoding(() -> textPairs(train.iterator(0)), tokenizer), options);
        List<TextPair> heldPairs = new ArrayList<>();
        for (int i = 0; i < spec.heldOut(); i++) {
            org.symtune.tuning.mixture.TextPair p = held.get(i);
            heldPairs.add(new TextPair(p.input(), p.target()));
        }
        List<Batch> heldOut = SequencePacker.packOnce(encode(tokenizer, heldPairs), options, config.microBatchSize(), config.evalBatches());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", "mixture " + spec.name());
        summary.put("mixture_defined_at", registry.entry(spec.name()).definedAt());
        summary.put("held_out_examples", (long) heldPairs.size());
        log.printf(Locale.ROOT, "data: mixture %s (symbol ratio %.2f), %d held-out prompts (%d batches)%n", spec.name(), spec.symbolRatio(),
                heldPairs.size(), heldOut.size());
        return new TrainingData(tokenizer, eos, packer, heldOut, summary);
    }

    private static MixtureConfig mixtureConfig(TrainConfig config, DataSpec.Mixture spec, long seed, TokenCounter counter) {
        return MixtureConfig.of(seed, config.seqLen(), counter).withSymbolRatio(spec.symbolRatio());
    }

    /** The mixture's pairs as the packer's text pairs (the task name is not needed for packing). */
    private static Iterator<TextPair> textPairs(Iterator<org.symtune.tuning.mixture.TextPair> items) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public TextPair next() {
                org.symtune.tuning.mixture.TextPair p = items.next();
                return new TextPair(p.input(), p.target());
            }
        };
    }

    private static Tokenizer tokenizer(TrainConfig config, RunFiles run, boolean resume, PrintStream log, List<String> trainingText)
            throws IOException {
        TokenizerSpec spec = config.tokenizer();
        if (resume && Files.isRegularFile(run.tokenizer())) {
            Tokenizer t = Tokenizer.load(run.tokenizer());
            log.printf("tokenizer: %s (%d tokens), as the run started with%n", run.tokenizer(), t.vocabSize());
            return t;
        }
        Tokenizer t;
        if (spec.trained()) {
            if (trainingText.isEmpty()) throw new ConfigException("field \"tokenizer.train\": there is no training text to train a tokenizer on");
            long t0 = System.nanoTime();
            t = new BpeTrainer(new BpeTrainer.Config(spec.trainVocabSize(), List.of(TokenizerSpec.TRAINED_EOS), null, spec.minFrequency()))
                    .train(trainingText);
            log.printf(Locale.ROOT, "tokenizer: trained byte-level BPE, %d tokens, on %d texts in %.1f s%n", t.vocabSize(), trainingText.size(),
                    (System.nanoTime() - t0) / 1e9);
        } else {
            t = Tokenizer.load(spec.path());
            log.printf("tokenizer: %s (%d tokens)%n", spec.path(), t.vocabSize());
        }
        t.save(run.tokenizer());
        return t;
    }

    static int eosId(Tokenizer t, TrainConfig config) {
        String name = config.tokenizer() == null ? null : config.tokenizer().eosToken();
        if (name != null) {
            int id = t.tokenToId(name);
            if (id < 0) throw new ConfigException("field \"tokenizer.eos_token\": \"" + name + "\" is not a token of the tokenizer");
            return id;
        }
        for (String candidate : EOS_NAMES) {
            for (AddedToken a : t.specialTokens()) if (a.content().equals(candidate)) return a.id();
        }
        throw new ConfigException("field \"tokenizer.eos_token\": the tokenizer has none of the special tokens " + EOS_NAMES
                + "; name its end-of-sequence token");
    }
}
