package org.symtune.tuning.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.Tensor;
import org.symtune.core.autograd.BufferPool;
import org.symtune.core.autograd.LossOps;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.parallel.Parallel;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.device.DeviceTransformer;
import org.symtune.tuning.optim.Optimizer;
import org.symtune.tuning.optim.OptimizerState;
import org.symtune.tuning.optim.Param;
import org.symtune.tuning.packing.BatchSource;

/**
 * The training loop. Each step takes {@code batchSize} rows from the data source as
 * {@code batchSize / microBatchSize} micro-batches, accumulates their gradients so that the update is
 * that of the mean loss over all loss tokens of the step (each micro-batch's gradient is weighted by its
 * share of the step's loss tokens), clips the global gradient norm, and applies the optimizer. Around
 * that: held-out loss every {@code evalEvery} steps (and at step 0 and the last step), a metrics line per
 * step, progress on the error stream, and checkpoints every {@code checkpointEvery} steps and at the end.
 *
 * <p>Everything that decides a step's numbers — the data position, the random generator that draws
 * dropout seeds, the optimizer state, the weights — is in the checkpoint, so a run resumed from step
 * {@code k} produces the same weights and metrics lines (clock fields aside) as one that never stopped.
 * A NaN or infinite loss or gradient norm stops training before the update is applied, and a checkpoint
 * is never written from non-finite weights: see {@link TrainingDivergedException}.
 */
public final class Trainer {

    /**
     * Loop settings.
     *
     * @param batchSize rows per update
     * @param microBatchSize rows per forward/backward pass (divides batchSize)
     * @param steps the step the run ends at
     * @param evalEvery steps between held-out evaluations (0: only at step 0 and at the end, when there is a held-out set)
     * @param checkpointEvery steps between checkpoints (0: only at the end)
     * @param logEvery steps between progress lines when the error stream is not a terminal
     * @param clipGradNorm global gradient-norm threshold (0: none)
     * @param seed seeds the dropout generator
     */
    public record Settings(int batchSize, int microBatchSize, long steps, long evalEvery, long checkpointEvery, long logEvery,
                           double clipGradNorm, long seed) {
        public Settings {
            if (batchSize < 1 || microBatchSize < 1 || batchSize % microBatchSize != 0) {
                throw new IllegalArgumentException("batch size " + batchSize + " must be a positive multiple of the micro-batch size "
                        + microBatchSize);
            }
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            if (evalEvery < 0 || checkpointEvery < 0 || logEvery < 1 || !(clipGradNorm >= 0)) {
                throw new IllegalArgumentException("eval/checkpoint intervals must be >= 0, log interval >= 1 and clipping >= 0");
            }
        }
    }

    /** What a call to {@link #run} ended with. */
    public record Result(long step, boolean finished, double lastLoss, double lastEvalLoss, Path lastCheckpoint, long tokensSeen,
                         double seconds) {
    }

    private static final int NORM_CHUNK = 1 << 14;
    private static final long RNG_STREAM = 0x64726F706F7574L; // "dropout"

    private final Transformer model;
    private final Optimizer optimizer;
    private final BatchSource data;
    private final List<Batch> evalBatches;
    private final Settings settings;
    private final CheckpointStore checkpoints;
    private final MetricsLog metrics;
    private final Map<String, Object> runConfig;
    private final Backend backend;
    private final DeviceTraining device;
    private final PrintStream progressOut;
    private final boolean progressIsTerminal;
    private final List<Param> params = new ArrayList<>();
    /** Activation and gradient buffers recycled from one micro-batch to the next. */
    private final BufferPool buffers = BufferPool.forTraining();
    private final Rng rng;
    private long step;
    private long tokensSeen;
    private double elapsedBefore;
    private Path lastCheckpoint;

