package org.symtune.tuning.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.symtune.core.Tensor;
import org.symtune.core.parallel.Parallel;

/**
 * Adafactor (Shazeer &amp; Stern 2018) with every option of {@link AdafactorConfig}, following the
 * order of operations of Hugging Face transformers' implementation so that the two can be compared
 * step for step. For a parameter {@code p} with gradient {@code g} at step {@code t}:
 * <ol>
 *   <li>{@code stepSize = lr(t) * min(max(eps2, RMS(p)), maxScale)} (scale 1 without parameter scaling);</li>
 *   <li>{@code beta2 = 1 - t^decayRate}; {@code s = g^2 + eps1};</li>
 *   <li>factored (rank &ge; 2): {@code row = beta2 row + (1 - beta2) mean_lastdim(s)},
 *       {@code col = beta2 col + (1 - beta2) mean_rows(s)} (leading dims are batch dims);
 *       {@code u = rsqrt(row / mean(row)) * rsqrt(col) * g}; unfactored:
 *       {@code v = beta2 v + (1 - beta2) s}, {@code u = rsqrt(v) * g};</li>
 *   <li>clipping: {@code u /= max(1, RMS(u) / d)}; then {@code u *= stepSize};</li>
 *   <li>momentum (beta1 &gt; 0): {@code m = beta1 m + (1 - beta1) u}, {@code u = m};</li>
 *   <li>weight decay (see {@link WeightDecayScaling}), then {@code p -= u}.</li>
 * </ol>
 *
 * <p>Precision: element-wise arithmetic is float32 in the same order as PyTorch on float32 tensors;
 * scalars (schedule, beta2, parameter scale) are computed in double and rounded once to float where
 * they meet tensors, as PyTorch does with Python scalars. Means and RMS values are accumulated in double,
 * where PyTorch accumulates float32 reductions in float32 (pairwise); the two differ by a few float
 * ulps of the reduced value. Carrying everything in double instead would change parameters by about
 * 1e-7 relative per step: far below the 1e-6 parity tolerance, but not bit-identical to PyTorch.
 *
 * <p>State per parameter: {@code exp_avg_sq_row} (shape without the last dim) and {@code exp_avg_sq_col}
 * (shape without the second-to-last dim) when factored, else {@code exp_avg_sq}; plus {@code exp_avg}
 * with momentum. A d&times;d matrix therefore costs 2d floats without momentum, not d&sup2;.
 *
 * <p>Large tensors are processed in fixed-size chunks through {@link Parallel}; results are
 * bit-identical for any thread count. Not thread-safe: one trainer thread calls {@link #step}.
 */
public final class Adafactor implements Optimizer {
    /** The name in configs and saved state. */
    public static final String NAME = "adafactor";

    static final String ROW = "exp_avg_sq_row";
    static final String COL = "exp_avg_sq_col";
    static final String SQ = "exp_avg_sq";
    static final String AVG = "exp_avg";
    private static final Set<String> SLOTS = Set.of(ROW, COL, SQ, AVG);
    /** Columns per task when averaging over rows. */
    private static final int COLUMN_BLOCK = 64;

    /**
     * What the last step did to one parameter.
     *
     * @param stepSize  learning rate times parameter scale
     * @param updateRms RMS of the update direction before clipping
     * @param clipped   whether clipping shrank the update ({@code updateRms > clipThreshold})
     */
    public record ParamStep(String name, boolean factored, double stepSize, double updateRms, boolean clipped) {
    }

    private final AdafactorConfig config;
    private SlotTable slots = new SlotTable();
    private long step;
    private double lastLr = Double.NaN;
    private List<ParamStep> lastSteps = List.of();

    public Adafactor(AdafactorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdafactorConfig config() {
        return config;
    }

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public double lastLearningRate() {
        return lastLr;
    }

    /** Per-parameter details of the last step, in the order the parameters were given. */
    public List<ParamStep> lastStepDetails() {
        return lastSteps;
    }

    @Override
    public long stateBytes() {
        return slots.bytes();
    }

    @Override
    public void step(List<Param> params) {
        slots.ensure(params, this::layout, step, NAME);
        long t = step + 1;
        double rate = config.learningRate().lr(t);
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalStateException("adafactor: the schedule gave the learning rate " + rate + " at step " + t);
        }
        double beta2 = 1.0 - Math.pow((double) Math.max(1, t - config.decayOffset()), config.decayRate());
        List<ParamStep> report = new ArrayList<>(params.size());
        for (Param p : params) report.add(update(p, slots.get(p.name()), rate, beta2));
        step = t;
        lastLr = rate;
        lastSteps = List.copyOf(report);
    }

