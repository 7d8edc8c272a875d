package org.symtune.tuning.train;

import org.symtune.core.gpu.DeviceUnsupportedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.model.checkpoint.Checkpoint;
import org.symtune.model.checkpoint.CheckpointFormat;
import org.symtune.tuning.optim.FusingOptimizer;
import org.symtune.tuning.optim.Optimizer;

/**
 * A whole training run from a {@link TrainConfig}: prepares tokenizer and data, builds the model and the
 * optimizer, writes the resolved config and provenance into the run directory, trains with
 * {@link Trainer}, and when the last step is reached writes the final model as a checkpoint folder in
 * the layout the model was loaded in (ours for presets and inline configs). {@link #resume} continues a
 * run from its latest checkpoint.
 */
public final class TrainJob {

    /**
     * How to run.
     *
     * @param log where to say what is happening and where outputs go (null: nowhere)
     * @param progress where the progress bar or lines go (null: nowhere)
     * @param progressIsTerminal draw a bar in place rather than periodic lines
     * @param stopAfter stop (with a checkpoint) after this step even if the run has more
     * @param writeHook called at each stage of checkpoint writes (fault-injection tests)
     * @param backend overrides the config's {@code backend} (null: the config's); a resumed run may change it
     */
    public record Options(PrintStream log, PrintStream progress, boolean progressIsTerminal, long stopAfter,
                          CheckpointStore.WriteHook writeHook, String backend) {

        /** Nothing printed, no early stop. */
        public static Options quiet() {
            return new Options(null, null, false, Long.MAX_VALUE, stage -> { }, null);
        }

        /** Messages to {@code log}; progress to {@code progress}, as a bar when standard error is a terminal. */
        public static Options console(PrintStream log, PrintStream progress) {
            return new Options(log, progress, Progress.stderrIsTerminal(), Long.MAX_VALUE, stage -> { }, null);
        }

        public Options withStopAfter(long step) {
            return new Options(log, progress, progressIsTerminal, step, writeHook, backend);
        }

        public Options withWriteHook(CheckpointStore.WriteHook hook) {
            return new Options(log, progress, progressIsTerminal, stopAfter, hook, backend);
        }

        /** Runs the steps on {@code name} ({@code cpu}, {@code opencl}, {@code cuda}) whatever the config says. */
        public Options withBackend(String name) {
            return new Options(log, progress, progressIsTerminal, stopAfter, writeHook, name);
        }
    }

    /** What a run left behind. */
    public record Outcome(RunFiles run, Trainer.Result result, Path finalModel, Map<String, Object> summary) {
    }

    private TrainJob() {
    }