    /**
     * @param evalBatches the held-out set (may be empty: no evaluation)
     * @param runConfig the resolved config, stored in every checkpoint
     * @param progress where progress goes (null: nowhere) and whether it is a terminal
     */
    public Trainer(Transformer model, Optimizer optimizer, BatchSource data, List<Batch> evalBatches, Settings settings,
                   CheckpointStore checkpoints, MetricsLog metrics, Map<String, Object> runConfig, Backend backend,
                   PrintStream progress, boolean progressIsTerminal) {
        this(model, optimizer, data, evalBatches, settings, checkpoints, metrics, runConfig, backend, null, progress, progressIsTerminal);
    }

    /**
     * As the other constructor, with the steps and held-out losses computed on {@code device} (null: on the
     * CPU). {@code device} holds the same model and an optimizer of the same config; {@code model} and
     * {@code optimizer} here are then the host copies that checkpoints are written from and restored into.
     */
    public Trainer(Transformer model, Optimizer optimizer, BatchSource data, List<Batch> evalBatches, Settings settings,
                   CheckpointStore checkpoints, MetricsLog metrics, Map<String, Object> runConfig, Backend backend,
                   DeviceTraining device, PrintStream progress, boolean progressIsTerminal) {
        this.model = model;
        this.device = device;
        this.optimizer = optimizer;
        this.data = data;
        this.evalBatches = List.copyOf(evalBatches);
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.runConfig = runConfig;
        this.backend = backend;
        this.progressOut = progress;
        this.progressIsTerminal = progressIsTerminal;
        this.rng = new Rng(Rng.hash(settings.seed(), RNG_STREAM));
        for (Map.Entry<String, Var> e : model.parameters().entrySet()) params.add(Param.of(e.getKey(), e.getValue()));
        for (Batch b : evalBatches) {
            if (b.seqLen() > model.config().contextLength()) throw new IllegalArgumentException("held-out rows are longer than the context");
        }
        if (data.seqLen() > model.config().contextLength()) {
            throw new IllegalArgumentException("sequence length " + data.seqLen() + " is beyond the model's context length "
                    + model.config().contextLength());
        }
    }

    /** Steps completed. */
    public long step() {
        return step;
    }

    /** Continues from a checkpoint of this run: weights, optimizer state, data position, RNG, counters. */
    public void restore(CheckpointStore.Loaded ck) {
        Map<String, Var> current = model.parameters();
        Map<String, Var> stored = ck.model().parameters();
        if (!stored.keySet().equals(current.keySet())) {
            throw new IllegalArgumentException(ck.folder() + ": the checkpoint's parameters " + stored.keySet()
                    + " differ from the model's " + current.keySet());
        }
        for (Map.Entry<String, Var> e : current.entrySet()) {
            Tensor saved = stored.get(e.getKey()).value();
            Tensor target = e.getValue().value();
            if (!Arrays.equals(saved.shape(), target.shape())) {
                throw new IllegalArgumentException(ck.folder() + ": parameter '" + e.getKey() + "' has shape " + Arrays.toString(saved.shape())
                        + ", the model needs " + Arrays.toString(target.shape()));
            }
            Tensor src = saved.contiguous();
            System.arraycopy(src.data(), src.offset(), target.data(), target.offset(), target.numel());
        }
        optimizer.loadState(ck.optimizer());
        if (device != null) {
            device.model().uploadFrom(model);
            device.optimizer().loadState(ck.optimizer());
        }
        data.restore(ck.state().data());
        rng.setState(ck.state().rngState());
        step = ck.state().step();
        tokensSeen = ck.state().tokensSeen();
        elapsedBefore = ck.state().elapsedSeconds();
        lastCheckpoint = ck.folder();
        if (optimizer.stepCount() != step) {
            throw new IllegalArgumentException(ck.folder() + ": the optimizer state has " + optimizer.stepCount() + " updates but the trainer is at step "
                    + step);
        }
    }

