package org.symtune.tuning.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.io.Json;
import org.symtune.tuning.optim.OptimizerConfig;

/**
 * Everything a training run is made of, as read from a JSON config file. {@link #toJson()} is the
 * resolved config (every default spelt out, paths absolute) that the run directory keeps and that
 * {@code --resume} reads back.
 *
 * <pre>
 * {
 *   "model": "tiny",                                  // or {"preset"|"checkpoint"|"config": ..., "dropout": p}
 *   "tokenizer": {"train": {"vocab_size": 4096}},     // or {"path": "tokenizer.json"}; optional "eos_token"
 *   "data": {"type": "europarl"},                     // text | europarl | pairs | batch_file, see DataSpec
 *   "optimizer": {"type": "adafactor", ...},          // every option, the learning-rate schedule included
 *   "batch_size": 16, "micro_batch_size": 8, "seq_len": 128, "steps": 1000,
 *   "eval_every": 100, "eval_batches": 8, "checkpoint_every": 200, "keep_checkpoints": 2,
 *   "log_every": 10, "clip_grad_norm": 1.0, "seed": 0, "run_dir": "runs/pretrain-tiny",
 *   "backend": "cpu"                                  // or "opencl" / "cuda": the step runs on that device
 * }
 * </pre>
 *
 * @param tokenizer null only for a {@code batch_file} run (its ids are given)
 * @param microBatchSize rows per forward/backward pass; {@code batchSize / microBatchSize} passes are
 *     accumulated into one update
 * @param evalEvery steps between held-out evaluations (0: none); also at step 0 and at the last step
 * @param checkpointEvery steps between checkpoints (0: only at the end); the last step is always saved
 * @param clipGradNorm global gradient-norm clipping threshold (0: no clipping)
 * @param backend where the training step runs: {@code cpu}, or a device API ({@code opencl}, {@code cuda}) with
 *     weights, gradients, optimizer state and activations resident on the device (Adafactor only)
 */