    /**
     * Starts a new run in {@code config.runDir()}, which must not hold one already.
     *
     * @param configSource names the config in error messages (its file)
     */
    public static Outcome start(TrainConfig config, String configSource, Options options) throws IOException {
        RunFiles run = new RunFiles(config.runDir());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), config.keepCheckpoints(), options.writeHook());
        if (store.latest().isPresent()) {
            throw new IllegalStateException("the run directory " + run.dir() + " already holds a run; continue it with --resume " + run.dir()
                    + " or choose another run_dir");
        }
        if (Files.exists(run.metrics())) {
            throw new IllegalStateException("the run directory " + run.dir() + " holds a run that stopped before its first checkpoint; "
                    + "delete it or choose another run_dir");
        }
        Files.createDirectories(run.dir());
        return execute(config, configSource, run, store, null, options);
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint. With {@code replacement} (a config
     * file given again), only its {@code steps} may differ from the run's config: a run can be extended.
     */
    public static Outcome resume(Path runDir, TrainConfig replacement, String replacementSource, Options options) throws IOException {
        RunFiles run = new RunFiles(runDir.toAbsolutePath().normalize());
        if (!Files.isRegularFile(run.config())) throw new IllegalArgumentException(runDir + " is not a run directory (it has no config.json)");
        String savedSource = run.config().toString();
        TrainConfig saved = TrainConfig.parse(Json.parseObject(Files.readString(run.config()), savedSource), savedSource, run.dir())
                .withRunDir(run.dir());
        TrainConfig config = saved;
        String source = savedSource;
        if (replacement != null) {
            List<String> differing = differingFields(saved.toJson(), replacement.withRunDir(run.dir()).toJson());
            differing.remove("steps");
            differing.remove("backend");
            if (!differing.isEmpty()) {
                throw new ConfigException(replacementSource + ": cannot resume " + run.dir() + " with a different config: " + String.join(", ", differing)
                        + " differ from its config.json (only steps may change)");
            }
            config = saved.withSteps(replacement.steps()).withBackend(replacement.backend());
            source = replacementSource;
        }
        CheckpointStore store = new CheckpointStore(run.checkpoints(), config.keepCheckpoints(), options.writeHook());
        Optional<Path> latest = store.latest();
        if (latest.isEmpty()) throw new IllegalStateException(run.dir() + " has no checkpoint to resume from (" + run.checkpoints() + "/latest)");
        CheckpointStore.Loaded loaded = CheckpointStore.load(latest.get());
        if (config.steps() < loaded.state().step()) {
            throw new ConfigException(source + ": field \"steps\": " + config.steps() + " is before the checkpoint's step " + loaded.state().step());
        }
        return execute(config, source, run, store, loaded, options);
    }

    private static List<String> differingFields(Map<String, Object> a, Map<String, Object> b) {
        List<String> out = new ArrayList<>();
        for (String k : a.keySet()) if (!java.util.Objects.equals(a.get(k), b.get(k))) out.add(k);
        for (String k : b.keySet()) if (!a.containsKey(k)) out.add(k);
        return out;
    }

    private static Outcome execute(TrainConfig config, String source, RunFiles run, CheckpointStore store, CheckpointStore.Loaded loaded,
                                   Options options) throws IOException {
        PrintStream log = options.log() != null ? options.log() : new PrintStream(OutputStream.nullOutputStream());
        boolean resume = loaded != null;
        if (options.backend() != null) config = config.withBackend(options.backend());
        log.println((resume ? "resuming " : "run directory: ") + run.dir() + (resume ? " from " + loaded.folder().getFileName() : ""));
        Backend backend = Backends.best();
        TrainingData data;
        try {
            data = TrainingData.prepare(config, run, resume, log);
        } catch (ConfigException e) {
            throw e.getMessage().startsWith("field ") ? new ConfigException(source + ": " + e.getMessage()) : e;
        }
        Checkpoint origin = config.model().checkpoint() != null ? Checkpoint.load(config.model().checkpoint()) : null;
        Transformer model = buildModel(config, source, origin, data);
        // From a checkpoint, the optimizer steps the tensors as it stores them (GPT-2's fused q|k|v), as PyTorch would.
        Optimizer optimizer = config.optimizer().create();
        if (origin != null) optimizer = FusingOptimizer.forLayout(optimizer, origin.layout());
        // A device run is checked before the data work is wasted on it, and the device is opened once.
        DeviceTraining device = null;
        if (!config.backend().equals("cpu")) {
            try {
                device = DeviceTraining.open(config.backend(), model, optimizer);
            } catch (DeviceUnsupportedException e) {
                throw new ConfigException(source + ": field \"backend\": " + config.backend() + ": " + e.getMessage());
            }
        }
        log.printf(Locale.ROOT, "model: %s, %,d parameters (%d layers, d_model %d, vocabulary %d); optimizer %s; backend %s%n",
                model.config().family(), model.parameterCount(), model.config().layers(), model.config().dModel(), model.config().vocabSize(),
                optimizer.name(), device != null ? device.deviceName() : backend.name());

        Map<String, Object> resolved = config.toJson();
        AtomicFiles.writeString(run.config(), Json.writePretty(resolved));
        if (!resume) AtomicFiles.writeString(run.provenance(), Json.writePretty(Provenance.collect(backend)));
        MetricsLog metrics = resume ? MetricsLog.resume(run.metrics(), loaded.state().step()) : MetricsLog.create(run.metrics());
        Trainer.Result result;
        try (metrics; DeviceTraining onDevice = device) {
            Trainer trainer = new Trainer(model, optimizer, data.train(),
                    data.heldOut(), new Trainer.Settings(config.batchSize(), config.microBatchSize(), config.steps(), config.evalEvery(),
                    config.checkpointEvery(), config.logEvery(), config.clipGradNorm(), config.seed()), store, metrics, resolved, backend,
                    onDevice, options.progress(), options.progressIsTerminal());
            if (resume) trainer.restore(loaded);
            result = trainer.run(options.stopAfter());
            // The final model is written from the host copy: bring the device's weights over.
            if (onDevice != null) onDevice.model().downloadInto(model);
        }
        Path finalModel = null;
        if (result.finished()) {
            finalModel = run.finalModel();
            if (origin != null) {
                origin.saveInLoadedLayout(model, finalModel);
            } else {
                Checkpoint.save(model, finalModel, CheckpointFormat.SYMTUNE);
            }
            // The final folder carries its tokenizer, as Hugging Face model folders do, so eval and generate need only --model.
            if (data.tokenizer() != null && Files.isRegularFile(run.tokenizer())) {
                AtomicFiles.writeString(finalModel.resolve("tokenizer.json"), Files.readString(run.tokenizer()));
            }
        }
        Map<String, Object> summary = summary(result, data, finalModel);
        AtomicFiles.writeString(run.summary(), Json.writePretty(summary));
        log.printf(Locale.ROOT, "%s at step %d: loss %.4f, held-out loss %s, %s tokens in %s%n", result.finished() ? "finished" : "stopped",
                result.step(), result.lastLoss(), Double.isNaN(result.lastEvalLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", result.lastEvalLoss()),
                String.format(Locale.ROOT, "%,d", result.tokensSeen()), Progress.duration(result.seconds()));
        log.println("metrics: " + run.metrics());
        if (result.lastCheckpoint() != null) log.println("last checkpoint: " + result.lastCheckpoint());
        if (finalModel != null) log.println("final model: " + finalModel + (data.tokenizer() != null ? " (with its tokenizer.json)" : ""));
        log.println("summary: " + run.summary());
        return new Outcome(run, result, finalModel, summary);
    }

    private static Transformer buildModel(TrainConfig config, String source, Checkpoint origin, TrainingData data) {
        ModelSpec spec = config.model();
        Transformer model;
        if (origin != null) {
            model = origin.model();
            if (spec.dropout() != null) {
                Map<String, org.symtune.core.Tensor> tensors = new LinkedHashMap<>();
                for (Map.Entry<String, Var> e : model.parameters().entrySet()) tensors.put(e.getKey(), e.getValue().value());
                model = Transformer.fromTensors(model.config().withDropout(spec.dropout()), tensors);
            }
        } else {
            TransformerConfig c = spec.preset() != null ? spec.presetConfig() : spec.config();
            // A preset takes the tokenizer's vocabulary; an inline config is taken as written.
            if (spec.preset() != null && data.tokenizer() != null) c = c.withVocabSize(data.tokenizer().vocabSize());
            if (spec.dropout() != null) c = c.withDropout(spec.dropout());
            model = Transformer.initialize(c, config.seed());
        }
        TransformerConfig c = model.config();
        if (data.tokenizer() != null && data.tokenizer().vocabSize() > c.vocabSize()) {
            throw new ConfigException(source + ": field \"model\": the model's vocabulary (" + c.vocabSize() + ") is smaller than the tokenizer's ("
                    + data.tokenizer().vocabSize() + ")");
        }
        if (config.seqLen() > c.contextLength()) {
            throw new ConfigException(source + ": field \"seq_len\": " + config.seqLen() + " is beyond the model's context length " + c.contextLength());
        }
        return model;
    }

    private static Map<String, Object> summary(Trainer.Result result, TrainingData data, Path finalModel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", result.step());
        m.put("finished", result.finished());
        m.put("last_loss", Double.isNaN(result.lastLoss()) ? null : result.lastLoss());
        m.put("last_eval_loss", Double.isNaN(result.lastEvalLoss()) ? null : result.lastEvalLoss());
        m.put("tokens_seen", result.tokensSeen());
        m.put("wall_s", result.seconds());
        m.put("data", data.summary());
        m.put("packing", data.train().stats().toJson());
        m.put("last_checkpoint", result.lastCheckpoint() == null ? null : result.lastCheckpoint().toString());
        m.put("final_model", finalModel == null ? null : finalModel.toString());
        return m;
    }
}
