package org.symtune.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.Interval;
import org.symtune.eval.probe.CopyProbe;
import org.symtune.eval.probe.CopyProbeResult;
import org.symtune.eval.probe.PrefixMatching;
import org.symtune.model.infer.ModelLoader;
import org.symtune.model.infer.Scorer;

/**
 * {@code symtune probe copying}: the repeated-random-tokens probe ({@link CopyProbe}) on one or more models, side
 * by side: can each copy a sequence it has seen once in its context?
 */
public final class ProbeCommand implements Command {

    private final Supplier<ModelLoader> loader;

    public ProbeCommand() {
        this(ModelLoader::installed);
    }

    /** With another way of loading models (tests hand in a model built in memory). */
    ProbeCommand(Supplier<ModelLoader> loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String summary() {
        return "in-context copying probe (repeated random tokens) on one or more models";
    }

    @Override
    public String usage() {
        return """
                usage: symtune probe copying --model DIR [--model DIR ...] [--tokenizer PATH] [--sequences N] [--length L] [--seed S]
                                             [--tokens uniform|frequent|both] [--json]
                  Shows each model N sequences of L random ordinary tokens twice (after BOS where the tokenizer has one)
                  and prints the mean loss on each copy, the copying gain (first minus second, nats/token, with a 95%
                  bootstrap interval over sequences), the mean probability of the repeated token in the second copy and
                  the share of those tokens given more than even odds, and the best head's prefix-matching score (mean
                  attention from a second-copy token to the token after its first occurrence, over 8 sequences; an
                  induction head scores near 1). A model with induction heads has a large gain; one that cannot copy
                  has none. Every model sees the same sequences.
                  --model DIR      checkpoint folder (repeatable)
                  --tokenizer PATH tokenizer.json or a folder holding one, for every model (default: each model's folder)
                  --sequences N    random sequences (default 64)
                  --length L       tokens per copy (default 50); 2L tokens, plus BOS, must fit every model's context
                  --seed S         seed of the sequences (default 0)
                  --tokens T       draw the tokens uniformly from every ordinary token (uniform, the default), from the
                                   256 whole-word tokens the tokenizer merged first (frequent), or run both
                  --json           print one JSON object per model instead of the table""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "tokenizer", "sequences", "length", "seed", "tokens"), Set.of("json"));
        if (a.positional().size() != 1 || !a.positional().get(0).equals("copying")) {
            throw new UsageException("name the probe: symtune probe copying --model DIR ...");
        }
        List<String> models = a.getAll("model");
        if (models.isEmpty()) throw new UsageException("--model DIR is required");
        int sequences = a.getInt("sequences", 64);
        int length = a.getInt("length", 50);
        int seed = a.getInt("seed", 0);
        String tokensOption = a.get("tokens", "uniform");
        List<CopyProbe.Tokens> distributions;
        try {
            distributions = tokensOption.equals("both") ? List.of(CopyProbe.Tokens.values()) : List.of(CopyProbe.Tokens.of(tokensOption));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tokens must be uniform, frequent or both, got '" + tokensOption + "'");
        }
        CopyProbe probe;
        try {
            probe = new CopyProbe(sequences, length, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean json = a.flag("json");
        int width = Math.max(5, models.stream().mapToInt(String::length).max().orElse(0));
        if (!json) {
            out.printf("copy probe: %d sequences of %d random tokens, each shown twice (seed %d); losses in nats/token%n",
                    sequences, length, seed);
            out.printf("%-" + width + "s %-8s %9s %10s %11s %23s %9s %7s %7s%n", "model", "tokens", "ln(pool)", "first copy", "second copy",
                    "gain [95% CI]", "p(repeat)", "p>0.5", "prefix");
        }
        for (String dir : models) {
            ModelOptions m = ModelOptions.load(dir, a.get("tokenizer", dir), loader);
            int needed = 2 * length + m.tokenizer().encode("", true).length;
            int context = m.model().config().contextLength();
            if (needed > context) {
                throw new UsageException("--length " + length + " needs " + needed + " tokens but the model in " + dir
                        + " reads at most " + context);
            }
            for (CopyProbe.Tokens tokens : distributions) {
                CopyProbeResult r;
                PrefixMatching heads;
                try {
                    r = probe.run(new Scorer(m.model(), Backends.best()), m.tokenizer(), tokens);
                    heads = probe.prefixMatching(m.model(), Backends.best(), m.tokenizer(), tokens);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(dir + ": " + e.getMessage());
                }
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("model", dir);
                    o.put("tokens", tokens.key());
                    o.putAll(r.toJson());
                    o.putAll(heads.toJson());
                    out.println(Json.write(o));
                } else {
                    Interval ci = r.gainInterval();
                    out.printf("%-" + width + "s %-8s %9.3f %10.3f %11.3f %23s %9.4f %6.1f%% %7.3f%n", dir, tokens.key(), Math.log(r.vocabulary()),
                            r.meanFirstLoss(), r.meanSecondLoss(), String.format("%+.3f [%+.3f, %+.3f]", r.gain(), ci.lo(), ci.hi()),
                            r.meanRepeatProbability(), 100 * r.confidentCopyShare(), heads.max());
                }
                out.flush();
            }
        }
        return 0;
    }
}
