package org.symtune.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.symtune.cli.Args;
import org.symtune.cli.UsageException;
import org.symtune.core.autograd.BufferPool;
import org.symtune.core.autograd.Tape;
import org.symtune.core.autograd.Var;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.io.Json;
import org.symtune.core.parallel.Parallel;
import org.symtune.core.rng.Rng;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.tuning.train.DeviceTraining;

/**
 * {@code symtune bench train}: tokens/s of the training step (forward and backward on the tape; the
 * optimizer step is not part of it yet) on random tokens, and the model FLOPs utilisation against our
 * GEMM's rate measured in the same run at the shape of the MLP's input projections.
 *
 * <p>Model FLOPs per token are 3 × {@link TransformerConfig#forwardFlopsPerToken}: the backward pass does
 * twice the forward's matrix products (gradients of the inputs and of the weights). Work the backward
 * repeats (attention recomputes its scores) is not counted, as is usual for MFU.
 */
public final class TrainBench implements Bench {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "training step (forward + backward) tokens/s and model FLOPs utilisation vs our GEMM rate";
    }

    @Override
    public String usage() {
        return """
                usage: symtune bench train --preset P [--batch B] [--seq T] [--steps N] [--warmup W] [--warmup-seconds S]
                                           [--threads N] [--compare-pytorch] [--backend opencl|cuda [--device-gemm N]] [--json]
                  Forward + backward of a freshly initialised preset on random tokens; warm-up steps are not timed.
                  --preset P   %s
                  --batch B    sequences per step (default 8)
                  --seq T      tokens per sequence (default the smaller of 256 and the context length)
                  --steps N    timed steps (default 5)
                  --warmup W   untimed steps first, for the JIT: at least W, and at least
                               --warmup-seconds S of them (defaults 2 and 3)
                  --threads N  threads (default: symtune's thread count, %d here)
                  --compare-pytorch  also time the same model shape in PyTorch on the CPU (Debian's python3-torch),
                               same batch, sequence, steps and threads, and print the ratio
                  --backend A  also time whole training steps (forward, backward, gradient norm, Adafactor update) with
                               everything resident on the device of API A, and its MFU against the device's own sgemm
                               on an N×N×N square (--device-gemm N, default 1024), beside the CPU figures
                  --json       one JSON object on stdout""".formatted(String.join(", ", TransformerConfig.PRESETS), Parallel.threads());
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Args a = Args.parse(argv, Set.of("preset", "batch", "seq", "steps", "warmup", "warmup-seconds", "threads", "backend", "device-gemm"), Set.of("json", "compare-pytorch"));
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        String presetName = a.get("preset", null);
        if (presetName == null) throw new UsageException("--preset P is required (" + String.join(", ", TransformerConfig.PRESETS) + ")");
        TransformerConfig config;
        try {
            config = TransformerConfig.preset(presetName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int batch = positive(a, "batch", 8);
        int seq = positive(a, "seq", Math.min(256, config.contextLength()));
        int steps = positive(a, "steps", 5);
        int warmup = a.getInt("warmup", 2);
        int threads = positive(a, "threads", Parallel.threads());
        if (warmup < 0) throw new UsageException("--warmup must be >= 0, got " + warmup);
        long warmupNanos = TrainBench.warmupNanos(a);
        if (seq > config.contextLength()) {
            throw new UsageException("--seq " + seq + " is beyond the context length " + config.contextLength() + " of preset " + presetName);
        }
        String deviceApi = a.get("backend", "cpu");
        if (!DeviceTraining.BACKENDS.contains(deviceApi)) {
            throw new UsageException("--backend must be one of " + DeviceTraining.BACKENDS + ", got '" + deviceApi + "'");
        }
        int deviceGemm = positive(a, "device-gemm", 1024);
        boolean json = a.flag("json");
        PrintStream info = json ? err : out;

        int saved = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            Backend backend = Backends.best();
            Transformer model = Transformer.initialize(config, 1);
            Batch data = randomBatch(config.vocabSize(), batch, seq, 2);
            BufferPool buffers = BufferPool.forTraining(); // as the trainer does
            info.printf(Locale.ROOT, "symtune bench train: preset %s (%.2fM parameters), batch %d × seq %d, %d timed steps after %d warm-up%n",
                    presetName, model.parameterCount() / 1e6, batch, seq, steps, warmup);
            describe(info, threads, backend);

            double loss = 0;
            long warmupEnd = System.nanoTime() + warmupNanos;
            for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) loss = step(model, backend, buffers, data);
            long total = 0, best = Long.MAX_VALUE;
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                loss = step(model, backend, buffers, data);
                long t = System.nanoTime() - start;
                total += t;
                best = Math.min(best, t);
            }
            int m = batch * seq, n = config.mlpHidden(), k = config.dModel();
            double gemm = GemmVsOpenBlas.measure(m, n, k, threads, 5, backend.gemm(), null).symtuneGflops() * 1e9;

            double tokensPerStep = (double) batch * seq;
            double tokensPerSecond = tokensPerStep * steps / (total / 1e9);
            double bestTokensPerSecond = tokensPerStep / (best / 1e9);
            double flopsPerToken = 3 * config.forwardFlopsPerToken(seq);
            double achieved = tokensPerSecond * flopsPerToken;
            double bestAchieved = bestTokensPerSecond * flopsPerToken;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("bench", "train");
            r.put("preset", presetName);
            r.put("batch", batch);
            r.put("seq", seq);
            r.put("threads", threads);
            r.put("steps", steps);
            r.put("loss", loss);
            r.put("step_seconds_mean", total / 1e9 / steps);
            r.put("step_seconds_best", best / 1e9);
            r.put("tokens_per_second", tokensPerSecond);
            r.put("tokens_per_second_best_step", bestTokensPerSecond);
            r.put("model_flops_per_token", flopsPerToken);
            r.put("achieved_gflops", achieved / 1e9);
            r.put("gemm_shape", m + "x" + n + "x" + k);
            r.put("gemm_gflops", gemm / 1e9);
            r.put("mfu", achieved / gemm);
            r.put("mfu_best_step", bestAchieved / gemm);
            if (a.flag("compare-pytorch")) comparePytorch(r, config, batch, seq, steps, warmup, threads, info);
            if (!deviceApi.equals("cpu")) r.putAll(DeviceTrainStep.measure(deviceApi, model, data, steps, Math.max(1, warmup), deviceGemm));
            if (json) {
                out.println(Json.write(r));
            } else {
                out.printf(Locale.ROOT, "  loss             %.4f (ln vocab = %.4f)%n", loss, Math.log(config.vocabSize()));
                out.printf(Locale.ROOT, "  step time        mean %.3f s, best %.3f s%n", total / 1e9 / steps, best / 1e9);
                out.printf(Locale.ROOT, "  tokens/s         %.0f (best step %.0f)%n", tokensPerSecond, bestTokensPerSecond);
                out.printf(Locale.ROOT, "  model FLOPs      %.2f MFLOP/token (3 × forward at seq %d)%n", flopsPerToken / 1e6, seq);
                out.printf(Locale.ROOT, "  achieved         %.2f GFLOP/s (best step %.2f)%n", achieved / 1e9, bestAchieved / 1e9);
                out.printf(Locale.ROOT, "  GEMM rate        %.2f GFLOP/s (our sgemm at M×N×K = %d×%d×%d, best of 5, same threads)%n",
                        gemm / 1e9, m, n, k);
                out.printf(Locale.ROOT, "  MFU              %.1f %% (best step %.1f %%)%n", 100 * achieved / gemm, 100 * bestAchieved / gemm);
                if (r.containsKey("device")) {
                    out.printf(Locale.ROOT, "  device           %s: whole steps (with the Adafactor update), all state on the device%n", r.get("device"));
                    out.printf(Locale.ROOT, "  device loss      %.4f%n", (Double) r.get("device_loss"));
                    out.printf(Locale.ROOT, "  device step      mean %.3f s, best %.3f s%n", (Double) r.get("device_step_seconds_mean"),
                            (Double) r.get("device_step_seconds_best"));
                    out.printf(Locale.ROOT, "  device tokens/s  %.0f (CPU forward + backward above: %.0f)%n", (Double) r.get("device_tokens_per_second"),
                            tokensPerSecond);
                    out.printf(Locale.ROOT, "  device achieved  %.2f GFLOP/s%n", (Double) r.get("device_achieved_gflops"));
                    out.printf(Locale.ROOT, "  device GEMM      %.2f GFLOP/s (device sgemm at %s, best of 5)%n", (Double) r.get("device_gemm_gflops"),
                            r.get("device_gemm_shape"));
                    out.printf(Locale.ROOT, "  device MFU       %.1f %%%n", 100 * (Double) r.get("device_mfu"));
                }
                if (r.containsKey("pytorch_tokens_per_second")) {
                    out.printf(Locale.ROOT, "  PyTorch %-8s %.0f tokens/s (best step %.0f), same shape and threads%n", r.get("pytorch_version"),
                            (Double) r.get("pytorch_tokens_per_second"), (Double) r.get("pytorch_tokens_per_second_best_step"));
                    out.printf(Locale.ROOT, "  ratio            %.2f× PyTorch (mean step), %.2f× (best step)%n", (Double) r.get("ratio_vs_pytorch"),
                            (Double) r.get("ratio_vs_pytorch_best_step"));
                }
            }
            out.flush();
        } finally {
            Parallel.setThreads(saved);
        }
        return 0;
    }

    /** Times the PyTorch peer and adds its figures and the ratios to {@code r}; says how to install torch when missing. */
    private static void comparePytorch(Map<String, Object> r, TransformerConfig config, int batch, int seq, int steps, int warmup,
                                       int threads, PrintStream info) {
        String python = TorchPeer.findPython();
        if (python == null) {
            info.println("  " + TorchPeer.INSTALL_HINT);
            r.put("pytorch", "not installed");
            return;
        }
        try {
            info.println("  timing the PyTorch peer with " + python + " ...");
            Map<String, Object> t = TorchPeer.run(python, config, batch, seq, steps, Math.max(2, warmup), threads);
            double tps = ((Number) t.get("tokens_per_second")).doubleValue();
            double best = ((Number) t.get("tokens_per_second_best_step")).doubleValue();
            r.put("pytorch_version", String.valueOf(t.get("torch_version")));
            r.put("pytorch_tokens_per_second", tps);
            r.put("pytorch_tokens_per_second_best_step", best);
            r.put("ratio_vs_pytorch", (Double) r.get("tokens_per_second") / tps);
            r.put("ratio_vs_pytorch_best_step", (Double) r.get("tokens_per_second_best_step") / best);
        } catch (Exception e) {
            info.println("  the PyTorch peer failed: " + e.getMessage());
            r.put("pytorch", "failed: " + e.getMessage());
        }
    }

    /** One forward + backward; returns the loss. Gradients are zeroed before each step. */
    private static double step(Transformer model, Backend backend, BufferPool buffers, Batch data) {
        model.zeroGrad();
        try (Tape tape = Tape.training(backend, buffers)) {
            Var loss = model.loss(tape, data, 0);
            tape.backward(loss);
            return loss.value().data()[loss.value().offset()];
        }
    }

    static Batch randomBatch(int vocab, int batch, int seq, long seed) {
        Rng rng = new Rng(seed);
        int[][] rows = new int[batch][seq];
        for (int[] row : rows) for (int i = 0; i < seq; i++) row[i] = rng.nextInt(vocab);
        return Batch.nextToken(rows);
    }

    /** Provenance lines, with the thread count and the machine's load (these benches run on shared machines). */
    static void describe(PrintStream info, int threads, Backend backend) {
        for (Map.Entry<String, String> e : Provenance.describe().entrySet()) info.printf("  %-16s %s%n", e.getKey(), e.getValue());
        info.printf("  %-16s %s%n", "model backend", backend.name());
        info.printf(Locale.ROOT, "  %-16s %d; load average %.1f at start%n", "threads", threads,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** {@code --warmup-seconds}: the least time spent in untimed warm-up, so that C2 has compiled the vector kernels. */
    static long warmupNanos(Args a) throws UsageException {
        String v = a.get("warmup-seconds", "3");
        try {
            double s = Double.parseDouble(v);
            if (!(s >= 0) || Double.isInfinite(s)) throw new NumberFormatException();
            return (long) (s * 1e9);
        } catch (NumberFormatException e) {
            throw new UsageException("--warmup-seconds needs a number >= 0, got '" + v + "'");
        }
    }

    static int positive(Args a, String name, int fallback) throws UsageException {
        int v = a.getInt(name, fallback);
        if (v < 1) throw new UsageException("--" + name + " must be at least 1, got " + v);
        return v;
    }
}
