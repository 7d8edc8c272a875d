package org.symtune.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.symtune.model.Transformer;
import org.symtune.model.infer.ModelLoader;
import org.symtune.tokenizer.Tokenizer;

/** The model and tokenizer named by {@code --model DIR [--tokenizer PATH]}, shared by generate and score. */
record ModelOptions(Transformer model, Tokenizer tokenizer) {

    /** Loads them; the tokenizer defaults to the one in the model folder. */
    static ModelOptions load(Args a, Supplier<ModelLoader> loader) throws Exception {
        String dir = a.get("model", null);
        if (dir == null) throw new UsageException("--model DIR is required");
        return load(dir, a.get("tokenizer", dir), loader);
    }

    /** Loads the model in folder {@code dir} and the tokenizer at {@code tokenizerPath} (a file or a folder holding one). */
    static ModelOptions load(String dir, String tokenizerPath, Supplier<ModelLoader> loader) throws Exception {
        Path modelDir = Path.of(dir);
        if (!Files.isDirectory(modelDir)) throw new UsageException("--model: " + dir + " is not a folder");
        Transformer model = loader.get().load(modelDir);
        Tokenizer tokenizer = Tokenizer.load(Path.of(tokenizerPath));
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer " + tokenizerPath + " has " + tokenizer.vocabSize()
                    + " tokens but the model in " + dir + " only " + model.config().vocabSize());
        }
        return new ModelOptions(model, tokenizer);
    }
}
