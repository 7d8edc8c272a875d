package org.symtune.core.autograd;

import org.symtune.core.Tensor;

/**
 * A node of the autograd graph: a value and, when it requires a gradient, a gradient buffer of the
 * same shape that backward passes add into.
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    /** The pooled tape that made this node and provides its gradient buffer; null for leaves and plain tapes. */
    private final Tape owner;
    private Tensor grad;
    private boolean pooledGrad;

    Var(Tensor value, boolean requiresGrad) {
        this(value, requiresGrad, null);
    }

    Var(Tensor value, boolean requiresGrad, Tape owner) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.owner = owner;
    }

    /** A trainable leaf (a parameter): gradients are accumulated into it. */
    public static Var param(Tensor value) {
        return new Var(value, true);
    }

    /** A leaf that needs no gradient (inputs, masks). */
    public static Var constant(Tensor value) {
        return new Var(value, false);
    }

    public Tensor value() {
        return value;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The gradient, allocated (zero) on first use; null when this node needs none. */
    public Tensor grad() {
        if (!requiresGrad) return null;
        if (grad == null) {
            if (owner != null && owner.pooling()) {
                grad = owner.gradient(this, value.shape());
                pooledGrad = true;
            } else {
                grad = Tensor.zeros(value.shape());
            }
        }
        return grad;
    }

    Tape owner() {
        return owner;
    }

    /** Gives a pooled gradient buffer back; a later {@link #grad()} starts from zero again. */
    void releaseGrad(BufferPool pool) {
        if (grad != null && pooledGrad) {
            pool.give(grad.data());
            grad = null;
            pooledGrad = false;
        }
    }

    /** True when a gradient buffer exists (something has been or will be added to it). */
    public boolean hasGrad() {
        return grad != null;
    }

    /** Drops the gradient (the next {@link #grad()} starts from zero again). */
    public void zeroGrad() {
        if (grad != null) grad.fill(0f);
    }

    public int[] shape() {
        return value.shape();
    }

    @Override
    public String toString() {
        return "Var" + java.util.Arrays.toString(value.shape()) + (requiresGrad ? " (grad)" : "");
    }
}
