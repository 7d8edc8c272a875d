package org.symtune.tuning.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.symtune.core.Tensor;

/**
 * The per-parameter state buffers of an optimizer ("slots", such as {@code exp_avg}), keyed by
 * parameter name and slot name, with the checks that keep a resumed state consistent with the
 * parameters it is applied to.
 */
final class SlotTable {
    private final Map<String, Map<String, Tensor>> byParam = new LinkedHashMap<>();

    /** The slots of parameter {@code name}. */
    Map<String, Tensor> get(String name) {
        return byParam.get(name);
    }

    boolean isEmpty() {
        return byParam.isEmpty();
    }

    /** Bytes held by all buffers. */
    long bytes() {
        long b = 0;
        for (Map<String, Tensor> slots : byParam.values()) {
            for (Tensor t : slots.values()) b += 4L * t.numel();
        }
        return b;
    }

    /**
     * Makes sure every parameter has exactly the slots {@code layout} asks for: allocates zeros when the
     * table is empty and nothing has been stepped yet, and otherwise checks names and shapes, naming the
     * offending parameter and slot.
     */
    void ensure(List<Param> params, Function<Param, Map<String, int[]>> layout, long stepsTaken, String optimizer) {
        if (params.isEmpty()) throw new IllegalArgumentException(optimizer + ": no parameters to update");
        Set<String> names = new HashSet<>();
        for (Param p : params) {
            if (!names.add(p.name())) throw new IllegalArgumentException(optimizer + ": parameter '" + p.name() + "' is listed twice");
        }
        if (byParam.isEmpty() && stepsTaken == 0) {
            for (Param p : params) {
                Map<String, Tensor> slots = new LinkedHashMap<>();
                layout.apply(p).forEach((slot, shape) -> slots.put(slot, Tensor.zeros(shape)));
                byParam.put(p.name(), slots);
            }
            return;
        }
        if (!byParam.keySet().equals(names)) {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(byParam.keySet());
            Set<String> extra = new TreeSet<>(byParam.keySet());
            extra.removeAll(names);
            throw new IllegalArgumentException(optimizer + ": the parameters do not match the optimizer state after " + stepsTaken
                    + " steps" + (missing.isEmpty() ? "" : "; no state for " + missing)
                    + (extra.isEmpty() ? "" : "; state for parameters not given " + extra));
        }
        for (Param p : params) {
            Map<String, Tensor> have = byParam.get(p.name());
            Map<String, int[]> want = layout.apply(p);
            if (!have.keySet().equals(want.keySet())) {
                throw new IllegalArgumentException(optimizer + ": the state of parameter '" + p.name() + "' " + Arrays.toString(p.shape())
                        + " has slots " + have.keySet() + " but this configuration needs " + want.keySet()
                        + " (was the state saved with different factoring or momentum settings?)");
            }
            for (Map.Entry<String, int[]> e : want.entrySet()) {
                int[] shape = have.get(e.getKey()).shape();
                if (!Arrays.equals(shape, e.getValue())) {
                    throw new IllegalArgumentException(optimizer + ": state tensor '" + p.name() + "." + e.getKey() + "' has shape "
                            + Arrays.toString(shape) + " but parameter '" + p.name() + "' " + Arrays.toString(p.shape())
                            + " needs " + Arrays.toString(e.getValue()));
                }
            }
        }
    }

    /** Deep copies of all buffers, named {@code <param>.<slot>}. */
    Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        byParam.forEach((name, slots) -> slots.forEach((slot, t) -> out.put(name + "." + slot, t.copy())));
        return out;
    }

    /** This table as the saved state of {@code optimizer} after {@code step} updates, its config recorded beside. */
    OptimizerState toState(String optimizer, long step, Map<String, Object> config) {
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("optimizer", optimizer);
        scalars.put("step", step);
        scalars.put("config", config);
        return new OptimizerState(toTensors(), scalars);
    }

    /**
     * The table of a state that {@code optimizer} saved: a state of another optimizer, or one past step 0
     * without tensors, is an error.
     */
    static SlotTable fromState(OptimizerState state, Set<String> allowed, String optimizer) {
        if (!optimizer.equals(state.optimizer())) {
            throw new IllegalArgumentException(optimizer + ": cannot load the state of optimizer '" + state.optimizer() + "'");
        }
        SlotTable table = fromTensors(state.tensors(), allowed, optimizer);
        if (state.step() > 0 && table.isEmpty()) {
            throw new IllegalArgumentException(optimizer + ": the state after " + state.step() + " steps holds no tensors");
        }
        return table;
    }

    /**
     * Reads buffers named {@code <param>.<slot>} (the slot is what follows the last dot, so parameter
     * names may contain dots), copying them; slot names outside {@code allowed} are an error.
     */
    static SlotTable fromTensors(Map<String, Tensor> tensors, Set<String> allowed, String optimizer) {
        SlotTable table = new SlotTable();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            String slot = dot < 0 ? "" : key.substring(dot + 1);
            if (dot <= 0 || !allowed.contains(slot)) {
                throw new IllegalArgumentException(optimizer + " state: tensor '" + key + "' is not named <parameter>.<slot> with a slot in "
                        + new TreeSet<>(allowed));
            }
            table.byParam.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(slot, e.getValue().copy());
        }
        return table;
    }

    /** The parameter names, in the order their state was created. */
    List<String> names() {
        return new ArrayList<>(byParam.keySet());
    }
}
