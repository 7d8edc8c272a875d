package org.symtune.model.infer;

/**
 * Rows of tokens that grow one token per step, giving the next-token logits of each row: what {@link Generator}
 * decodes with. {@link InferenceSession} keeps a KV cache on the CPU; a device model may instead run the whole rows
 * again at each step ({@code org.symtune.model.device.DeviceDecodeSession}).
 */
public interface DecodeSession {

    /** Starts one row per prompt and returns the logits after each prompt's last token, {@code [rows · vocab]}. */
    float[] prefill(int[][] prompts);

    /**
     * Appends {@code next[r]} to row {@code r} ({@link InferenceSession#PAD} for a finished row, which never
     * advances again) and returns the logits after each row's last token; a finished row's logits are not read.
     */
    float[] decode(int[] next);

    /** Opens a session for {@code rows} rows of at most {@code maxTokens} tokens each. */
    @FunctionalInterface
    interface Opener {
        DecodeSession open(int rows, int maxTokens);
    }
}
