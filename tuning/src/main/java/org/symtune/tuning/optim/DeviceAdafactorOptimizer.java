package org.symtune.tuning.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.symtune.core.Tensor;
import org.symtune.core.gpu.AdafactorStep;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceAdafactor;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceOps;

/**
 * {@link Adafactor} for parameters that live on a {@link ComputeDevice}: the same config and update
 * ({@link DeviceAdafactor} runs it), with the state on the device. The state moves in and out as an
 * {@link OptimizerState} with the CPU optimizer's tensor names and shapes ({@code <param>.exp_avg_sq_row},
 * ...), so a checkpoint written from a device run resumes on the CPU and the other way round.
 */
public final class DeviceAdafactorOptimizer implements AutoCloseable {
    private final AdafactorConfig config;
    private final DeviceOps ops;
    private final ComputeDevice device;
    private final Map<String, Slots> slots = new LinkedHashMap<>();
    private final DeviceBuffer stats;
    private long step;
    private double lastLr = Double.NaN;

    /** The state of one parameter: its shape as a batch of matrices and the device buffers of its slots. */
    private record Slots(int[] shape, boolean factored, int batches, int rows, int cols, Map<String, DeviceBuffer> buffers) {
    }

    /** An optimizer with fresh (zero) state for parameters of the given shapes, by name. */
    public DeviceAdafactorOptimizer(AdafactorConfig config, DeviceOps ops, Map<String, int[]> shapes) {
        this.config = Objects.requireNonNull(config, "config");
        this.ops = Objects.requireNonNull(ops, "ops");
        this.device = ops.device();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] shape = e.getValue();
            int n = Math.toIntExact(numel(shape));
            boolean factored = config.factors(shape);
            int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
            int rows = shape.length >= 2 ? shape[shape.length - 2] : 1;
            int batches = n == 0 ? 0 : n / (rows * cols);
            Map<String, DeviceBuffer> buffers = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> s : layout(shape).entrySet()) buffers.put(s.getKey(), device.allocate(Math.max(1, numel(s.getValue()))));
            slots.put(e.getKey(), new Slots(shape.clone(), factored, batches, rows, cols, buffers));
        }
        stats = device.allocate((long) Math.max(1, shapes.size()) * DeviceAdafactor.STATS);
    }

    /** The slot shapes of a parameter, as {@link Adafactor} lays them out. */
    private Map<String, int[]> layout(int[] shape) {
        int r = shape.length;
        Map<String, int[]> m = new LinkedHashMap<>();
        if (config.factors(shape)) {
            m.put(Adafactor.ROW, Arrays.copyOf(shape, r - 1));
            int[] col = Arrays.copyOf(shape, r - 1);
            col[r - 2] = shape[r - 1];
            m.put(Adafactor.COL, col);
        } else {
            m.put(Adafactor.SQ, shape);
        }
        if (config.momentum()) m.put(Adafactor.AVG, shape);
        return m;
    }

    /** The scalars of update {@code t} (counting from 1) of {@code c}, computed as {@link Adafactor#step} computes them. */
    public static AdafactorStep stepOf(AdafactorConfig c, long t) {
        double rate = c.learningRate().lr(t);
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalStateException("adafactor: the schedule gave the learning rate " + rate + " at step " + t);
        }
        double beta2 = 1.0 - Math.pow((double) Math.max(1, t - c.decayOffset()), c.decayRate());
        AdafactorStep.WeightDecay mode = c.weightDecay() == 0 ? AdafactorStep.WeightDecay.NONE
                : c.weightDecayScaling() == WeightDecayScaling.STEP_SIZE ? AdafactorStep.WeightDecay.STEP_SIZE
                : AdafactorStep.WeightDecay.FACTOR;
        double rateFactor = c.weightDecayScaling() == WeightDecayScaling.LEARNING_RATE_POWER ? Math.pow(rate, c.weightDecayLrExponent()) : 1.0;
        return new AdafactorStep(rate, beta2, c.epsilon1(), c.epsilon2(), c.scaleParameter(), c.maxParameterScale(), c.clipThreshold(),
                c.beta1(), mode, c.weightDecay(), 1.0 - c.weightDecay() * rateFactor, c.skipNanUpdates());
    }

    public AdafactorConfig config() {
        return config;
    }

    /** Updates applied so far. */
    public long stepCount() {
        return step;
    }

    /** The schedule's learning rate at the last step; NaN before the first. */
    public double lastLearningRate() {
        return lastLr;
    }

    /** Bytes of state on the device. */
    public long stateBytes() {
        long n = 0;
        for (Slots s : slots.values()) for (DeviceBuffer b : s.buffers().values()) n += b.count();
        return 4 * n;
    }

    /**
     * One update of every parameter from its gradient, both given by name as device buffers (the names and
     * sizes this optimizer was made for). Only kernel launches: nothing comes back to the host.
     */
    public void step(Map<String, DeviceBuffer> weights, Map<String, DeviceBuffer> grads) {
        if (!weights.keySet().equals(slots.keySet()) || !grads.keySet().equals(slots.keySet())) {
            throw new IllegalArgumentException("adafactor: the parameters " + weights.keySet() + " differ from those the optimizer was made for "
                    + slots.keySet());
        }
        long t = step + 1;
        AdafactorStep s = stepOf(config, t);
        int i = 0;
        for (Map.Entry<String, Slots> e : slots.entrySet()) {
            Slots p = e.getValue();
            DeviceBuffer w = weights.get(e.getKey()), g = grads.get(e.getKey());
            int n = Math.toIntExact(numel(p.shape()));
            if (w.count() != n || g.count() != n) {
                throw new IllegalArgumentException("adafactor: parameter '" + e.getKey() + "' has " + w.count() + " values and " + g.count()
                        + " gradients, expected " + n);
            }
            int statsOff = DeviceAdafactor.STATS * i++;
            if (n == 0) continue;
            DeviceBuffer m = p.buffers().get(Adafactor.AVG);
            if (p.factored()) {
                ops.adafactor().updateFactored(s, p.batches(), p.rows(), p.cols(), w, 0, g, 0, p.buffers().get(Adafactor.ROW),
                        p.buffers().get(Adafactor.COL), m, stats, statsOff);
            } else {
                ops.adafactor().updateUnfactored(s, n, w, 0, g, 0, p.buffers().get(Adafactor.SQ), m, stats, statsOff);
            }
        }
        step = t;
        lastLr = s.learningRate();
    }

    /** The state, downloaded, in the CPU optimizer's format (an empty state before the first step, as there). */
    public OptimizerState saveState() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        if (step > 0) {
            for (Map.Entry<String, Slots> e : slots.entrySet()) {
                Map<String, int[]> shapes = layout(e.getValue().shape());
                for (Map.Entry<String, DeviceBuffer> b : e.getValue().buffers().entrySet()) {
                    Tensor t = Tensor.zeros(shapes.get(b.getKey()));
                    device.download(b.getValue(), 0, t.data(), 0, t.numel());
                    tensors.put(e.getKey() + "." + b.getKey(), t);
                }
            }
        }
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("optimizer", Adafactor.NAME);
        scalars.put("step", step);
        scalars.put("config", config.toJson());
        return new OptimizerState(tensors, scalars);
    }

    /**
     * Uploads a state saved by an {@link Adafactor} or by this class. As there, this optimizer's own config
     * applies; the state's tensors must be exactly the slots this config and these parameters need.
     */
    public void loadState(OptimizerState state) {
        if (!Adafactor.NAME.equals(state.optimizer())) {
            throw new IllegalArgumentException("adafactor: cannot load the state of optimizer '" + state.optimizer() + "'");
        }
        long s = state.step();
        Map<String, Tensor> tensors = state.tensors();
        if (s > 0 && tensors.isEmpty()) throw new IllegalArgumentException("adafactor: the state after " + s + " steps holds no tensors");
        int expected = 0;
        for (Map.Entry<String, Slots> e : slots.entrySet()) {
            Map<String, int[]> shapes = layout(e.getValue().shape());
            for (Map.Entry<String, DeviceBuffer> b : e.getValue().buffers().entrySet()) {
                String key = e.getKey() + "." + b.getKey();
                Tensor t = tensors.get(key);
                if (t == null) {
                    if (tensors.isEmpty()) {
                        ops.pointwise().fill((int) b.getValue().count(), 0f, b.getValue(), 0);
                        continue;
                    }
                    throw new IllegalArgumentException("adafactor: the state has no tensor '" + key + "' (factoring or momentum differ?)");
                }
                if (!Arrays.equals(t.shape(), shapes.get(b.getKey()))) {
                    throw new IllegalArgumentException("adafactor: state tensor '" + key + "' has shape " + Arrays.toString(t.shape())
                            + ", expected " + Arrays.toString(shapes.get(b.getKey())));
                }
                Tensor c = t.contiguous();
                device.upload(c.data(), c.offset(), b.getValue(), 0, c.numel());
                expected++;
            }
        }
        if (!tensors.isEmpty() && tensors.size() != expected) {
            throw new IllegalArgumentException("adafactor: the state holds " + tensors.size() + " tensors, this optimizer uses " + expected);
        }
        step = s;
        lastLr = Double.NaN;
    }

    /** Frees the state's device buffers. */
    @Override
    public void close() {
        for (Slots s : slots.values()) s.buffers().values().forEach(DeviceBuffer::release);
        stats.release();
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }
}
