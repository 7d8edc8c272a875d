package org.symtune.model.infer;

import java.util.Arrays;

/**
 * Keys and values of every layer for the tokens seen so far, {@code [batch, capacity, kvHeads·headDim]}
 * per layer (the attention kernel's KV layout), plus what the attention mask needs.
 *
 * <p>All rows share one filled length; rows of different lengths are aligned with padding slots. A
 * padding slot has segment 0 and a real token segment 1, so real queries never attend to padding.
 * {@code tokens[b]} counts the real tokens of row b, which is the position of its next token.
 */
final class KvCache {
    final int batch;
    final int capacity;
    final int kvDim;
    final float[][] keys;
    final float[][] values;
    /** {@code [batch, capacity]}: 1 for a real token, 0 for padding. */
    final int[] segments;
    /** Real tokens per row so far. */
    final int[] tokens;
    /** Filled slots per row (the same for every row). */
    int length;
    /** Whether any padding slot was ever filled: only then does attention need the segment mask. */
    boolean padded;
    /**
     * Per layer, {@code [batch, kvDim]}: the rotated key of each row's latest real token before smearing,
     * which the next token's smeared key mixes in; null unless the model smears keys.
     */
    final float[][] lastKeys;

    KvCache(int layers, int batch, int capacity, int kvDim, boolean smearKeys) {
        long perLayer = (long) batch * capacity * kvDim;
        if (perLayer > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("KV cache of batch " + batch + " × capacity " + capacity + " × " + kvDim
                    + " floats per layer is too large for one array; use a smaller batch or capacity");
        }
        this.batch = batch;
        this.capacity = capacity;
        this.kvDim = kvDim;
        this.keys = new float[layers][(int) perLayer];
        this.values = new float[layers][(int) perLayer];
        this.segments = new int[batch * capacity];
        this.tokens = new int[batch];
        this.lastKeys = smearKeys ? new float[layers][batch * kvDim] : null;
    }

    /** Index of slot {@code slot} of row {@code row} in a layer's key or value array. */
    int offset(int row, int slot) {
        return (row * capacity + slot) * kvDim;
    }

    /**
     * Stores the new keys and values {@code [batch, n, kvDim]} of one layer in slots
     * {@code [length, length + n)} of every row.
     */
    void store(int layer, int n, float[] newKeys, float[] newValues) {
        int block = n * kvDim;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(newKeys, b * block, keys[layer], offset(b, length), block);
            System.arraycopy(newValues, b * block, values[layer], offset(b, length), block);
        }
    }

    /**
     * A cache with {@code sources.length} rows, row r a copy of this cache's row {@code sources[r]}, and
     * room for {@code newCapacity} slots.
     */
    KvCache fork(int[] sources, int newCapacity) {
        if (newCapacity < length) {
            throw new IllegalArgumentException("a fork needs capacity for the " + length + " filled slots, got " + newCapacity);
        }
        KvCache f = new KvCache(keys.length, sources.length, newCapacity, kvDim, lastKeys != null);
        for (int r = 0; r < sources.length; r++) {
            int s = sources[r];
            if (s < 0 || s >= batch) throw new IllegalArgumentException("fork: source row " + s + " is outside the batch of " + batch);
            for (int l = 0; l < keys.length; l++) {
                System.arraycopy(keys[l], offset(s, 0), f.keys[l], f.offset(r, 0), length * kvDim);
                System.arraycopy(values[l], offset(s, 0), f.values[l], f.offset(r, 0), length * kvDim);
            }
            System.arraycopy(segments, s * capacity, f.segments, r * newCapacity, length);
            f.tokens[r] = tokens[s];
            if (lastKeys != null) {
                for (int l = 0; l < keys.length; l++) System.arraycopy(lastKeys[l], s * kvDim, f.lastKeys[l], r * kvDim, kvDim);
            }
        }
        f.length = length;
        f.padded = padded;
        return f;
    }

    /** Forgets every token, keeping the arrays. */
    void clear() {
        Arrays.fill(segments, 0);
        Arrays.fill(tokens, 0);
        length = 0;
        padded = false;
    }
}