    private Map<String, int[]> layout(Param p) {
        int[] shape = p.shape();
        int r = shape.length;
        Map<String, int[]> m = new LinkedHashMap<>();
        if (config.factors(shape)) {
            m.put(ROW, Arrays.copyOf(shape, r - 1));
            int[] col = Arrays.copyOf(shape, r - 1);
            col[r - 2] = shape[r - 1];
            m.put(COL, col);
        } else {
            m.put(SQ, shape);
        }
        if (config.momentum()) m.put(AVG, shape);
        return m;
    }

    private ParamStep update(Param p, Map<String, Tensor> s, double rate, double beta2) {
        int n = p.numel();
        int[] shape = p.shape();
        boolean factored = config.factors(shape);
        if (n == 0) return new ParamStep(p.name(), factored, 0, 0, false);
        double scale = 1.0;
        if (config.scaleParameter()) {
            double rms = Math.sqrt(Reductions.sumOfSquares(p.value().data(), p.value().offset(), n) / n);
            scale = Math.min(Math.max(config.epsilon2(), rms), config.maxParameterScale());
        }
        double stepSize = scale * rate;
        Tensor m = config.momentum() ? s.get(AVG) : null;
        ElementUpdate k = new ElementUpdate(config, p, m == null ? null : m.data(), stepSize, rate, beta2);
        double rms = factored
                ? factored(k, s.get(ROW).data(), s.get(COL).data(), shape, n)
                : unfactored(k, s.get(SQ).data(), n);
        return new ParamStep(p.name(), factored, stepSize, rms, rms > config.clipThreshold());
    }

