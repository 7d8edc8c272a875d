package org.symtune.cli.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.symtune.core.backend.Backends;
import org.symtune.eval.metrics.Interval;
import org.symtune.eval.probe.CopyProbe;
import org.symtune.eval.probe.CopyProbeResult;
import org.symtune.eval.probe.PrefixMatching;
import org.symtune.model.Transformer;
import org.symtune.model.infer.ModelLoader;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;

/**
 * The study's copying probe: every model of the study (the pretrained one, each seed's baseline and symbol-tuned
 * model) is shown the same repeated random token sequences ({@link CopyProbe}), which tells whether any of them
 * can copy from its context, the ability symbol tuning needs. It takes seconds, so it runs again with every report.
 */
public final class StudyProbe {
    /** Sequences, tokens per copy and seed of the probe; tokens per copy shrink to fit a shorter context. */
    static final int SEQUENCES = 64;
    static final int LENGTH = 50;
    static final long SEED = 0;


    /** One model to probe: its role in the study and its folder (weights and tokenizer). */
    record Subject(String role, Path model) {
    }

    /** One model's probe result over one token distribution. */
    public record Entry(String role, Path model, CopyProbe.Tokens tokens, CopyProbeResult result, PrefixMatching heads) {
        /** The entry as JSON, its model folder relative to {@code studyDir} when it lies inside it. */
        Map<String, Object> toJson(Path studyDir) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", role);
            o.put("path", (model.startsWith(studyDir) ? studyDir.relativize(model) : model).toString());
            o.put("tokens", tokens.key());
            o.putAll(result.toJson());
            o.putAll(heads.toJson());
            return o;
        }
    }

    private StudyProbe() {
    }

    /** Probes each subject in turn, loading one model at a time, over each token distribution. */
    static List<Entry> run(List<Subject> subjects) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Subject s : subjects) {
            Transformer model = ModelLoader.installed().load(s.model());
            Tokenizer tokenizer = Tokenizer.load(s.model());
            int prefix = tokenizer.encode("", true).length;
            int length = Math.min(LENGTH, (model.config().contextLength() - prefix) / 2);
            for (CopyProbe.Tokens tokens : CopyProbe.Tokens.values()) {
                CopyProbe probe = new CopyProbe(SEQUENCES, length, SEED);
                CopyProbeResult r = probe.run(new Scorer(model, Backends.best()), tokenizer, tokens);
                PrefixMatching heads = probe.prefixMatching(model, Backends.best(), tokenizer, tokens);
                entries.add(new Entry(s.role(), s.model(), tokens, r, heads));
            }
        }
        return entries;
    }

    /** The probe as a plain-text table for the terminal. */
    static String console(List<Entry> entries) {
        int width = Math.max(5, entries.stream().mapToInt(e -> e.role().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %10s  %11s  %24s  %6s%n", "model", "tokens",
                "first copy", "second copy", "copying gain [95% CI]", "prefix"));
        for (Entry e : entries) {
            CopyProbeResult r = e.result();
            Interval ci = r.gainInterval();
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %10.3f  %11.3f  %24s  %6.3f%n", e.role(), e.tokens().key(),
                    r.meanFirstLoss(), r.meanSecondLoss(),
                    String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", r.gain(), ci.lo(), ci.hi()), e.heads().max()));
        }
        return sb.toString();
    }

    /** The Markdown section of the study report. */
    static String markdown(List<Entry> entries) {
        StringBuilder sb = new StringBuilder("\n## In-context copying\n\n");
        if (entries.isEmpty()) return sb.append("No model was probed.\n").toString();
        CopyProbeResult first = entries.get(0).result();
        sb.append(String.format(Locale.ROOT, "Each model reads %d sequences of %d random tokens, each sequence twice "
                + "(the repeated-random-tokens probe of the induction-head studies), with tokens drawn uniformly from every ordinary "
                + "token (`uniform`) or from the %d whole-word tokens the tokenizer merged first (`frequent`). A model that can copy "
                + "from its context pays much less on the second copy; one that cannot pays the same. Losses in nats per token (a "
                + "uniform guess pays ln of the pool: %.2f for `uniform`); the gain is first minus second copy with a 95%% bootstrap "
                + "interval over sequences; p(repeat) is the mean probability of the repeated token in the second copy. "
                + "Prefix is the best head's prefix-matching score (mean attention from a second-copy token to the token after its "
                + "first occurrence, over %d sequences; an induction head scores near 1). "
                + "`symtune probe copying --model DIR --tokens both` runs it on any model.%n%n",
                first.sequences(), first.length(), CopyProbe.FREQUENT_TOKENS, Math.log(first.vocabulary()), CopyProbe.PREFIX_SEQUENCES));
        sb.append("| Model | Tokens | First copy | Second copy | Gain [95% CI] | p(repeat) | p > 0.5 | Prefix |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Entry e : entries) {
            CopyProbeResult r = e.result();
            Interval ci = r.gainInterval();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %+.3f [%+.3f, %+.3f] | %.4f | %.1f%% | %.3f |%n", e.role(), e.tokens().key(),
                    r.meanFirstLoss(), r.meanSecondLoss(), r.gain(), ci.lo(), ci.hi(), r.meanRepeatProbability(), 100 * r.confidentCopyShare(),
                    e.heads().max()));
        }
        return sb.toString();
    }
}
