package org.symtune.model.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.symtune.model.infer.DecodeSession;
import org.symtune.model.infer.InferenceSession;

/**
 * A {@link DecodeSession} on a {@link DeviceTransformer} without a KV cache: each step runs the unfinished rows
 * again in full, right-padded into one batch, and downloads the logits of each row's last token only. Answers
 * of a few tokens cost a few forwards of the prompts, and rows that finish drop out of the batch.
 */
public final class DeviceDecodeSession implements DecodeSession {
    private final DeviceTransformer model;
    private final int maxTokens;
    private int[][] rows;
    private int[] lengths;
    private boolean[] finished;

    private DeviceDecodeSession(DeviceTransformer model, int maxTokens) {
        this.model = model;
        this.maxTokens = maxTokens;
    }

    /** Sessions on {@code model}, for {@link org.symtune.model.infer.Generator}. */
    public static Opener opener(DeviceTransformer model) {
        return (rows, maxTokens) -> {
            if (maxTokens > model.config().contextLength()) {
                throw new IllegalArgumentException("rows of " + maxTokens + " tokens exceed the model's context length of "
                        + model.config().contextLength());
            }
            return new DeviceDecodeSession(model, maxTokens);
        };
    }

    @Override
    public float[] prefill(int[][] prompts) {
        rows = new int[prompts.length][];
        lengths = new int[prompts.length];
        finished = new boolean[prompts.length];
        for (int r = 0; r < prompts.length; r++) {
            if (prompts[r].length == 0 || prompts[r].length > maxTokens) {
                throw new IllegalArgumentException("prompt " + r + " has " + prompts[r].length + " tokens; this session takes 1 to " + maxTokens);
            }
            rows[r] = Arrays.copyOf(prompts[r], maxTokens);
            lengths[r] = prompts[r].length;
        }
        return lastLogits();
    }

    @Override
    public float[] decode(int[] next) {
        if (rows == null) throw new IllegalStateException("decode before prefill");
        if (next.length != rows.length) throw new IllegalArgumentException(next.length + " next tokens for " + rows.length + " rows");
        for (int r = 0; r < rows.length; r++) {
            if (next[r] == InferenceSession.PAD) {
                finished[r] = true;
            } else if (finished[r]) {
                throw new IllegalArgumentException("row " + r + " has finished and cannot take token " + next[r]);
            } else if (lengths[r] == maxTokens) {
                throw new IllegalArgumentException("row " + r + " is full at " + maxTokens + " tokens");
            } else {
                rows[r][lengths[r]++] = next[r];
            }
        }
        return lastLogits();
    }

    /** One forward of the unfinished rows; their last tokens' logits land in their rows of the result. */
    private float[] lastLogits() {
        int vocab = model.config().vocabSize();
        float[] out = new float[rows.length * vocab];
        List<Integer> running = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            if (finished[r]) continue;
            running.add(r);
            tokens.add(Arrays.copyOf(rows[r], lengths[r]));
        }
        if (running.isEmpty()) return out;
        var batch = RowBatches.rightPadded(tokens);
        int[] last = new int[running.size()];
        for (int i = 0; i < last.length; i++) last[i] = i * batch.seqLen() + tokens.get(i).length - 1;
        float[] logits = model.logitsAt(batch, last);
        for (int i = 0; i < last.length; i++) System.arraycopy(logits, i * vocab, out, running.get(i) * vocab, vocab);
        return out;
    }
}