    /** The factored path; returns the RMS of the update direction before clipping. */
    private double factored(ElementUpdate k, float[] row, float[] col, int[] shape, int n) {
        int cols = shape[shape.length - 1];
        int rows = shape[shape.length - 2];
        int batches = n / (rows * cols);
        int totalRows = batches * rows;
        int rowsPerChunk = Math.max(1, Reductions.CHUNK / cols);
        float[] g = k.g;
        int go = k.go;

        Parallel.forRange(totalRows, rowsPerChunk, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int base = go + r * cols;
                double sum = 0;
                for (int c = 0; c < cols; c++) sum += k.squared(g[base + c]);
                row[r] = k.secondMoment(row[r], (float) (sum / cols));
            }
        });
        int blocks = Parallel.chunks(cols, COLUMN_BLOCK);
        Parallel.forTasks(batches * blocks, task -> {
            int b = task / blocks;
            int c0 = (task % blocks) * COLUMN_BLOCK;
            int c1 = Math.min(cols, c0 + COLUMN_BLOCK);
            double[] sums = new double[c1 - c0];
            for (int r = 0; r < rows; r++) {
                int base = go + (b * rows + r) * cols;
                for (int c = c0; c < c1; c++) sums[c - c0] += k.squared(g[base + c]);
            }
            for (int c = c0; c < c1; c++) {
                int i = b * cols + c;
                col[i] = k.secondMoment(col[i], (float) (sums[c - c0] / rows));
            }
        });

        // rsqrt(row / mean(row)) * rsqrt(col) is rsqrt of the rank-one estimate row_i col_j / mean(row).
        float[] rowFactor = new float[totalRows];
        for (int b = 0; b < batches; b++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += row[b * rows + r];
            float mean = (float) (sum / rows);
            for (int r = 0; r < rows; r++) rowFactor[b * rows + r] = Reductions.rsqrt(row[b * rows + r] / mean);
        }
        float[] colFactor = new float[batches * cols];
        for (int i = 0; i < colFactor.length; i++) colFactor[i] = Reductions.rsqrt(col[i]);

        // The update direction is recomputed in the second pass rather than stored: no d x d scratch.
        double sumSq = Parallel.sum(totalRows, rowsPerChunk, (r0, r1) -> {
            double acc = 0;
            for (int r = r0; r < r1; r++) {
                float fr = rowFactor[r];
                int cb = (r / rows) * cols;
                int base = go + r * cols;
                for (int c = 0; c < cols; c++) {
                    double u = fr * colFactor[cb + c] * g[base + c];
                    acc += u * u;
                }
            }
            return acc;
        });
        double rms = Math.sqrt(sumSq / n);
        k.clipFor(rms);
        Parallel.forRange(totalRows, rowsPerChunk, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                float fr = rowFactor[r];
                int cb = (r / rows) * cols;
                int base = r * cols;
                for (int c = 0; c < cols; c++) k.apply(base + c, fr * colFactor[cb + c] * g[go + base + c]);
            }
        });
        return rms;
    }

    /** The unfactored path (vectors, scalars, or factoring off); returns the RMS before clipping. */
    private double unfactored(ElementUpdate k, float[] v, int n) {
        float[] g = k.g;
        int go = k.go;
        double sumSq = Parallel.sum(n, Reductions.CHUNK, (i0, i1) -> {
            double acc = 0;
            for (int i = i0; i < i1; i++) {
                float gi = g[go + i];
                v[i] = k.secondMoment(v[i], k.squared(gi));
                double u = Reductions.rsqrt(v[i]) * gi;
                acc += u * u;
            }
            return acc;
        });
        double rms = Math.sqrt(sumSq / n);
        k.clipFor(rms);
        Parallel.forRange(n, Reductions.CHUNK, (i0, i1) -> {
            for (int i = i0; i < i1; i++) k.apply(i, Reductions.rsqrt(v[i]) * g[go + i]);
        });
        return rms;
    }

    /**
     * The element-wise part of one parameter's update, with its scalars rounded once to float (as
     * PyTorch rounds Python scalars that meet float32 tensors).
     */
    private static final class ElementUpdate {
        final float[] w;
        final int wo;
        final float[] g;
        final int go;
        final float[] m;
        final float beta2;
        final float mix2;
        final float eps1;
        final float stepSize;
        final float beta1;
        final float mix1;
        final boolean decayByStepSize;
        final boolean decayByFactor;
        final float decayAlpha;
        final float keep;
        final boolean skipNan;
        final double clipThreshold;
        float clipDenominator = 1f;

        ElementUpdate(AdafactorConfig c, Param p, float[] momentum, double stepSize, double rate, double beta2) {
            w = p.value().data();
            wo = p.value().offset();
            g = p.grad().data();
            go = p.grad().offset();
            m = momentum;
            this.beta2 = (float) beta2;
            mix2 = (float) (1.0 - beta2);
            eps1 = (float) c.epsilon1();
            this.stepSize = (float) stepSize;
            beta1 = (float) c.beta1();
            mix1 = (float) (1.0 - c.beta1());
            boolean decay = c.weightDecay() != 0;
            decayByStepSize = decay && c.weightDecayScaling() == WeightDecayScaling.STEP_SIZE;
            decayByFactor = decay && !decayByStepSize;
            decayAlpha = (float) (-c.weightDecay() * stepSize);
            double rateFactor = c.weightDecayScaling() == WeightDecayScaling.LEARNING_RATE_POWER
                    ? Math.pow(rate, c.weightDecayLrExponent()) : 1.0;
            keep = (float) (1.0 - c.weightDecay() * rateFactor);
            skipNan = c.skipNanUpdates();
            clipThreshold = c.clipThreshold();
        }

        float squared(float gi) {
            return gi * gi + eps1;
        }

        /** The exponential moving average of a second-moment statistic. */
        float secondMoment(float old, float sample) {
            float updated = old * beta2 + mix2 * sample;
            return skipNan && Float.isNaN(updated) ? old : updated;
        }

        void clipFor(double rms) {
            clipDenominator = (float) Math.max(1.0, rms / clipThreshold);
        }

        /** Applies the update with direction {@code direction} to element {@code i}. */
        void apply(int i, float direction) {
            float u = direction / clipDenominator * stepSize;
            if (m != null) {
                float mi = m[i] * beta1 + mix1 * u;
                if (!(skipNan && Float.isNaN(mi))) m[i] = mi;
                u = mi;
            }
            float old = w[wo + i];
            float p = old;
            if (decayByStepSize) p = p + p * decayAlpha;
            else if (decayByFactor) p = p * keep;
            p = p - u;
            w[wo + i] = skipNan && Float.isNaN(p) ? old : p;
        }
    }

    @Override
    public OptimizerState saveState() {
        return slots.toState(NAME, step, config.toJson());
    }

    /**
     * Loads a state saved by an Adafactor. The {@code config} recorded in it is informational: this
     * optimizer's own config applies, and its factoring and momentum settings must fit the tensors.
     */
    @Override
    public void loadState(OptimizerState state) {
        slots = SlotTable.fromState(state, SLOTS, NAME);
        step = state.step();
        lastLr = Double.NaN;
        lastSteps = List.of();
    }
}
