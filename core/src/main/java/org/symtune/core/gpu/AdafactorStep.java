package org.symtune.core.gpu;

/**
 * The scalars of one Adafactor step, as the host computes them from its config, schedule and step number (see
 * {@code org.symtune.tuning.optim.Adafactor} for their meaning). The device rounds them to float where they
 * meet tensors, as the CPU optimizer does.
 *
 * @param learningRate      {@code lr(t)} before parameter scaling
 * @param beta2             {@code 1 - t^decayRate}
 * @param epsilon1          added to every squared gradient
 * @param epsilon2          lower bound of the parameter scale
 * @param scaleParameter    multiply the step size by {@code min(max(epsilon2, RMS(w)), maxParameterScale)}
 * @param maxParameterScale upper bound of that scale (infinity for none)
 * @param clipThreshold     divide the update by {@code max(1, RMS(update) / clipThreshold)} (infinity: no clipping)
 * @param beta1             momentum; 0 for none (then no momentum buffer is needed)
 * @param decay             how weight decay is applied
 * @param weightDecay       the rate for {@link WeightDecay#STEP_SIZE}: {@code w += w · (-weightDecay · stepSize)}
 * @param decayKeep         the factor for {@link WeightDecay#FACTOR}: {@code w *= decayKeep}
 * @param skipNanUpdates    keep the old value of any element of w, or of the state, that would become NaN
 */
public record AdafactorStep(double learningRate, double beta2, double epsilon1, double epsilon2, boolean scaleParameter,
                            double maxParameterScale, double clipThreshold, double beta1, WeightDecay decay, double weightDecay,
                            double decayKeep, boolean skipNanUpdates) {

    /** How weight decay enters the update. */
    public enum WeightDecay {
        /** No weight decay. */
        NONE,
        /** Hugging Face: proportional to the step size. */
        STEP_SIZE,
        /** T5X/optax: multiply by a factor computed on the host. */
        FACTOR
    }

    public AdafactorStep {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("adafactor: learning rate must be finite and >= 0, got " + learningRate);
        }
        if (!(beta2 >= 0 && beta2 <= 1)) throw new IllegalArgumentException("adafactor: beta2 must be in [0, 1], got " + beta2);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("adafactor: beta1 must be in [0, 1), got " + beta1);
        if (!(clipThreshold > 0)) throw new IllegalArgumentException("adafactor: clip threshold must be > 0, got " + clipThreshold);
        if (decay == null) throw new IllegalArgumentException("adafactor: weight decay mode is required");
    }

    /** True when a momentum buffer is kept. */
    public boolean momentum() {
        return beta1 > 0;
    }
}
