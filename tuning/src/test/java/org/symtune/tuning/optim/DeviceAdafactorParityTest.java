package org.symtune.tuning.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symtune.core.Tensor;
import org.symtune.core.gpu.AdafactorStep;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceAdafactor;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.opencl.OpenClDevice;

/**
 * The device Adafactor update ({@link DeviceAdafactor}) against this module's {@link Adafactor}, step for step:
 * parameters, second-moment state, momentum and the reported step size and update RMS agree within 1e-4
 * relative after several steps, for the default (Hugging Face) settings, momentum with step-size weight
 * decay, T5X-style decay with a learning-rate power, and factoring turned off. Runs on the OpenCL device and
 * is skipped without one.
 */
class DeviceAdafactorParityTest {
    private static final double TOLERANCE = 1e-4;
    private static ComputeDevice device;
    private static DeviceOps ops;
    /** The largest relative error seen, printed to the test log. */
    private static double worst;

    @BeforeAll
    static void open() {
        try {
            device = OpenClDevice.open();
        } catch (GpuUnavailableException e) {
            // CI installs PoCL and sets SYMTUNE_REQUIRE_OPENCL=1, so there a missing device is a failure.
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
        }
        ops = new DeviceOps(device);
    }

    @AfterAll
    static void close() {
        if (device == null) return;
        System.out.printf("device Adafactor: largest relative error %.2e on %s%n", worst, device.name());
        device.close();
    }

    /** The scalars of step t of {@code c}, computed as {@link Adafactor#step} computes them. */
    static AdafactorStep stepOf(AdafactorConfig c, long t) {
        return DeviceAdafactorOptimizer.stepOf(c, t);
    }

    @Test
    void defaultsMatchTheCpuOptimizer() {
        compare(AdafactorConfig.defaults(), 4);
    }

    @Test
    void momentumAndStepSizeWeightDecayMatch() {
        compare(AdafactorConfig.builder().learningRate(3e-2).beta1(0.9).weightDecay(0.1).build(), 3);
    }

    @Test
    void t5xStyleDecayAndClippingOffMatch() {
        compare(AdafactorConfig.builder().learningRate(5e-2).weightDecay(0.05)
                .weightDecayScaling(WeightDecayScaling.LEARNING_RATE_POWER).weightDecayLrExponent(1.0)
                .clipThreshold(Double.POSITIVE_INFINITY).scaleParameter(false).maxParameterScale(Double.POSITIVE_INFINITY).build(), 3);
    }

    @Test
    void unfactoredMatricesMatch() {
        compare(AdafactorConfig.builder().factored(false).learningRate(1e-2).maxParameterScale(0.5).build(), 3);
    }

    /** One parameter on the device: value, gradient, state and statistics buffers. */
    private record DeviceParam(Param cpu, boolean factored, int batches, int rows, int cols, DeviceBuffer w, DeviceBuffer g,
                               DeviceBuffer row, DeviceBuffer col, DeviceBuffer v, DeviceBuffer m, DeviceBuffer stats) {
    }

    private static void compare(AdafactorConfig config, int steps) {
        List<Param> cpu = List.of(TestParams.random("blocks", 1, 0.5, 3, 17, 29), TestParams.random("proj", 2, 0.02, 70, 33),
                TestParams.random("bias", 3, 0.1, 77), TestParams.random("tiny", 4, 1e-5, 5, 6));
        List<DeviceParam> dev = new ArrayList<>();
        for (Param p : cpu) {
            int[] shape = p.shape();
            int n = p.numel();
            boolean factored = config.factors(shape);
            int cols = shape[shape.length - 1], rows = shape.length >= 2 ? shape[shape.length - 2] : 1;
            int batches = n / (rows * cols);
            DeviceBuffer w = device.allocate(n);
            device.upload(p.value().data(), p.value().offset(), w, 0, n);
            dev.add(new DeviceParam(p, factored, batches, rows, cols, w, device.allocate(n),
                    factored ? device.allocate((long) batches * rows) : null, factored ? device.allocate((long) batches * cols) : null,
                    factored ? null : device.allocate(n), config.momentum() ? device.allocate(n) : null,
                    device.allocate(DeviceAdafactor.STATS)));
        }
        Adafactor reference = config.create();
        for (int t = 1; t <= steps; t++) {
            TestParams.randomGrads(cpu, 100 + t, 0.01 * t);
            AdafactorStep step = stepOf(config, t);
            for (DeviceParam d : dev) {
                Tensor g = d.cpu().grad();
                device.upload(g.data(), g.offset(), d.g(), 0, g.numel());
                if (d.factored()) {
                    ops.adafactor().updateFactored(step, d.batches(), d.rows(), d.cols(), d.w(), 0, d.g(), 0, d.row(), d.col(), d.m(),
                            d.stats(), 0);
                } else {
                    ops.adafactor().updateUnfactored(step, d.cpu().numel(), d.w(), 0, d.g(), 0, d.v(), d.m(), d.stats(), 0);
                }
            }
            reference.step(cpu);
            Map<String, Tensor> state = reference.saveState().tensors();
            for (int i = 0; i < dev.size(); i++) {
                DeviceParam d = dev.get(i);
                String name = d.cpu().name();
                String where = name + " after step " + t + " of " + config;
                assertClose(where + ": value", d.cpu().value().toArray(), download(d.w()));
                if (d.factored()) {
                    assertClose(where + ": row statistics", state.get(name + "." + Adafactor.ROW).toArray(), download(d.row()));
                    assertClose(where + ": column statistics", state.get(name + "." + Adafactor.COL).toArray(), download(d.col()));
                } else {
                    assertClose(where + ": second moment", state.get(name + "." + Adafactor.SQ).toArray(), download(d.v()));
                }
                if (d.m() != null) assertClose(where + ": momentum", state.get(name + "." + Adafactor.AVG).toArray(), download(d.m()));
                Adafactor.ParamStep report = reference.lastStepDetails().get(i);
                float[] stats = download(d.stats());
                assertClose(where + ": step size", new float[] {(float) report.stepSize()}, new float[] {stats[0]});
                assertClose(where + ": update RMS", new float[] {(float) report.updateRms()}, new float[] {stats[1]});
                assertEquals(report.clipped(), stats[2] > 1f, where + ": clipped");
            }
        }
    }

    private static float[] download(DeviceBuffer b) {
        float[] a = new float[(int) b.count()];
        device.download(b, 0, a, 0, a.length);
        return a;
    }

    private static void assertClose(String what, float[] ref, float[] got) {
        assertEquals(ref.length, got.length, what + ": length");
        double num = 0, den = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = (double) got[i] - ref[i];
            num += d * d;
            den += (double) ref[i] * ref[i];
        }
        double e = den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
        worst = Math.max(worst, e);
        assertTrue(e <= TOLERANCE, () -> what + ": relative error " + e + " above " + TOLERANCE + "\nref " + Arrays.toString(
                Arrays.copyOf(ref, Math.min(6, ref.length))) + "\ngot " + Arrays.toString(Arrays.copyOf(got, Math.min(6, got.length))));
    }
}
