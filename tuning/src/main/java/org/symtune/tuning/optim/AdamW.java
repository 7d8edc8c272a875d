package org.symtune.tuning.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.symtune.core.Tensor;
import org.symtune.core.parallel.Parallel;

/**
 * AdamW with decoupled weight decay and bias correction, in the order of PyTorch's single-tensor
 * {@code torch.optim.AdamW}: {@code p *= 1 - lr wd}; {@code m = beta1 m + (1 - beta1) g};
 * {@code v = beta2 v + (1 - beta2) g^2}; {@code p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}
 * (with AMSGrad, {@code v} in the denominator is the running maximum of {@code v}).
 *
 * <p>Element-wise arithmetic is float32; the bias corrections and step size are computed in double and
 * rounded once to float, as PyTorch does. State: {@code exp_avg}, {@code exp_avg_sq} and, with AMSGrad,
 * {@code max_exp_avg_sq}, each the size of the parameter. Bit-identical for any thread count.
 */
public final class AdamW implements Optimizer {
    /** The name in configs and saved state. */
    public static final String NAME = "adamw";

    static final String AVG = "exp_avg";
    static final String SQ = "exp_avg_sq";
    static final String MAX_SQ = "max_exp_avg_sq";
    private static final Set<String> SLOTS = Set.of(AVG, SQ, MAX_SQ);

    private final AdamWConfig config;
    private SlotTable slots = new SlotTable();
    private long step;
    private double lastLr = Double.NaN;

    public AdamW(AdamWConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdamWConfig config() {
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

    @Override
    public long stateBytes() {
        return slots.bytes();
    }

    private Map<String, int[]> layout(Param p) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(AVG, p.shape());
        m.put(SQ, p.shape());
        if (config.amsgrad()) m.put(MAX_SQ, p.shape());
        return m;
    }

    @Override
    public void step(List<Param> params) {
        slots.ensure(params, this::layout, step, NAME);
        long t = step + 1;
        double lr = config.learningRate().lr(t);
        if (!(lr >= 0) || !Double.isFinite(lr)) throw new IllegalStateException("adamw: the schedule gave the learning rate " + lr + " at step " + t);
        double bias1 = 1.0 - Math.pow(config.beta1(), t);
        double bias2 = 1.0 - Math.pow(config.beta2(), t);
        float keep = (float) (1.0 - lr * config.weightDecay());
        float beta1 = (float) config.beta1();
        float mix1 = (float) (1.0 - config.beta1());
        float beta2 = (float) config.beta2();
        float mix2 = (float) (1.0 - config.beta2());
        float negStep = (float) -(lr / bias1);
        float bias2Sqrt = (float) Math.sqrt(bias2);
        float eps = (float) config.eps();
        boolean amsgrad = config.amsgrad();
        for (Param p : params) {
            Map<String, Tensor> s = slots.get(p.name());
            float[] w = p.value().data();
            int wo = p.value().offset();
            float[] g = p.grad().data();
            int go = p.grad().offset();
            float[] m = s.get(AVG).data();
            float[] v = s.get(SQ).data();
            float[] vmax = amsgrad ? s.get(MAX_SQ).data() : null;
            Parallel.forRange(p.numel(), Reductions.CHUNK, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    float gi = g[go + i];
                    float pi = w[wo + i] * keep;
                    float mi = m[i] * beta1 + mix1 * gi;
                    float vi = v[i] * beta2 + mix2 * gi * gi;
                    m[i] = mi;
                    v[i] = vi;
                    if (vmax != null) {
                        vi = Math.max(vmax[i], vi);
                        vmax[i] = vi;
                    }
                    float denom = (float) Math.sqrt(vi) / bias2Sqrt + eps;
                    w[wo + i] = pi + negStep * (mi / denom);
                }
            });
        }
        step = t;
        lastLr = lr;
    }

    @Override
    public OptimizerState saveState() {
        return slots.toState(NAME, step, config.toJson());
    }

    /** Loads a state saved by an AdamW; the recorded config is informational, this optimizer's applies. */
    @Override
    public void loadState(OptimizerState state) {
        slots = SlotTable.fromState(state, SLOTS, NAME);
        step = state.step();
        lastLr = Double.NaN;
    }
}
