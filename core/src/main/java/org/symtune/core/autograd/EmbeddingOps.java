package org.symtune.core.autograd;

import org.symtune.core.Tensor;
import org.symtune.core.backend.LossKernels;

/** Embedding lookup on the tape. */
public final class EmbeddingOps {
    private EmbeddingOps() {
    }

    /**
     * The rows {@code table[ids[i]]} of a {@code [V, D]} table, as {@code [ids.length, D]}. The backward
     * pass scatter-adds the output gradient into the table's gradient in token order. An id outside
     * {@code [0, V)} is an error naming the id and V.
     */
    public static Var embedding(Tape tape, Var table, int[] ids) {
        int[] s = table.shape();
        if (s.length != 2) throw new IllegalArgumentException("embedding: table must be [vocab, dim], got " + table);
        int dim = s[1];
        if (dim == 0) throw new IllegalArgumentException("embedding: table " + table + " has empty rows");
        int[] idsCopy = ids.clone(); // the backward pass must see the ids of the forward pass
        float[] t = ShapeOps.exactArray(table.value());
        LossKernels k = tape.backend().loss();
        Tensor out = tape.output(idsCopy.length, dim);
        k.embedding(idsCopy.length, dim, t, idsCopy, out.data(), 0);
        Var y = tape.result(out, table);
        if (!y.requiresGrad()) return y;
        tape.record(y, () -> {
            Tensor dy = y.grad();
            k.embeddingBackward(idsCopy.length, dim, idsCopy, dy.data(), dy.offset(), table.grad().data());
        });
        return y;
    }
}