public record TrainConfig(ModelSpec model, TokenizerSpec tokenizer, DataSpec data, OptimizerConfig optimizer,
                          int batchSize, int microBatchSize, int seqLen, long steps, long evalEvery, int evalBatches,
                          long checkpointEvery, int keepCheckpoints, long logEvery, double clipGradNorm, long seed,
                          Path runDir, String backend) {

    public TrainConfig {
        if (batchSize < 1 || microBatchSize < 1 || batchSize % microBatchSize != 0) {
            throw new IllegalArgumentException("batch_size (" + batchSize + ") must be a positive multiple of micro_batch_size ("
                    + microBatchSize + ")");
        }
        if (tokenizer == null && !(data instanceof DataSpec.BatchFile)) {
            throw new IllegalArgumentException("a tokenizer is required for " + data.type() + " data");
        }
        if (!DeviceTraining.BACKENDS.contains(backend)) {
            throw new IllegalArgumentException("backend must be one of " + DeviceTraining.BACKENDS + ", got '" + backend + "'");
        }
    }

    /** The fields of a config file. */
    public static final List<String> FIELDS = List.of("model", "tokenizer", "data", "optimizer", "batch_size", "micro_batch_size", "seq_len",
            "steps", "eval_every", "eval_batches", "checkpoint_every", "keep_checkpoints", "log_every", "clip_grad_norm", "seed", "run_dir", "backend");

    /** Reads a config file; relative paths in it are resolved against the working directory. */
    public static TrainConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config " + file + ": " + e.getMessage(), e);
        }
        return parse(Json.parseObject(text, file.toString()), file.toString(), Path.of(""));
    }

    /** Reads a parsed config; {@code file} names it in errors, relative paths resolve against {@code base}. */
    public static TrainConfig parse(Map<String, Object> json, String file, Path base) {
        ConfigObject o = new ConfigObject(json, file, "");
        o.expectOnly(FIELDS);
        ModelSpec model = ModelSpec.parse(o.raw("model"), o, base);
        ConfigObject tok = o.object("tokenizer");
        TokenizerSpec tokenizer = tok == null ? null : TokenizerSpec.parse(tok, base);
        ConfigObject dataObject = o.object("data");
        if (dataObject == null) throw o.error("data", "is required");
        DataSpec data = DataSpec.parse(dataObject, base);
        if (!o.has("optimizer")) throw o.error("optimizer", "is required (for example {\"type\": \"adafactor\"})");
        OptimizerConfig optimizer;
        try {
            optimizer = OptimizerConfig.fromJson(o.raw("optimizer"), "optimizer");
        } catch (IllegalArgumentException e) {
            // The optimizer's messages start with the dotted field ("optimizer.beta1: ...").
            throw new ConfigException(file + ": " + e.getMessage());
        }
        int batch = o.intValue("batch_size", null, 1, 1 << 20);
        int micro = o.intValue("micro_batch_size", batch, 1, batch);
        if (batch % micro != 0) throw o.error("micro_batch_size", "must divide batch_size (" + batch + "), got " + micro);
        int seqLen = o.intValue("seq_len", null, 2, 1 << 20);
        long steps = o.integer("steps", null, 1, Long.MAX_VALUE / 2);
        long evalEvery = o.integer("eval_every", 0L, 0, Long.MAX_VALUE);
        int evalBatches = o.intValue("eval_batches", 4, 1, 1 << 20);
        long checkpointEvery = o.integer("checkpoint_every", 0L, 0, Long.MAX_VALUE);
        int keep = o.intValue("keep_checkpoints", 2, 1, 1 << 20);
        long logEvery = o.integer("log_every", 10L, 1, Long.MAX_VALUE);
        double clip = o.number("clip_grad_norm", 0.0, 0, Double.MAX_VALUE);
        long seed = o.integer("seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE);
        Path runDir = base.resolve(o.string("run_dir", null)).toAbsolutePath().normalize();
        String backend = o.string("backend", "cpu");
        if (!DeviceTraining.BACKENDS.contains(backend)) throw o.error("backend", "must be one of " + DeviceTraining.BACKENDS + ", got '" + backend + "'");
        if (tokenizer == null && !(data instanceof DataSpec.BatchFile)) {
            throw o.error("tokenizer", "is required for " + data.type() + " data");
        }
        o.rejectUnknown();
        return new TrainConfig(model, tokenizer, data, optimizer, batch, micro, seqLen, steps, evalEvery, evalBatches,
                checkpointEvery, keep, logEvery, clip, seed, runDir, backend);
    }

    /** The resolved config: every field explicit, paths absolute. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toJson());
        if (tokenizer != null) m.put("tokenizer", tokenizer.toJson());
        m.put("data", data.toJson());
        m.put("optimizer", optimizer.toJson());
        m.put("batch_size", (long) batchSize);
        m.put("micro_batch_size", (long) microBatchSize);
        m.put("seq_len", (long) seqLen);
        m.put("steps", steps);
        m.put("eval_every", evalEvery);
        m.put("eval_batches", (long) evalBatches);
        m.put("checkpoint_every", checkpointEvery);
        m.put("keep_checkpoints", (long) keepCheckpoints);
        m.put("log_every", logEvery);
        m.put("clip_grad_norm", clipGradNorm);
        m.put("seed", seed);
        m.put("run_dir", runDir.toString());
        m.put("backend", backend);
        return m;
    }

    /** The same config in another run directory (a run folder that was moved or copied). */
    public TrainConfig withRunDir(Path dir) {
        return new TrainConfig(model, tokenizer, data, optimizer, batchSize, microBatchSize, seqLen, steps, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, clipGradNorm, seed, dir.toAbsolutePath().normalize(), backend);
    }

    /** The same config with another step count (a resumed run that trains longer). */
    public TrainConfig withSteps(long newSteps) {
        return new TrainConfig(model, tokenizer, data, optimizer, batchSize, microBatchSize, seqLen, newSteps, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, clipGradNorm, seed, runDir, backend);
    }

    /** The same config on another backend (a run moved between the CPU and a device: checkpoints are the same). */
    public TrainConfig withBackend(String newBackend) {
        return new TrainConfig(model, tokenizer, data, optimizer, batchSize, microBatchSize, seqLen, steps, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, clipGradNorm, seed, runDir, newBackend);
    }
}
