package org.symtune.tuning.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symtune.core.Tensor;
import org.symtune.model.checkpoint.StoredTensor;
import org.symtune.model.checkpoint.TensorLayout;

/**
 * An optimizer that updates some groups of parameters as single tensors: each group's members are
 * concatenated along their first dimension, the inner optimizer steps the concatenation, and the new
 * values are copied back.
 *
 * <p>Why: Adafactor's statistics are per tensor (the row and column means of the factored second
 * moment, the update RMS that clipping divides by, the parameter RMS that scales the step), so where
 * another framework stores several of our parameters as one tensor its Adafactor computes a different
 * update. GPT-2 checkpoints fuse the query, key and value projections into one {@code c_attn}
 * tensor, and PyTorch + Hugging Face's Adafactor steps it as one: {@link #forLayout} gives that update
 * for a model loaded from such a checkpoint. A fused Linear weight here is {@code [Σout, in]}, the
 * transpose of GPT-2's {@code [in, Σout]}; Adafactor's factored estimate {@code R_i C_j / mean(R)} is
 * symmetric in rows and columns, so the transposition changes only rounding. Element-wise optimizers
 * such as AdamW give the same result fused or not.
 *
 * <p>The inner optimizer's state is keyed by the group names, so a saved state loads back only into
 * an optimizer with the same groups. Costs one copy of each group's values and gradients per step.
 */
public final class FusingOptimizer implements Optimizer {
    private final Optimizer inner;
    private final Map<String, List<String>> groups;
    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, Param> fused = new HashMap<>();

    /**
     * @param groups fused name to member parameter names, in concatenation order; members have equal
     *               shapes after their first dimension, and no parameter is in two groups
     */
    public FusingOptimizer(Optimizer inner, Map<String, List<String>> groups) {
        this.inner = inner;
        this.groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            if (e.getValue().isEmpty()) throw new IllegalArgumentException("fused parameter '" + e.getKey() + "' has no members");
            for (String member : e.getValue()) {
                String before = groupOf.put(member, e.getKey());
                if (before != null) {
                    throw new IllegalArgumentException("parameter '" + member + "' is fused into both '" + before + "' and '" + e.getKey() + "'");
                }
            }
            this.groups.put(e.getKey(), List.copyOf(e.getValue()));
        }
    }

    /**
     * The groups a checkpoint layout fuses: each stored tensor that holds several of our parameters
     * concatenated (GPT-2's {@code c_attn} weight and bias), under its stored name. Empty for layouts
     * that store every parameter on its own (ours, Llama's).
     */
    public static Map<String, List<String>> groupsOf(TensorLayout layout) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (StoredTensor t : layout.tensors()) {
            if (t instanceof StoredTensor.Fused f) out.put(f.name(), f.canonicalNames());
        }
        return out;
    }

    /** {@code inner} stepping the tensors as {@code layout} stores them; {@code inner} itself when nothing is fused. */
    public static Optimizer forLayout(Optimizer inner, TensorLayout layout) {
        Map<String, List<String>> g = groupsOf(layout);
        return g.isEmpty() ? inner : new FusingOptimizer(inner, g);
    }

    /** The optimizer that steps the fused tensors. */
    public Optimizer inner() {
        return inner;
    }

    /** Fused name to member names. */
    public Map<String, List<String>> groups() {
        return groups;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public OptimizerConfig config() {
        return inner.config();
    }

    /**
     * Steps {@code params} with each group replaced by its concatenation (in the position of its first
     * member), then writes the fused values back into the members.
     */
    @Override
    public void step(List<Param> params) {
        Map<String, Param> byName = new HashMap<>();
        for (Param p : params) byName.put(p.name(), p);
        List<Param> view = new ArrayList<>(params.size());
        Set<String> added = new HashSet<>();
        for (Param p : params) {
            String group = groupOf.get(p.name());
            if (group == null) {
                view.add(p);
            } else if (added.add(group)) {
                view.add(gather(group, byName));
            }
        }
        if (added.size() != groups.size()) {
            List<String> absent = new ArrayList<>(groups.keySet());
            absent.removeAll(added);
            throw new IllegalArgumentException("fused parameters " + absent + " have none of their members among the parameters given");
        }
        inner.step(view);
        for (String group : added) scatter(group, byName);
    }

    /** Copies the members' values and gradients into the group's tensors (allocated at the first step). */
    private Param gather(String group, Map<String, Param> byName) {
        List<Param> members = members(group, byName);
        int[] tail = Arrays.copyOfRange(members.get(0).shape(), 1, members.get(0).shape().length);
        int rows = 0;
        for (Param m : members) {
            int[] s = m.shape();
            if (s.length == 0 || !Arrays.equals(tail, Arrays.copyOfRange(s, 1, s.length))) {
                throw new IllegalArgumentException("fused parameter '" + group + "': member '" + m.name() + "' has shape " + Arrays.toString(s)
                        + ", which does not concatenate along its first dimension with '" + members.get(0).name() + "' "
                        + Arrays.toString(members.get(0).shape()));
            }
            rows += s[0];
        }
        int[] shape = new int[tail.length + 1];
        shape[0] = rows;
        System.arraycopy(tail, 0, shape, 1, tail.length);
        Param f = fused.get(group);
        if (f == null || !Arrays.equals(f.shape(), shape)) {
            f = new Param(group, Tensor.zeros(shape), Tensor.zeros(shape));
            fused.put(group, f);
        }
        int at = 0;
        for (Param m : members) {
            System.arraycopy(m.value().data(), m.value().offset(), f.value().data(), at, m.numel());
            System.arraycopy(m.grad().data(), m.grad().offset(), f.grad().data(), at, m.numel());
            at += m.numel();
        }
        return f;
    }

    private void scatter(String group, Map<String, Param> byName) {
        Param f = fused.get(group);
        int at = 0;
        for (Param m : members(group, byName)) {
            System.arraycopy(f.value().data(), at, m.value().data(), m.value().offset(), m.numel());
            at += m.numel();
        }
    }

    private List<Param> members(String group, Map<String, Param> byName) {
        List<Param> out = new ArrayList<>();
        for (String name : groups.get(group)) {
            Param p = byName.get(name);
            if (p == null) throw new IllegalArgumentException("fused parameter '" + group + "': its member '" + name + "' is not among the parameters given");
            out.add(p);
        }
        return out;
    }

    @Override
    public long stepCount() {
        return inner.stepCount();
    }

    @Override
    public double lastLearningRate() {
        return inner.lastLearningRate();
    }

    /** The inner optimizer's state plus the fused copies of values and gradients. */
    @Override
    public long stateBytes() {
        long b = inner.stateBytes();
        for (Param p : fused.values()) b += 8L * p.numel();
        return b;
    }

    @Override
    public OptimizerState saveState() {
        return inner.saveState();
    }

    @Override
    public void loadState(OptimizerState state) {
        inner.loadState(state);
    }
}
