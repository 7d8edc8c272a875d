package org.symtune.eval.probe;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.rng.Rng;
import org.symtune.eval.metrics.Interval;

/**
 * What the {@link CopyProbe} measured, per sequence and summed up. Losses are in nats per token.
 *
 * @param sequences how many sequences were scored
 * @param length tokens per copy
 * @param seed the seed the sequences came from
 * @param vocabulary how many token ids the sequences were drawn from (ln of it is the loss of a uniform guess)
 * @param firstLoss per sequence, the mean loss on the first copy
 * @param secondLoss per sequence, the mean loss on the second copy
 * @param secondProbability per sequence, the mean probability of the repeated token in the second copy
 * @param secondConfident per sequence, the share of second-copy tokens given probability above one half (so
 *     certainly the model's top choice)
 */
public record CopyProbeResult(int sequences, int length, long seed, int vocabulary, double[] firstLoss, double[] secondLoss,
                              double[] secondProbability, double[] secondConfident) {
    /** Resamples of the percentile bootstrap behind {@link #gainInterval()}. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    public CopyProbeResult {
        for (double[] a : new double[][] {firstLoss, secondLoss, secondProbability, secondConfident}) {
            if (a.length != sequences) throw new IllegalArgumentException("a per-sequence array holds " + a.length + " values for " + sequences + " sequences");
        }
    }

    /** Mean loss on the first copy, where nothing can be copied. */
    public double meanFirstLoss() {
        return mean(firstLoss);
    }

    /** Mean loss on the second copy. */
    public double meanSecondLoss() {
        return mean(secondLoss);
    }

    /** The copying gain: first-copy loss minus second-copy loss, nats per token; near 0 for a model that cannot copy. */
    public double gain() {
        return mean(gains());
    }

    /**
     * A 95% percentile-bootstrap interval of {@link #gain()} over sequences ({@link #BOOTSTRAP_RESAMPLES}
     * resamples seeded from the probe's seed, so the same run gives the same interval).
     */
    public Interval gainInterval() {
        double[] g = gains();
        Rng rng = new Rng(Rng.hash(seed, 0x636f7079L));
        double[] means = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            double sum = 0;
            for (int i = 0; i < g.length; i++) sum += g[rng.nextInt(g.length)];
            means[b] = sum / g.length;
        }
        Arrays.sort(means);
        return new Interval(means[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))], means[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))]);
    }

    /** Mean probability the model gives the repeated token in the second copy (a uniform guess gives 1/vocabulary). */
    public double meanRepeatProbability() {
        return mean(secondProbability);
    }

    /** Share of second-copy tokens the model gives more than even odds. */
    public double confidentCopyShare() {
        return mean(secondConfident);
    }

    /** The summary as JSON-ready fields. */
    public Map<String, Object> toJson() {
        Interval ci = gainInterval();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sequences", sequences);
        o.put("length", length);
        o.put("seed", seed);
        o.put("vocabulary", vocabulary);
        o.put("uniform_loss", Math.log(vocabulary));
        o.put("first_copy_loss", meanFirstLoss());
        o.put("second_copy_loss", meanSecondLoss());
        o.put("copying_gain", gain());
        o.put("copying_gain_ci95", List.of(ci.lo(), ci.hi()));
        o.put("repeat_probability", meanRepeatProbability());
        o.put("confident_copy_share", confidentCopyShare());
        return o;
    }

    private double[] gains() {
        double[] g = new double[sequences];
        for (int i = 0; i < sequences; i++) g[i] = firstLoss[i] - secondLoss[i];
        return g;
    }

    private static double mean(double[] a) {
        double sum = 0;
        for (double v : a) sum += v;
        return sum / a.length;
    }
}
