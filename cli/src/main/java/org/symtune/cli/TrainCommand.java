package org.symtune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.symtune.tuning.train.DeviceTraining;
import org.symtune.tuning.train.TrainConfig;
import org.symtune.tuning.train.TrainJob;

/**
 * {@code symtune train}: trains a model as a JSON config describes (see {@link TrainConfig}), or
 * continues a run from its latest checkpoint.
 */
public final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train or tune a model from a JSON config; --resume RUN_DIR continues a run bit-identically";
    }

    @Override
    public String usage() {
        return """
                usage: symtune train --config FILE.json [--stop-after STEP] [--backend cpu|opencl|cuda]
                       symtune train --resume RUN_DIR [--config FILE.json] [--stop-after STEP] [--backend ...]
                  --config      the run's config: model (preset, checkpoint folder or config), tokenizer (path or
                                {"train": {"vocab_size": N}}), data (text, europarl, pairs or batch_file), optimizer with
                                its learning-rate schedule, batch_size, micro_batch_size, seq_len, steps, eval_every,
                                eval_batches, checkpoint_every, keep_checkpoints, log_every, clip_grad_norm, seed, run_dir
                  --resume      continue the run in RUN_DIR from its latest checkpoint; with --config too, the config
                                must equal the run's except for a larger "steps"
                  --stop-after  stop after this step (a checkpoint is written there), to split a run into sessions
                  --backend     where the steps run, overriding the config's "backend" (default cpu): opencl or cuda
                                keep weights, gradients, Adafactor state and activations on the device; checkpoints
                                are the same either way, so a run may resume on another backend
                The run directory receives config.json, provenance.json, tokenizer.json, metrics.jsonl,
                checkpoints/, final/ (the trained model) and summary.json. Progress goes to standard error.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(args, Set.of("config", "resume", "stop-after", "backend"), Set.of());
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        String config = a.get("config", null);
        String resume = a.get("resume", null);
        if (config == null && resume == null) throw new UsageException("give --config FILE.json, or --resume RUN_DIR");
        long stopAfter = Long.MAX_VALUE;
        String stop = a.get("stop-after", null);
        if (stop != null) {
            try {
                stopAfter = Long.parseLong(stop);
            } catch (NumberFormatException e) {
                throw new UsageException("--stop-after needs a step number, got '" + stop + "'");
            }
            if (stopAfter < 1) throw new UsageException("--stop-after must be at least 1, got " + stopAfter);
        }
        TrainJob.Options options = TrainJob.Options.console(out, err).withStopAfter(stopAfter);
        String backend = a.get("backend", null);
        if (backend != null) {
            if (!DeviceTraining.BACKENDS.contains(backend)) {
                throw new UsageException("--backend must be one of " + DeviceTraining.BACKENDS + ", got '" + backend + "'");
            }
            options = options.withBackend(backend);
        }
        TrainConfig parsed = config == null ? null : TrainConfig.read(Path.of(config));
        if (resume != null) {
            TrainJob.resume(Path.of(resume), parsed, config, options);
        } else {
            TrainJob.start(parsed, config, options);
        }
        return 0;
    }
}