    /**
     * Trains until {@code settings.steps()} or, earlier, {@code stopAfter} (a checkpoint is written
     * there so the run can be resumed).
     */
    public Result run(long stopAfter) throws IOException {
        long end = Math.min(settings.steps(), stopAfter);
        long start = System.nanoTime();
        Progress progress = new Progress(progressOut, progressIsTerminal, settings.logEvery(), step, settings.steps());
        double lastLoss = Double.NaN;
        double lastEval = Double.NaN;
        if (step == 0 && !evalBatches.isEmpty()) lastEval = evaluate(start);
        while (step < end) {
            long t0 = System.nanoTime();
            StepStats s = trainStep(step + 1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            step++;
            tokensSeen += s.tokens();
            lastLoss = s.loss();
            double tokensPerSecond = s.tokens() / Math.max(seconds, 1e-9);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step);
            line.put("loss", s.loss());
            line.put("learning_rate", learningRate());
            line.put("grad_norm", s.gradNorm());
            line.put("loss_tokens", s.lossTokens());
            line.put("tokens", s.tokens());
            line.put("tokens_seen", tokensSeen);
            line.put("packing_efficiency", data.stats().efficiency());
            line.put("tokens_per_s", tokensPerSecond);
            line.put("wall_s", wall(start));
            metrics.write(line);
            progress.step(step, s.loss(), learningRate(), s.gradNorm(), tokensPerSecond);
            boolean last = step == settings.steps();
            if (!evalBatches.isEmpty() && (last || (settings.evalEvery() > 0 && step % settings.evalEvery() == 0))) {
                lastEval = evaluate(start);
                progress.message(String.format(java.util.Locale.ROOT, "step %d: held-out loss %.4f", step, lastEval));
            }
            if (last || step == end || (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0)) {
                saveCheckpoint(start);
            }
        }
        return new Result(step, step == settings.steps(), lastLoss, lastEval, lastCheckpoint, tokensSeen, wall(start));
    }

