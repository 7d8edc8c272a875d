package org.symtune.core.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every core op of the CPU {@link org.symtune.core.backend.Backend}, forward and backward, plus Adafactor, as
 * kernel launches on one {@link ComputeDevice}. The families mirror the CPU's: {@link #gemm()},
 * {@link #pointwise()}, {@link #norm()}, {@link #loss()}, {@link #attention()}, and beside them
 * {@link #reductions()} and {@link #adafactor()}.
 *
 * <p>Conventions, as on the CPU: float32 row-major data; each method takes the arguments of its CPU
 * counterpart with {@link DeviceBuffer}s in place of arrays (int32 buffers where the CPU takes {@code int[]});
 * forward ops overwrite their outputs, backward ops <em>add</em> into gradient buffers, and a {@code null}
 * gradient or optional parameter means "none". Ops only queue work: nothing waits for the device until a
 * {@link ComputeDevice#download}. Every reduction runs in a fixed order without atomics, so the same inputs
 * give bit-identical results from run to run on the same device.
 *
 * <p>Kernels are compiled from the shared sources ({@link KernelSources}) the first time a family needs them,
 * once per {@code DeviceOps}. Scratch space (for reductions and the attention backward pass) is owned here
 * and reused, so one {@code DeviceOps} serves one thread at a time; results never depend on the scratch.
 */
public final class DeviceOps {
    /** Work-group size of the element-wise kernels. */
    static final int POINTWISE_GROUP = 256;
    /** Work-group size of the row kernels ({@code ROW_GROUP} in {@code common.h}). */
    static final int ROW_GROUP = 256;
    /** Column kernels' groups: {@code COL_TILE} columns by {@code COL_LANES} lanes ({@code common.h}). */
    static final int COL_TILE = 16;
    static final int COL_LANES = 16;

    private final ComputeDevice device;
    private final Map<String, ComputeDevice.KernelProgram> programs = new HashMap<>();
    private final Map<String, DeviceBuffer> scratch = new HashMap<>();
    private DeviceBuffer placeholder;
    private final DeviceGemm gemm = new DeviceGemm(this);
    private final DevicePointwise pointwise = new DevicePointwise(this);
    private final DeviceNorm norm = new DeviceNorm(this);
    private final DeviceLoss loss = new DeviceLoss(this);
    private final DeviceAttention attention = new DeviceAttention(this);
    private final DeviceReductions reductions = new DeviceReductions(this);
    private final DeviceAdafactor adafactor = new DeviceAdafactor(this);

    public DeviceOps(ComputeDevice device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    public ComputeDevice device() {
        return device;
    }

    public DeviceGemm gemm() {
        return gemm;
    }

    public DevicePointwise pointwise() {
        return pointwise;
    }

    public DeviceNorm norm() {
        return norm;
    }

    public DeviceLoss loss() {
        return loss;
    }

    public DeviceAttention attention() {
        return attention;
    }

    public DeviceReductions reductions() {
        return reductions;
    }

    public DeviceAdafactor adafactor() {
        return adafactor;
    }

    /**
     * Every program the ops compile, whatever they are asked: each family's, the attention program of every
     * head-size class, and the tiled GEMM's (which devices without a vendor BLAS run for {@link #gemm()}).
     */
    public static List<DeviceProgram> programs() {
        List<DeviceProgram> all = new ArrayList<>(List.of(TiledGemm.PROGRAM, DevicePointwise.PROGRAM, DeviceReductions.PROGRAM,
                DeviceNorm.PROGRAM, DeviceLoss.PROGRAM, DeviceAdafactor.PROGRAM));
        all.addAll(DeviceAttention.programs());
        return List.copyOf(all);
    }

    /** A kernel of {@code program}, which is compiled on first use. */
    synchronized ComputeDevice.Kernel kernel(DeviceProgram program, String name) {
        ComputeDevice.KernelProgram p = programs.get(program.name());
        if (p == null) {
            p = program.compile(device);
            programs.put(program.name(), p);
        }
        return p.kernel(name);
    }

    /** A one-element buffer passed where a kernel's optional buffer is absent (its has-flag is then 0). */
    synchronized DeviceBuffer placeholder() {
        if (placeholder == null) placeholder = device.allocate(1);
        return placeholder;
    }

    /** {@code b}, or the placeholder when b is null. */
    DeviceBuffer orPlaceholder(DeviceBuffer b) {
        return b == null ? placeholder() : b;
    }

    /**
     * A scratch buffer of at least {@code count} elements for the named purpose, grown when too small. Its
     * contents are whatever the last user left; a new one is zero. Releasing a grown-out buffer is safe while
     * queued kernels still use it: the drivers free it after them.
     */
    synchronized DeviceBuffer scratch(String purpose, long count) {
        DeviceBuffer b = scratch.get(purpose);
        if (b != null && b.count() >= count) return b;
        if (b != null) b.release();
        b = device.allocate(Math.max(count, b == null ? 0 : 2 * b.count()));
        scratch.put(purpose, b);
        return b;
    }

    /** Launches {@code kernel} over n items in one dimension (groups of {@link #POINTWISE_GROUP}); nothing when n is 0. */
    void launch1d(ComputeDevice.Kernel kernel, long n, Object... args) {
        if (n == 0) return;
        device.launch(kernel, new long[] {roundUp(n, POINTWISE_GROUP)}, new long[] {POINTWISE_GROUP}, args);
    }

    /** Launches one group of {@link #ROW_GROUP} items per row; nothing when there are no rows. */
    void launchRows(ComputeDevice.Kernel kernel, int rows, Object... args) {
        if (rows == 0) return;
        device.launch(kernel, new long[] {(long) rows * ROW_GROUP}, new long[] {ROW_GROUP}, args);
    }

    /** Launches the column groups of a column kernel over {@code cols} columns and {@code batches} batches. */
    void launchColumns(ComputeDevice.Kernel kernel, int cols, int batches, Object... args) {
        if (cols == 0 || batches == 0) return;
        device.launch(kernel, new long[] {roundUp(cols, COL_TILE), (long) COL_LANES * batches}, new long[] {COL_TILE, COL_LANES}, args);
    }

    static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    static int flag(boolean b) {
        return b ? 1 : 0;
    }
}
