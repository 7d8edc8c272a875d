package org.symtune.core.autograd;

import java.util.ArrayList;
import java.util.List;
import org.symtune.core.Tensor;
import org.symtune.core.backend.Backend;

/**
 * Reverse-mode autograd: ops run their forward pass eagerly on the tape's {@link Backend} and, when
 * an input needs a gradient, record a closure that adds the input gradients; {@link #backward} runs the
 * closures in reverse order. A tape made with {@link #inference} records nothing (no memory kept for
 * the backward pass).
 *
 * <p>A training tape made with a {@link BufferPool} takes the buffers of op outputs and gradients from
 * the pool. The backward pass gives each intermediate gradient back once the op that produced it has
 * run its backward step (nothing reads it afterwards; as in PyTorch, only leaves keep gradients), and
 * {@link #close()} gives back everything else the tape allocated: after closing, no value or gradient
 * of an intermediate node may be used. Parameters' gradients are never pooled.
 */
public final class Tape implements AutoCloseable {

    /** A recorded backward step. */
    @FunctionalInterface
    public interface Backward {
        void run();
    }

    private final Backend backend;
    private final boolean recording;
    private final BufferPool pool;
    private final List<Backward> steps = new ArrayList<>();
    /** The node each recorded step computes the input gradients of (null when not known), by step index. */
    private final List<Var> stepOutputs = new ArrayList<>();
    /** Nodes whose gradient buffer came from the pool and has not been given back. */
    private final List<Var> pooledGrads = new ArrayList<>();
    /** Output buffers taken from the pool, given back on close. */
    private final List<float[]> pooledValues = new ArrayList<>();
    private boolean closed;

    private Tape(Backend backend, boolean recording, BufferPool pool) {
        this.backend = backend;
        this.recording = recording;
        this.pool = pool;
    }

    /** A tape that records for training. */
    public static Tape training(Backend backend) {
        return new Tape(backend, true, null);
    }

    /**
     * A tape that records for training and recycles its buffers through {@code pool}; use it in a
     * try-with-resources block around one forward and backward pass.
     */
    public static Tape training(Backend backend, BufferPool pool) {
        return new Tape(backend, true, java.util.Objects.requireNonNull(pool, "pool"));
    }

    /** A tape that records nothing: ops compute values only. */
    public static Tape inference(Backend backend) {
        return new Tape(backend, false, null);
    }

    public Backend backend() {
        return backend;
    }

    public boolean isRecording() {
        return recording;
    }

    /** Number of recorded backward steps. */
    public int size() {
        return steps.size();
    }

    /**
     * Makes the output node of an op: it requires a gradient when the tape records and any input does.
     * Ops call this, then {@link #record} their backward step when the result requires a gradient.
     */
    public Var result(Tensor value, Var... inputs) {
        boolean needs = false;
        if (recording) {
            for (Var v : inputs) {
                if (v != null && v.requiresGrad()) {
                    needs = true;
                    break;
                }
            }
        }
        return new Var(value, needs, pool != null ? this : null);
    }

    /** Records a backward step (ignored by an inference tape). */
    public void record(Backward step) {
        record(null, step);
    }

    /**
     * Records the backward step of the op that produced {@code output}: the step adds into the input
     * gradients and is the last reader of {@code output}'s gradient, so a pooled tape recycles that
     * gradient as soon as the step has run.
     */
    public void record(Var output, Backward step) {
        if (!recording) return;
        steps.add(step);
        stepOutputs.add(output);
    }

    /**
     * A tensor for an op's output that the op overwrites entirely: from the pool when there is one
     * (contents unspecified), else freshly allocated.
     */
    Tensor output(int... shape) {
        if (!pooling()) return Tensor.zeros(shape);
        float[] b = pool.take(Tensor.checkedNumel(shape));
        pooledValues.add(b);
        return Tensor.wrap(b, 0, shape);
    }

    /** Scratch of n floats with unspecified contents for use inside one op; hand it back with {@link #recycle}. */
    float[] scratch(int n) {
        return pooling() ? pool.take(n) : new float[n];
    }

    /** Gives back a buffer from {@link #scratch}. */
    void recycle(float[] b) {
        if (pooling()) pool.give(b);
    }

    /** True while buffers come from a pool (a pooled tape, not yet closed). */
    boolean pooling() {
        return pool != null && !closed;
    }

    /** A zeroed gradient buffer from the pool for {@code node}, given back on close if still held. */
    Tensor gradient(Var node, int[] shape) {
        pooledGrads.add(node);
        return Tensor.wrap(pool.takeZeroed(Tensor.checkedNumel(shape)), 0, shape);
    }

    /** Backward from a scalar (one-element) output, seeding its gradient with 1. */
    public void backward(Var output) {
        if (output.value().numel() != 1) {
            throw new IllegalArgumentException("backward() without a seed needs a one-element output, got " + output);
        }
        Tensor seed = Tensor.zeros(output.shape());
        seed.data()[0] = 1f;
        backward(output, seed);
    }

    /** Backward from {@code output} with the given output gradient; clears the tape afterwards. */
    public void backward(Var output, Tensor seed) {
        if (!recording) throw new IllegalStateException("backward() on an inference tape");
        if (!output.requiresGrad()) throw new IllegalArgumentException("the output does not depend on any parameter");
        if (!output.value().sameShape(seed)) {
            throw new IllegalArgumentException("seed shape " + seed + " differs from output " + output);
        }
        Tensor g = output.grad();
        float[] gd = g.data();
        float[] sd = seed.contiguous().data();
        int so = seed.contiguous().offset();
        for (int i = 0, n = g.numel(); i < n; i++) gd[g.offset() + i] += sd[so + i];
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).run();
            Var done = stepOutputs.get(i);
            if (done != null && pool != null && done.owner() == this) done.releaseGrad(pool);
        }
        steps.clear();
        stepOutputs.clear();
    }

    /** Forgets recorded steps without running them. */
    public void clear() {
        steps.clear();
        stepOutputs.clear();
    }

    /**
     * Gives every buffer this tape took from its pool back (a no-op without a pool): values and
     * gradients of intermediate nodes must not be used afterwards. Recorded steps are forgotten.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        clear();
        if (pool == null) return;
        for (Var v : pooledGrads) v.releaseGrad(pool);
        pooledGrads.clear();
        for (float[] b : pooledValues) pool.give(b);
        pooledValues.clear();
    }
}
