package org.symtune.core.autograd;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.symtune.core.parallel.Parallel;

/**
 * Float buffers recycled from one training step to the next. A training step allocates the same
 * activations and gradients every time (hundreds of megabytes for the small preset); allocating them
 * fresh costs the JVM a zeroing pass on one thread plus garbage collections that copy live activations,
 * about a fifth of a step. A {@link Tape} made with a pool takes its buffers from here and gives them
 * back when it is {@linkplain Tape#close() closed}, and gradient buffers as soon as the backward pass is
 * done with them.
 *
 * <p>Buffers are matched by exact length: steps repeat their shapes, so exact matches are the common
 * case and no buffer is handed out larger than asked. The pool keeps at most {@code maxFloats} floats;
 * beyond that, returned buffers are left to the garbage collector. Not thread-safe: a pool belongs to
 * the thread that runs the steps.
 */
public final class BufferPool {
    /** Below this many floats a zero fill runs on the calling thread; above, in parallel chunks. */
    private static final int PARALLEL_FILL = 1 << 18;
    private static final int FILL_CHUNK = 1 << 16;

    private final long maxFloats;
    private final boolean poison;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long pooledFloats;
    private long reused;
    private long allocated;

    /** A pool that keeps at most {@code maxFloats} floats between steps. */
    public BufferPool(long maxFloats) {
        this(maxFloats, false);
    }

    private BufferPool(long maxFloats, boolean poison) {
        if (maxFloats < 0) throw new IllegalArgumentException("maxFloats must be >= 0, got " + maxFloats);
        this.maxFloats = maxFloats;
        this.poison = poison;
    }

    /** A pool sized for training: a quarter of the JVM's maximum heap. */
    public static BufferPool forTraining() {
        return new BufferPool(Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
    }

    /**
     * A pool for tests: every recycled buffer handed out uninitialised is first filled with NaN, so an op
     * that leaves part of an output unwritten (and would silently read last step's values) shows NaN.
     */
    public static BufferPool poisoning(long maxFloats) {
        return new BufferPool(maxFloats, true);
    }

    /** A buffer of exactly n floats whose contents are unspecified: the caller overwrites all of it. */
    public float[] take(int n) {
        float[] b = reuse(n);
        if (b == null) return new float[n];
        if (poison) fill(b, Float.NaN);
        return b;
    }

    /** A buffer of exactly n zeros. */
    public float[] takeZeroed(int n) {
        float[] b = reuse(n);
        if (b == null) return new float[n];
        fill(b, 0f);
        return b;
    }

    /** Gives a buffer back; the caller must not use it afterwards. */
    public void give(float[] b) {
        if (b.length == 0 || pooledFloats + b.length > maxFloats) return;
        free.computeIfAbsent(b.length, n -> new ArrayDeque<>()).push(b);
        pooledFloats += b.length;
    }

    /** Floats held for reuse now. */
    public long pooledFloats() {
        return pooledFloats;
    }

    /** Buffers handed out again so far, and buffers that had to be allocated. */
    public long reused() {
        return reused;
    }

    public long allocated() {
        return allocated;
    }

    private float[] reuse(int n) {
        ArrayDeque<float[]> q = n == 0 ? null : free.get(n);
        float[] b = q == null ? null : q.poll();
        if (b == null) {
            allocated++;
            return null;
        }
        pooledFloats -= n;
        reused++;
        return b;
    }

    private static void fill(float[] b, float value) {
        if (b.length < PARALLEL_FILL) {
            Arrays.fill(b, value);
        } else {
            Parallel.forRange(b.length, FILL_CHUNK, (s, e) -> Arrays.fill(b, s, e, value));
        }
    }
}
