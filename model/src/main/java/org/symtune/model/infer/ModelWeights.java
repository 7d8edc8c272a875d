package org.symtune.model.infer;

import org.symtune.core.Tensor;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;

/**
 * The parameters of a {@link Transformer} resolved once into the arrays the kernels read, so the
 * inference loop does no map look-ups per token. Matrices are read in place (storage plus offset);
 * vectors and the embedding tables are handed to kernels that take no offset, so they are used in
 * place only when they start at offset 0 and fill their array, and copied otherwise.
 *
 * <p>The arrays are the model's own storage where possible: a session reflects later in-place updates
 * of the weights, but should not be used while the parameters are being changed.
 */
final class ModelWeights {

    /** A weight matrix {@code [out, in]} (PyTorch Linear layout) with an optional bias {@code [out]}. */
    record Linear(float[] w, int wOff, int out, int in, float[] bias) {
    }

    /** A norm's gain and, for LayerNorm with biases, its shift. */
    record Norm(float[] gamma, float[] beta) {
    }

    /**
     * One block's weights; {@code mlpNorm} is null in a parallel block, {@code gate} null without SwiGLU,
     * {@code smear} (the smeared-key gate per key/value head) null without smeared keys.
     */
    record Layer(Norm attnNorm, Linear q, Linear k, Linear v, Linear o, Norm mlpNorm, Linear gate, Linear up, Linear down,
                 float[] smear) {
    }

    final TransformerConfig config;
    final float[] embed;
    final float[] posEmbed;
    final Layer[] layers;
    final Norm finalNorm;
    final Linear head;

    ModelWeights(Transformer model) {
        this.config = model.config();
        TransformerConfig c = config;
        this.embed = whole(model, "embed.weight");
        this.posEmbed = c.positions() == TransformerConfig.Positions.LEARNED ? whole(model, "pos_embed.weight") : null;
        this.layers = new Layer[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            String p = "layers." + l + ".";
            Norm mlpNorm = c.block() == TransformerConfig.Block.SEQUENTIAL ? norm(model, p + "mlp_norm") : null;
            Linear gate = c.mlp() == TransformerConfig.Mlp.SWIGLU ? linear(model, p + "mlp.gate") : null;
            layers[l] = new Layer(norm(model, p + "attn_norm"), linear(model, p + "attn.q"), linear(model, p + "attn.k"),
                    linear(model, p + "attn.v"), linear(model, p + "attn.o"), mlpNorm, gate, linear(model, p + "mlp.up"),
                    linear(model, p + "mlp.down"), c.smearKeys() ? whole(model, p + "attn.smear") : null);
        }
        this.finalNorm = norm(model, "final_norm");
        Tensor head = c.tiedEmbeddings() ? model.param("embed.weight").value() : model.param("lm_head.weight").value();
        Tensor h = head.contiguous();
        this.head = new Linear(h.data(), h.offset(), h.size(0), h.size(1), null);
    }

    private static Linear linear(Transformer model, String name) {
        Tensor w = model.param(name + ".weight").value().contiguous();
        float[] bias = model.parameters().containsKey(name + ".bias") ? whole(model, name + ".bias") : null;
        return new Linear(w.data(), w.offset(), w.size(0), w.size(1), bias);
    }

    private static Norm norm(Transformer model, String name) {
        float[] beta = model.parameters().containsKey(name + ".bias") ? whole(model, name + ".bias") : null;
        return new Norm(whole(model, name + ".weight"), beta);
    }

    /** The parameter as an array starting at 0 and holding exactly its elements (a copy when it is not). */
    private static float[] whole(Transformer model, String name) {
        Tensor t = model.param(name).value();
        if (t.isContiguous() && t.offset() == 0 && t.data().length == t.numel()) return t.data();
        return t.toArray();
    }
}
