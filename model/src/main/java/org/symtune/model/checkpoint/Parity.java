package org.symtune.model.checkpoint;

import org.symtune.core.gpu.DeviceUnsupportedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.io.SafetensorsWriter;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.device.DeviceTransformer;

/**
 * The debug state for comparing with PyTorch (llm.c style): one forward and backward pass of a
 * checkpoint's model on given inputs, with dropout off (as in {@code model.eval()}).
 *
 * <p>The result holds {@code logits} {@code [B, T, V]}, {@code loss} (shape {@code []}: the mean
 * cross-entropy over the positions that have a target) and {@code grad.<name>} for every parameter
 * the checkpoint stores, in the checkpoint's own names and layouts: a Conv1D gradient is {@code [in, out]},
 * a fused c_attn gradient is fused again, and a tied embedding's gradient is the sum of both uses
 * (the tape accumulates both into one parameter).
 */
public final class Parity {
    private Parity() {
    }

    /** Runs forward and backward on {@code backend}; entries in order: logits, loss, then gradients in file order. */
    public static Map<String, Tensor> run(Checkpoint checkpoint, ParityInputs inputs, Backend backend) {
        Transformer model = freshModel(checkpoint);
        Batch batch = inputs.batch();

        Tape tape = Tape.training(backend);
        Var loss = model.loss(tape, batch, 0);
        tape.backward(loss);
        Var logits = model.logits(Tape.inference(backend), batch, 0);

        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : model.parameters().entrySet()) grads.put(e.getKey(), e.getValue().grad());
        return result(checkpoint, model.config(), batch, logits.value(), loss.value(), grads);
    }

    /**
     * The same on a device ({@link DeviceTransformer}): the forward and backward pass run there and the logits,
     * loss and gradients are downloaded; the entries are those of {@link #run(Checkpoint, ParityInputs, Backend)}.
     *
     * @throws DeviceUnsupportedException when the model uses something the device kernels cannot run
     */
    public static Map<String, Tensor> run(Checkpoint checkpoint, ParityInputs inputs, DeviceOps ops) {
        Transformer model = freshModel(checkpoint);
        Batch batch = inputs.batch();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        float loss;
        float[] logits;
        try (DeviceTransformer device = DeviceTransformer.upload(model, ops)) {
            device.zeroGradients();
            loss = (float) device.lossAndGradients(batch, 0, 1f);
            logits = device.logits(batch);
            for (Map.Entry<String, int[]> e : device.shapes().entrySet()) {
                grads.put(e.getKey(), Tensor.of(device.downloadGradient(e.getKey()), e.getValue()));
            }
        }
        return result(checkpoint, model.config(), batch, Tensor.of(logits, logits.length), Tensor.scalar(loss), grads);
    }

    /** A fresh model over the checkpoint's tensors, dropout off: gradients start at zero and the checkpoint's model is left alone. */
    private static Transformer freshModel(Checkpoint checkpoint) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : checkpoint.model().parameters().entrySet()) values.put(e.getKey(), e.getValue().value());
        return Transformer.fromTensors(checkpoint.config().withDropout(0.0), values);
    }

    /** The entries of a result: logits as {@code [B, T, V]}, the loss, then the gradients in the checkpoint's names and layouts. */
    private static Map<String, Tensor> result(Checkpoint checkpoint, TransformerConfig config, Batch batch, Tensor logits, Tensor loss,
                                              Map<String, Tensor> grads) {
        TensorLayout layout = checkpoint.layout().forConfig(config);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("logits", logits.reshape(batch.batch(), batch.seqLen(), config.vocabSize()));
        out.put("loss", loss);
        layout.toStored(grads).forEach((name, g) -> out.put("grad." + name, g));
        return out;
    }

    /** Writes a result of {@link #run} as a safetensors file (atomically), noting the backend in its metadata. */
    public static void write(Map<String, Tensor> result, Path file, Backend backend) throws IOException {
        write(result, file, backend.name());
    }

    /** Writes a result of {@link #run} as a safetensors file (atomically), noting where it ran (a backend or device name). */
    public static void write(Map<String, Tensor> result, Path file, String ranOn) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt").metadata("backend", ranOn);
        result.forEach(w::add);
        w.write(file);
    }
}
