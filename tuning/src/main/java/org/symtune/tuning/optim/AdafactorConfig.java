package org.symtune.tuning.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every option of Adafactor (Shazeer &amp; Stern 2018) as found in Hugging Face transformers, T5X and
 * optax, which implement the same algorithm and differ in defaults and in a few conventions.
 *
 * <p>Our defaults are Hugging Face's ({@link #defaults()}), which are also the paper's recipe and the
 * one the symbol-tuning study used: relative step size {@code min(1e-2, 1/sqrt(t))}, parameter scaling,
 * factored second moments, {@code beta2_t = 1 - t^-0.8}, update clipping at 1.0, no momentum, no weight
 * decay, {@code eps1 = 1e-30}, {@code eps2 = 1e-3}. How the others differ:
 * <table>
 *   <caption>Defaults compared</caption>
 *   <tr><th>option</th><th>ours = HF</th><th>T5X</th><th>optax</th></tr>
 *   <tr><td>learning rate</td><td>relative step</td><td>from the trainer's schedule; T5's default
 *       {@code rsqrt_decay} (base 1, 10k warm-up) equals the relative step</td><td>none: the update is not
 *       multiplied by a rate (in effect 1.0) unless one is given</td></tr>
 *   <tr><td>decay rate</td><td>-0.8 (exponent of t)</td><td>0.8 (negated inside)</td><td>0.8</td></tr>
 *   <tr><td>which tensors are factored</td><td>rank &ge; 2, over the last two dims, leading dims
 *       batched</td><td>rank 2 with both dims &ge; 128, over the two largest dims</td><td>same as T5X</td></tr>
 *   <tr><td>weight decay</td><td>{@code p -= wd * stepSize * p}</td><td>{@code p *= 1 - wd} (optionally
 *       {@code 1 - wd * lr^e})</td><td>{@code p *= 1 - wd}</td></tr>
 *   <tr><td>clipping, eps1, eps2</td><td colspan="3">1.0, 1e-30, 1e-3 everywhere (optax has no eps2 option)</td></tr>
 *   <tr><td>momentum</td><td colspan="3">none ({@code beta1 = 0} here, None there)</td></tr>
 * </table>
 * For a matrix the choice of which dimension is the "row" does not matter: the estimate
 * {@code R_i C_j / mean(R)} is symmetric in rows and columns. {@link #t5x(Schedule)} gives T5X's
 * settings.
 *
 * @param learningRate          the step size before parameter scaling; the relative step by default
 * @param scaleParameter        multiply the step size by {@code max(epsilon2, RMS(param))}
 * @param maxParameterScale     upper bound on that scale (T5X {@code max_parameter_scale}); infinity for none
 * @param epsilon1              added to the squared gradient
 * @param epsilon2              lower bound of the parameter scale
 * @param clipThreshold         update clipping: divide the update by {@code max(1, RMS(update) / d)};
 *                              infinity turns clipping off
 * @param decayRate             exponent {@code c} in {@code beta2_t = 1 - t^c}; negative (HF sign convention)
 * @param decayOffset           steps subtracted from t in {@code beta2_t} (T5X {@code step_offset}, optax
 *                              {@code decay_offset}); t is clamped at 1
 * @param beta1                 momentum on the scaled update; 0 keeps none (and no state for it)
 * @param weightDecay           weight decay rate; 0 for none
 * @param weightDecayScaling    how the rate is applied (HF, T5X/optax, or T5X with a learning-rate power)
 * @param weightDecayLrExponent the power of the learning rate for {@link WeightDecayScaling#LEARNING_RATE_POWER};
 *                              1 with the other scalings
 * @param factored              factor the second moment of tensors of rank &ge; 2
 * @param minDimSizeToFactor    factor only when both of the last two dims are at least this (T5X: 128)
 * @param skipNanUpdates        keep the previous value of any parameter or state element that would
 *                              become NaN (T5X {@code skip_nan_updates})
 */
public record AdafactorConfig(
        Schedule learningRate,
        boolean scaleParameter,
        double maxParameterScale,
        double epsilon1,
        double epsilon2,
        double clipThreshold,
        double decayRate,
        long decayOffset,
        double beta1,
        double weightDecay,
        WeightDecayScaling weightDecayScaling,
        double weightDecayLrExponent,
        boolean factored,
        int minDimSizeToFactor,
        boolean skipNanUpdates) implements OptimizerConfig {

    public AdafactorConfig {
        if (learningRate == null) throw new IllegalArgumentException("learning_rate: a schedule is required");
        if (weightDecayScaling == null) throw new IllegalArgumentException("weight_decay_scaling is required");
        positive(maxParameterScale, "max_parameter_scale");
        finiteNonNegative(epsilon1, "epsilon1");
        finiteNonNegative(epsilon2, "epsilon2");
        positive(clipThreshold, "clip_threshold");
        if (!(decayRate < 0) || !Double.isFinite(decayRate)) {
            throw new IllegalArgumentException("decay_rate must be negative (beta2_t = 1 - t^decay_rate; T5X's and optax's 0.8 is -0.8 here), got "
                    + decayRate);
        }
        if (decayOffset < 0) throw new IllegalArgumentException("decay_offset must be >= 0, got " + decayOffset);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        finiteNonNegative(weightDecay, "weight_decay");
        if (!Double.isFinite(weightDecayLrExponent)) {
            throw new IllegalArgumentException("weight_decay_lr_exponent must be finite, got " + weightDecayLrExponent);
        }
        // Only one value is meaningful otherwise, so every config has one JSON form and reads back equal.
        if (weightDecayScaling != WeightDecayScaling.LEARNING_RATE_POWER && weightDecayLrExponent != 1.0) {
            throw new IllegalArgumentException("weight_decay_lr_exponent (" + weightDecayLrExponent + ") only applies with weight_decay_scaling "
                    + "learning_rate_power; leave it at 1 with " + weightDecayScaling.jsonName());
        }
        if (minDimSizeToFactor < 0) throw new IllegalArgumentException("min_dim_size_to_factor must be >= 0, got " + minDimSizeToFactor);
        if (!scaleParameter && maxParameterScale != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("max_parameter_scale needs scale_parameter = true");
        }
    }

    private static void positive(double v, String name) {
        if (!(v > 0)) throw new IllegalArgumentException(name + " must be > 0 (infinity for none), got " + v);
    }

    private static void finiteNonNegative(double v, String name) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }

    /** Hugging Face transformers' defaults, which are ours (see the class comment). */
    public static AdafactorConfig defaults() {
        return new AdafactorConfig(new RelativeStepSchedule(false), true, Double.POSITIVE_INFINITY, 1e-30, 1e-3, 1.0, -0.8, 0,
                0.0, 0.0, WeightDecayScaling.STEP_SIZE, 1.0, true, 0, false);
    }

    /**
     * T5X's defaults with the learning rate from {@code schedule} (T5's usual one is
     * {@code new InverseSqrtSchedule(1.0, 10000)}): tensors are factored only when both dims are at
     * least 128, and weight decay, when set, does not scale with the learning rate.
     */
    public static AdafactorConfig t5x(Schedule schedule) {
        return defaults().toBuilder().learningRate(schedule).minDimSizeToFactor(128)
                .weightDecayScaling(WeightDecayScaling.NONE).build();
    }

    @Override
    public AdafactorConfig withLearningRate(Schedule schedule) {
        return toBuilder().learningRate(schedule).build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** True when the learning rate is Adafactor's relative step (HF {@code relative_step=True}). */
    public boolean relativeStep() {
        return learningRate instanceof RelativeStepSchedule;
    }

    /** True when update clipping is on. */
    public boolean clipping() {
        return clipThreshold != Double.POSITIVE_INFINITY;
    }

    /** True when a first moment (momentum) is kept. */
    public boolean momentum() {
        return beta1 > 0;
    }

    /** True when a tensor of this shape gets factored second-moment statistics. */
    public boolean factors(int[] shape) {
        int r = shape.length;
        return factored && r >= 2 && shape[r - 1] >= minDimSizeToFactor && shape[r - 2] >= minDimSizeToFactor;
    }

    @Override
    public String type() {
        return Adafactor.NAME;
    }

    @Override
    public Adafactor create() {
        return new Adafactor(this);
    }

    /**
     * Every option, {@code weight_decay_lr_exponent} only where it applies (learning_rate_power);
     * {@link #fromJson} reads it back as an equal config.
     */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("learning_rate", learningRate.toJson());
        m.put("scale_parameter", scaleParameter);
        m.put("max_parameter_scale", maxParameterScale == Double.POSITIVE_INFINITY ? null : maxParameterScale);
        m.put("epsilon1", epsilon1);
        m.put("epsilon2", epsilon2);
        m.put("clip_threshold", clipping() ? clipThreshold : null);
        m.put("decay_rate", decayRate);
        m.put("decay_offset", decayOffset);
        m.put("beta1", beta1);
        m.put("weight_decay", weightDecay);
        m.put("weight_decay_scaling", weightDecayScaling.jsonName());
        if (weightDecayScaling == WeightDecayScaling.LEARNING_RATE_POWER) m.put("weight_decay_lr_exponent", weightDecayLrExponent);
        m.put("factored", factored);
        m.put("min_dim_size_to_factor", (long) minDimSizeToFactor);
        m.put("skip_nan_updates", skipNanUpdates);
        return m;
    }

    /**
     * Reads {@code {"type": "adafactor", ...}}: every field of {@link #toJson()} is optional and defaults
     * as in {@link #defaults()}; {@code learning_rate} is a number (constant) or a schedule object;
     * {@code clip_threshold} and {@code max_parameter_scale} may be null for none; {@code beta1} null
     * means 0.
     */
    public static AdafactorConfig fromJson(Map<String, Object> json) {
        return fromJson(json, "optimizer");
    }

    static AdafactorConfig fromJson(Map<String, Object> json, String path) {
        ConfigFields f = new ConfigFields(json, path, "type", "learning_rate", "scale_parameter", "max_parameter_scale", "epsilon1", "epsilon2",
                "clip_threshold", "decay_rate", "decay_offset", "beta1", "weight_decay", "weight_decay_scaling", "weight_decay_lr_exponent",
                "factored", "min_dim_size_to_factor", "skip_nan_updates");
        AdafactorConfig d = defaults();
        Builder b = d.toBuilder();
        f.string("type");
        if (f.has("learning_rate")) b.learningRate(Schedule.fromJson(f.raw("learning_rate"), f.path("learning_rate")));
        b.scaleParameter(f.bool("scale_parameter", d.scaleParameter));
        b.maxParameterScale(f.number("max_parameter_scale", d.maxParameterScale));
        b.epsilon1(f.number("epsilon1", d.epsilon1));
        b.epsilon2(f.number("epsilon2", d.epsilon2));
        b.clipThreshold(f.isExplicitNull("clip_threshold") ? Double.POSITIVE_INFINITY : f.number("clip_threshold", d.clipThreshold));
        b.decayRate(f.number("decay_rate", d.decayRate));
        b.decayOffset(f.integer("decay_offset", d.decayOffset));
        b.beta1(f.number("beta1", d.beta1));
        b.weightDecay(f.number("weight_decay", d.weightDecay));
        if (f.has("weight_decay_scaling")) {
            String name = f.string("weight_decay_scaling");
            WeightDecayScaling s = WeightDecayScaling.fromJsonName(name);
            if (s == null) throw f.error("weight_decay_scaling", "unknown value '" + name + "' (known: step_size, none, learning_rate_power)");
            b.weightDecayScaling(s);
        }
        if (f.has("weight_decay_lr_exponent")) {
            b.weightDecayLrExponent(f.number("weight_decay_lr_exponent", d.weightDecayLrExponent));
            if (b.weightDecayScaling != WeightDecayScaling.LEARNING_RATE_POWER) {
                throw f.error("weight_decay_lr_exponent", "only applies with \"weight_decay_scaling\": \"learning_rate_power\"");
            }
        }
        b.factored(f.bool("factored", d.factored));
        long minDim = f.integer("min_dim_size_to_factor", d.minDimSizeToFactor);
        if (minDim < 0 || minDim > Integer.MAX_VALUE) throw f.error("min_dim_size_to_factor", "must be a non-negative int, got " + minDim);
        b.minDimSizeToFactor((int) minDim);
        b.skipNanUpdates(f.bool("skip_nan_updates", d.skipNanUpdates));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** Builds a config option by option; {@link #build()} validates. */
    public static final class Builder {
        private Schedule learningRate;
        private boolean scaleParameter;
        private double maxParameterScale;
        private double epsilon1;
        private double epsilon2;
        private double clipThreshold;
        private double decayRate;
        private long decayOffset;
        private double beta1;
        private double weightDecay;
        private WeightDecayScaling weightDecayScaling;
        private double weightDecayLrExponent;
        private boolean factored;
        private int minDimSizeToFactor;
        private boolean skipNanUpdates;

        private Builder(AdafactorConfig c) {
            learningRate = c.learningRate;
            scaleParameter = c.scaleParameter;
            maxParameterScale = c.maxParameterScale;
            epsilon1 = c.epsilon1;
            epsilon2 = c.epsilon2;
            clipThreshold = c.clipThreshold;
            decayRate = c.decayRate;
            decayOffset = c.decayOffset;
            beta1 = c.beta1;
            weightDecay = c.weightDecay;
            weightDecayScaling = c.weightDecayScaling;
            weightDecayLrExponent = c.weightDecayLrExponent;
            factored = c.factored;
            minDimSizeToFactor = c.minDimSizeToFactor;
            skipNanUpdates = c.skipNanUpdates;
        }

        public Builder learningRate(Schedule v) { learningRate = v; return this; }

        /** A fixed learning rate (HF {@code lr=v, relative_step=False}). */
        public Builder learningRate(double v) { learningRate = new ConstantSchedule(v); return this; }

        public Builder scaleParameter(boolean v) { scaleParameter = v; return this; }

        public Builder maxParameterScale(double v) { maxParameterScale = v; return this; }

        public Builder epsilon1(double v) { epsilon1 = v; return this; }

        public Builder epsilon2(double v) { epsilon2 = v; return this; }

        public Builder clipThreshold(double v) { clipThreshold = v; return this; }

        public Builder decayRate(double v) { decayRate = v; return this; }

        public Builder decayOffset(long v) { decayOffset = v; return this; }

        public Builder beta1(double v) { beta1 = v; return this; }

        public Builder weightDecay(double v) { weightDecay = v; return this; }

        public Builder weightDecayScaling(WeightDecayScaling v) { weightDecayScaling = v; return this; }

        public Builder weightDecayLrExponent(double v) { weightDecayLrExponent = v; return this; }

        public Builder factored(boolean v) { factored = v; return this; }

        public Builder minDimSizeToFactor(int v) { minDimSizeToFactor = v; return this; }

        public Builder skipNanUpdates(boolean v) { skipNanUpdates = v; return this; }

        public AdafactorConfig build() {
            return new AdafactorConfig(learningRate, scaleParameter, maxParameterScale, epsilon1, epsilon2, clipThreshold, decayRate,
                    decayOffset, beta1, weightDecay, weightDecayScaling, weightDecayLrExponent, factored, minDimSizeToFactor,
                    skipNanUpdates);
        }
    }
}
