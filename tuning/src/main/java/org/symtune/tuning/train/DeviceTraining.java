package org.symtune.tuning.train;

import org.symtune.core.gpu.DeviceUnsupportedException;
import java.util.List;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.Devices;
import org.symtune.model.Transformer;
import org.symtune.model.device.DeviceTransformer;
import org.symtune.tuning.optim.Adafactor;
import org.symtune.tuning.optim.DeviceAdafactorOptimizer;
import org.symtune.tuning.optim.Optimizer;

/**
 * The device side of a training run: the model ({@link DeviceTransformer}) and the Adafactor state
 * ({@link DeviceAdafactorOptimizer}) resident on one {@link ComputeDevice}. The {@link Trainer} hands it
 * batches and gets back losses and the gradient norm; weights and optimizer state come to the host only
 * for checkpoints.
 */
public final class DeviceTraining implements AutoCloseable {
    /** The values of a run's {@code backend} choice. */
    public static final List<String> BACKENDS = List.of("cpu", "opencl", "cuda");

    private final ComputeDevice device;
    private final DeviceTransformer model;
    private final DeviceAdafactorOptimizer optimizer;

    private DeviceTraining(ComputeDevice device, DeviceTransformer model, DeviceAdafactorOptimizer optimizer) {
        this.device = device;
        this.model = model;
        this.optimizer = optimizer;
    }

    /**
     * Checks, before anything is opened, that {@code model} and {@code optimizer} can train on a device;
     * the message names what cannot.
     */
    public static void requireSupported(Transformer model, Optimizer optimizer) {
        if (!(optimizer instanceof Adafactor)) {
            throw new DeviceUnsupportedException("device training runs Adafactor only; optimizer '" + optimizer.name() + "'"
                    + (optimizer.name().equals(Adafactor.NAME) ? " over fused checkpoint tensors (GPT-2 c_attn)" : "")
                    + " needs backend cpu");
        }
        DeviceTransformer.requireSupported(model.config());
    }

    /** Opens the first device of {@code api} and uploads {@code model}; the optimizer state starts empty. */
    public static DeviceTraining open(String api, Transformer model, Optimizer optimizer) {
        requireSupported(model, optimizer);
        ComputeDevice device = Devices.open(api);
        try {
            DeviceOps ops = new DeviceOps(device);
            DeviceTransformer m = DeviceTransformer.upload(model, ops);
            return new DeviceTraining(device, m, new DeviceAdafactorOptimizer(((Adafactor) optimizer).config(), ops, m.shapes()));
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** The device's name, for logs. */
    public String deviceName() {
        return device.name();
    }

    /** The device itself (for measurements beside the training step). */
    public ComputeDevice device() {
        return device;
    }

    public DeviceTransformer model() {
        return model;
    }

    public DeviceAdafactorOptimizer optimizer() {
        return optimizer;
    }

    /** One optimizer update from the accumulated gradients, which are then cleared. */
    public void update() {
        optimizer.step(model.weights(), model.gradients());
        model.zeroGradients();
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
        device.close();
    }
}
