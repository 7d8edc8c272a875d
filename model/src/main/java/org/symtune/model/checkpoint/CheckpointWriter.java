package org.symtune.model.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.Var;
import org.symtune.core.io.Json;
import org.symtune.core.io.SafetensorsWriter;
import org.symtune.model.Transformer;

/** Writes a model as config.json + model.safetensors in a given layout, atomically as a folder. */
final class CheckpointWriter {
    /**
     * Files a checkpoint folder may hold (its tokenizer.json too, as in Hugging Face model folders); a folder
     * with anything else is never replaced.
     */
    private static final Pattern CHECKPOINT_FILES = Pattern.compile(
            "config\\.json|model\\.safetensors|model\\.safetensors\\.index\\.json|model-\\d+-of-\\d+\\.safetensors|tokenizer\\.json");

    private CheckpointWriter() {
    }

    static void write(Transformer model, Path folder, TensorLayout layout) throws IOException {
        Map<String, int[]> want = Transformer.parameterShapes(layout.config());
        if (want.size() != model.parameters().size()) throw new IllegalArgumentException("the model does not fit the " + layout);
        Map<String, Tensor> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : model.parameters().entrySet()) {
            int[] shape = want.get(e.getKey());
            if (shape == null || !Arrays.equals(shape, e.getValue().shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' does not fit the " + layout);
            }
            canonical.put(e.getKey(), e.getValue().value());
        }
        // transformers refuses safetensors files without format metadata; "pt" is what PyTorch writers set.
        SafetensorsWriter tensors = new SafetensorsWriter().metadata("format", "pt");
        layout.toStored(canonical).forEach(tensors::add);
        byte[] config = Json.writePretty(layout.configJson()).getBytes(StandardCharsets.UTF_8);
        AtomicFolder.write(folder, p -> CHECKPOINT_FILES.matcher(p.getFileName().toString()).matches(), dir -> {
            AtomicFolder.writeFile(dir.resolve("config.json"), config);
            tensors.write(dir.resolve(TensorFiles.SINGLE));
        });
    }
}
