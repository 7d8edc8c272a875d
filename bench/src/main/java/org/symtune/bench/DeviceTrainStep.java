package org.symtune.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.model.Batch;
import org.symtune.model.Transformer;
import org.symtune.model.TransformerConfig;
import org.symtune.tuning.optim.AdafactorConfig;
import org.symtune.tuning.train.DeviceTraining;

/**
 * The device half of {@code symtune bench train --backend API}: times whole training steps on the device
 * (forward, backward, gradient norm, Adafactor update; the loss and the norm are the only numbers that come
 * back) and, as the peer figure for MFU, the device's own GEMM on a large square in the same run.
 */
final class DeviceTrainStep {
    private DeviceTrainStep() {
    }

    /** The figures, keyed as in the bench's JSON ({@code device_...}). */
    static Map<String, Object> measure(String api, Transformer model, Batch data, int steps, int warmup, int gemmSize) {
        TransformerConfig config = model.config();
        Map<String, Object> r = new LinkedHashMap<>();
        try (DeviceTraining device = DeviceTraining.open(api, model, AdafactorConfig.defaults().create())) {
            r.put("device", device.deviceName());
            double loss = 0;
            for (int i = 0; i < warmup; i++) loss = step(device, data);
            long total = 0, best = Long.MAX_VALUE;
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                loss = step(device, data);
                long t = System.nanoTime() - start;
                total += t;
                best = Math.min(best, t);
            }
            double gemm = gemmFlopsPerSecond(device.device(), gemmSize);
            double tokens = (double) data.batch() * data.seqLen();
            double tokensPerSecond = tokens * steps / (total / 1e9);
            double achieved = tokensPerSecond * 3 * config.forwardFlopsPerToken(data.seqLen());
            r.put("device_loss", loss);
            r.put("device_step_seconds_mean", total / 1e9 / steps);
            r.put("device_step_seconds_best", best / 1e9);
            r.put("device_tokens_per_second", tokensPerSecond);
            r.put("device_achieved_gflops", achieved / 1e9);
            r.put("device_gemm_shape", gemmSize + "x" + gemmSize + "x" + gemmSize);
            r.put("device_gemm_gflops", gemm / 1e9);
            r.put("device_mfu", achieved / gemm);
        }
        return r;
    }

    /** One full step; the gradient norm's download waits for the device, so the time covers all queued work. */
    private static double step(DeviceTraining device, Batch data) {
        double loss = device.model().lossAndGradients(data, 0, 1f);
        device.model().gradientNorm();
        device.update();
        return loss;
    }

    /** The device's sgemm rate on an n×n×n product, best of 5 after one untimed call. */
    private static double gemmFlopsPerSecond(ComputeDevice device, int n) {
        DeviceOps ops = new DeviceOps(device);
        DeviceBuffer a = device.allocate((long) n * n), b = device.allocate((long) n * n), c = device.allocate((long) n * n);
        float[] ones = new float[n * n];
        java.util.Arrays.fill(ones, 0.5f);
        device.upload(ones, 0, a, 0, ones.length);
        device.upload(ones, 0, b, 0, ones.length);
        long best = Long.MAX_VALUE;
        try {
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                ops.gemm().sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                device.synchronize();
                if (i > 0) best = Math.min(best, System.nanoTime() - start);
            }
        } finally {
            a.release();
            b.release();
            c.release();
        }
        return 2.0 * n * n * n / (best / 1e9);
    }
}