    private double wall(long startNanos) {
        return elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    private record StepStats(double loss, double gradNorm, long lossTokens, long tokens) {
    }

    private double learningRate() {
        return device != null ? device.optimizer().lastLearningRate() : optimizer.lastLearningRate();
    }

    private StepStats trainStep(long stepNumber) throws IOException {
        int parts = settings.batchSize() / settings.microBatchSize();
        Batch[] micro = new Batch[parts];
        double[] weight = new double[parts];
        double total = 0;
        long lossTokens = 0;
        long tokens = 0;
        for (int i = 0; i < parts; i++) {
            micro[i] = data.next(settings.microBatchSize());
            weight[i] = LossOps.weightSum(micro[i].targets(), micro[i].weights());
            total += weight[i];
            lossTokens += micro[i].lossTokens();
            tokens += (long) micro[i].batch() * micro[i].seqLen();
        }
        if (!(total > 0)) throw new IllegalStateException("step " + stepNumber + ": the batch has no tokens that carry loss");
        if (device != null) return deviceStep(stepNumber, micro, weight, total, lossTokens, tokens);
        double lossSum = 0;
        for (int i = 0; i < parts; i++) {
            long dropoutSeed = rng.nextLong();
            if (weight[i] == 0) continue;
            try (Tape tape = Tape.training(backend, buffers)) {
                Var loss = model.loss(tape, micro[i], dropoutSeed);
                lossSum += (double) loss.value().toArray()[0] * weight[i];
                // d(step loss)/d(micro loss) = this micro-batch's share of the step's loss tokens.
                tape.backward(loss, Tensor.scalar((float) (weight[i] / total)));
            }
        }
        double loss = lossSum / total;
        if (!Double.isFinite(loss)) diverged(stepNumber, "the loss is " + loss);
        double norm = gradientNorm();
        if (!Double.isFinite(norm)) diverged(stepNumber, "the gradient norm is " + norm);
        if (settings.clipGradNorm() > 0 && norm > settings.clipGradNorm()) scaleGradients((float) (settings.clipGradNorm() / (norm + 1e-6)));
        optimizer.step(params);
        model.zeroGrad();
        return new StepStats(loss, norm, lossTokens, tokens);
    }

    /** {@link #trainStep} on the device: the same micro-batch weights, dropout seeds, clipping and divergence checks. */
    private StepStats deviceStep(long stepNumber, Batch[] micro, double[] weight, double total, long lossTokens, long tokens)
            throws IOException {
        DeviceTransformer m = device.model();
        double lossSum = 0;
        for (int i = 0; i < micro.length; i++) {
            long dropoutSeed = rng.nextLong();
            if (weight[i] == 0) continue;
            lossSum += m.lossAndGradients(micro[i], dropoutSeed, (float) (weight[i] / total)) * weight[i];
        }
        double loss = lossSum / total;
        if (!Double.isFinite(loss)) diverged(stepNumber, "the loss is " + loss);
        double norm = m.gradientNorm();
        if (!Double.isFinite(norm)) diverged(stepNumber, "the gradient norm is " + norm);
        if (settings.clipGradNorm() > 0 && norm > settings.clipGradNorm()) m.scaleGradients((float) (settings.clipGradNorm() / (norm + 1e-6)));
        device.update();
        return new StepStats(loss, norm, lossTokens, tokens);
    }

    /** The L2 norm of all gradients: per-chunk sums in double, added in a fixed order. */
    private double gradientNorm() {
        double sum = 0;
        for (Param p : params) {
            float[] g = p.grad().data();
            int off = p.grad().offset();
            sum += Parallel.sum(p.numel(), NORM_CHUNK, (s, e) -> {
                double acc = 0;
                for (int i = s; i < e; i++) acc += (double) g[off + i] * g[off + i];
                return acc;
            });
        }
        return Math.sqrt(sum);
    }

    private void scaleGradients(float factor) {
        for (Param p : params) {
            float[] g = p.grad().data();
            int off = p.grad().offset();
            Parallel.forRange(p.numel(), NORM_CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) g[off + i] *= factor;
            });
        }
    }

    private double evaluate(long start) throws IOException {
        double sum = 0;
        double weight = 0;
        long lossTokens = 0;
        for (Batch b : evalBatches) {
            double w = LossOps.weightSum(b.targets(), b.weights());
            if (w == 0) continue;
            double loss = device != null ? device.model().loss(b) : model.loss(Tape.inference(backend), b, 0).value().toArray()[0];
            sum += loss * w;
            weight += w;
            lossTokens += b.lossTokens();
        }
        double evalLoss = sum / weight;
        if (!Double.isFinite(evalLoss)) diverged(step, "the held-out loss is " + evalLoss);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("eval_loss", evalLoss);
        line.put("eval_tokens", lossTokens);
        line.put("wall_s", wall(start));
        metrics.write(line);
        return evalLoss;
    }

    private void saveCheckpoint(long start) throws IOException {
        if (device != null) device.model().downloadInto(model);
        for (Param p : params) {
            float[] v = p.value().data();
            int off = p.value().offset();
            for (int i = 0; i < p.numel(); i++) {
                if (!Float.isFinite(v[off + i])) diverged(step, "parameter '" + p.name() + "' holds " + v[off + i]);
            }
        }
        TrainingState state = new TrainingState(step, data.state(), rng.state(), tokensSeen, wall(start));
        OptimizerState optimizerState = device != null ? device.optimizer().saveState() : optimizer.saveState();
        lastCheckpoint = checkpoints.save(model, optimizerState, state, runConfig);
    }

    private void diverged(long atStep, String what) throws IOException {
        Path good = checkpoints.latest().orElse(null);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", atStep);
        line.put("error", "diverged: " + what);
        metrics.write(line);
        throw new TrainingDivergedException(atStep, what, good);
    }
}
