package org.symtune.core.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.NativeComputeDevice;

/**
 * A CUDA GPU through the driver API, bound with {@code java.lang.foreign}. Kernels are compiled at run time
 * by NVRTC to PTX, which the driver JIT-compiles for the device; {@code sgemm} uses cuBLAS when it is
 * installed and the shared tiled GEMM kernel otherwise. Everything is queued on one stream of the device's
 * primary context, which is made current on whichever thread calls.
 *
 * <p>Libraries are loaded only when needed: the driver ({@code libcuda.so.1}) by {@link #open}, NVRTC at
 * the first {@link #compile}, cuBLAS at the first {@link #sgemm}. The system properties
 * {@code symtune.cuda.driver}, {@code symtune.cuda.nvrtc} and {@code symtune.cuda.cublas} name a library
 * (path or loader name) instead of searching; {@code symtune.cuda.cublas=none} turns cuBLAS off.
 */
public final class CudaDevice extends NativeComputeDevice<CudaBuffer> {
    /** System property with the number of the device to open (from 0); {@value #DEVICE_ENV} is read when it is unset. */
    public static final String DEVICE_PROPERTY = "symtune.cuda.device";
    /** Environment variable with the number of the device to open, when {@value #DEVICE_PROPERTY} is unset. */
    public static final String DEVICE_ENV = "SYMTUNE_CUDA_DEVICE";
    /** The first words of the error raised when the driver library cannot be found. */
    public static final String DRIVER_NOT_FOUND = CudaLibraries.DRIVER_WHAT + " not found";
    /** The first words of the error raised when NVRTC cannot be found. */
    public static final String NVRTC_NOT_FOUND = CudaLibraries.NVRTC_WHAT + " not found";

    private final CudaSetup setup;
    private final CudaDriver driver;
    private final CudaDeviceInfo info;
    private final DeviceLimits limits;
    private final int cuDevice;
    private final MemorySegment context;
    private final MemorySegment stream;
    private final List<CudaProgram> programs = new ArrayList<>();
    private PtxCompiler compiler;
    private GemmRoute gemm;

    private CudaDevice(CudaSetup setup, CudaDriver driver, CudaDeviceInfo info, DeviceLimits limits, int cuDevice,
                       MemorySegment context, MemorySegment stream) {
        super(CudaBuffer.class);
        this.setup = setup;
        this.driver = driver;
        this.info = info;
        this.limits = limits;
        this.cuDevice = cuDevice;
        this.context = context;
        this.stream = stream;
    }

    /**
     * Opens the device numbered by {@value #DEVICE_PROPERTY}, else by {@value #DEVICE_ENV}, else device 0.
     *
     * @throws GpuUnavailableException when the driver library or the device is missing; the message says
     *                                 what to install
     */
    public static CudaDevice open() {
        return open(requestedOrdinal(System::getProperty, System::getenv));
    }

    /**
     * Opens CUDA device {@code ordinal} (as the driver numbers them, after {@code CUDA_VISIBLE_DEVICES}).
     *
     * @throws GpuUnavailableException when the driver library or the device is missing
     */
    public static CudaDevice open(int ordinal) {
        return open(ordinal, CudaSetup.fromSystemProperties());
    }

    static CudaDevice open(int ordinal, CudaSetup setup) {
        NativeLibrary library = setup.driver().get();
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new GpuUnavailableException("the CUDA backend needs a 64-bit JVM");
        }
        CudaDriver driver = new CudaDriver(library);
        int status = driver.init();
        if (status != CudaDriverApi.CUDA_SUCCESS) {
            throw new GpuUnavailableException("the CUDA driver library was loaded from " + driver.library()
                    + ", but cuInit failed with " + driver.describe(status) + initAdvice(status));
        }
        int count = driver.deviceCount();
        if (count == 0) {
            throw new GpuUnavailableException("the CUDA driver (" + driver.library() + ") sees no device; check nvidia-smi"
                    + " and CUDA_VISIBLE_DEVICES");
        }
        if (ordinal < 0 || ordinal >= count) {
            throw new GpuUnavailableException("CUDA device " + ordinal + " was asked for (-D" + DEVICE_PROPERTY + " or "
                    + DEVICE_ENV + "), but the driver sees " + count + " device(s), numbered from 0");
        }
        int device = driver.device(ordinal);
        CudaDeviceInfo info = new CudaDeviceInfo(ordinal, driver.deviceName(device),
                driver.attribute(CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MAJOR, device),
                driver.attribute(CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MINOR, device),
                driver.attribute(CudaDriverApi.ATTR_MULTIPROCESSOR_COUNT, device),
                driver.attribute(CudaDriverApi.ATTR_CLOCK_RATE_KHZ, device),
                driver.totalMemory(device), driver.driverVersion());
        DeviceLimits limits = new DeviceLimits(driver.attribute(CudaDriverApi.ATTR_MAX_THREADS_PER_BLOCK, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_BLOCK_DIM_X, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_BLOCK_DIM_Y, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_BLOCK_DIM_Z, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_GRID_DIM_X, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_GRID_DIM_Y, device),
                driver.attribute(CudaDriverApi.ATTR_MAX_GRID_DIM_Z, device));
        MemorySegment context = driver.retainPrimaryContext(device);
        try {
            driver.setCurrent(context);
            return new CudaDevice(setup, driver, info, limits, device, context, driver.createStream());
        } catch (RuntimeException e) {
            driver.releasePrimaryContext(device);
            throw e;
        }
    }

    /**
     * The device number asked for: the property, else the environment variable, else 0.
     *
     * @throws IllegalArgumentException when the value is not a number from 0
     */
    static int requestedOrdinal(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String value = properties.apply(DEVICE_PROPERTY);
        String source = "-D" + DEVICE_PROPERTY;
        if (value == null || value.isBlank()) {
            value = environment.apply(DEVICE_ENV);
            source = DEVICE_ENV;
        }
        if (value == null || value.isBlank()) return 0;
        try {
            int ordinal = Integer.parseInt(value.trim());
            if (ordinal >= 0) return ordinal;
        } catch (NumberFormatException notANumber) {
            // Reported below with the variable's name.
        }
        throw new IllegalArgumentException(source + " must be a CUDA device number from 0, got '" + value + "'");
    }

    private static String initAdvice(int status) {
        return switch (status) {
            case CudaDriverApi.CUDA_ERROR_NO_DEVICE -> "; no NVIDIA GPU is visible to this process (check nvidia-smi,"
                    + " CUDA_VISIBLE_DEVICES, and in a container that the GPU is passed in)";
            case CudaDriverApi.CUDA_ERROR_INSUFFICIENT_DRIVER -> "; the NVIDIA kernel module is older than this"
                    + " libcuda, so reinstall matching NVIDIA driver packages (or reboot after an upgrade)";
            default -> "; check that nvidia-smi works";
        };
    }

    /** What the driver reports about this device. */
    public CudaDeviceInfo info() {
        return info;
    }

    @Override
    public String name() {
        return "cuda: " + info.summary();
    }

    @Override
    public String api() {
        return "cuda";
    }

    /** How {@link #sgemm} runs here, e.g. {@code "cublas (libcublas.so.12)"}; looks for cuBLAS on the first call. */
    public synchronized String gemmRoute() {
        checkOpen();
        return gemm().description();
    }

    /** The run-time compiler, e.g. {@code "NVRTC 12.4 (libnvrtc.so.12)"}; loads it on the first call. */
    public synchronized String compilerDescription() {
        checkOpen();
        return compiler().description();
    }

    @Override
    public synchronized DeviceBuffer allocate(long count) {
        checkOpen();
        if (count < 0 || count > Long.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("cuda: cannot allocate " + count + " elements");
        }
        if (count == 0) return track(new CudaBuffer(this, 0, 0));
        makeCurrent();
        long pointer = driver.allocate(count * Float.BYTES);
        try {
            driver.fill32(pointer, 0, count, stream);
        } catch (RuntimeException e) {
            driver.free(pointer);
            throw e;
        }
        return track(new CudaBuffer(this, pointer, count));
    }

    @Override
    protected void copyToDevice(MemorySegment staging, CudaBuffer b, long off, int count) {
        makeCurrent();
        driver.copyToDevice(b.pointer(off), staging, staging.byteSize(), stream);
        // The staging memory is freed when the caller's arena closes; wait until the copy no longer needs it.
        driver.synchronize(stream);
    }

    @Override
    protected void copyToHost(CudaBuffer b, long off, MemorySegment staging, int count) {
        makeCurrent();
        driver.copyToHost(staging, b.pointer(off), staging.byteSize(), stream);
        driver.synchronize(stream);
    }

    /**
     * Compiles {@code source} (CUDA C++; the shared kernel sources bring their CUDA prelude with them) with
     * NVRTC for the device's architecture and loads it.
     *
     * @throws GpuUnavailableException when NVRTC is missing or cannot target this device
     * @throws IllegalStateException   when the source does not compile (the message carries NVRTC's log) or
     *                                 the driver cannot load the PTX
     */
    @Override
    public synchronized KernelProgram compile(String programName, String source, List<String> kernelNames) {
        checkOpen();
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(source, "source");
        if (kernelNames == null || kernelNames.isEmpty()) {
            throw new IllegalArgumentException("cuda: program " + programName + ": name at least one kernel");
        }
        if (new LinkedHashSet<>(kernelNames).size() != kernelNames.size()) {
            throw new IllegalArgumentException("cuda: program " + programName + ": kernel names repeat: " + kernelNames);
        }
        PtxCompiler c = compiler();
        int arch = NvrtcArch.choose(info.architecture(), c.supportedArchitectures());
        CompiledPtx ptx;
        try {
            ptx = c.compile(programName, source, kernelNames, arch);
        } catch (IllegalArgumentException compileError) {
            throw new IllegalStateException("cuda: " + compileError.getMessage(), compileError);
        }
        makeCurrent();
        MemorySegment module;
        try (Arena arena = Arena.ofConfined()) {
            module = driver.loadModule(arena.allocateFrom(ptx.ptx()));
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: the driver could not load the PTX of program " + programName
                    + " (" + c.description() + ", compute_" + arch + "): " + e.getMessage() + ptxAdvice(e.code()), e);
        }
        try {
            Map<String, MemorySegment> functions = new LinkedHashMap<>();
            for (String name : kernelNames) functions.put(name, driver.function(module, ptx.loweredNames().get(name)));
            CudaProgram program = new CudaProgram(this, programName, module, functions);
            programs.add(program);
            return program;
        } catch (RuntimeException e) {
            driver.unloadModule(module);
            throw e;
        }
    }

    private String ptxAdvice(int code) {
        if (code != CudaDriverApi.CUDA_ERROR_UNSUPPORTED_PTX_VERSION && code != CudaDriverApi.CUDA_ERROR_INVALID_PTX) return "";
        return "; NVRTC is probably newer than the driver (driver CUDA " + info.driverVersion() / 1000 + "."
                + info.driverVersion() % 1000 / 10 + "): use an NVRTC whose version is not above the driver's, named by -D"
                + CudaLibraries.NVRTC_PROPERTY;
    }

    @Override
    public synchronized void launch(Kernel kernel, long[] global, long[] local, Object... args) {
        checkOpen();
        if (!(kernel instanceof CudaProgram.CudaKernel k) || k.program().device() != this) {
            throw new IllegalArgumentException("cuda: " + kernel + " is not a kernel of this device");
        }
        if (k.program().unloaded()) throw new IllegalStateException("cuda: kernel " + k.name() + " was unloaded");
        LaunchGeometry geometry;
        try {
            geometry = LaunchGeometry.of(global, local, limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cuda: kernel " + k.name() + ": " + e.getMessage(), e);
        }
        makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = KernelArguments.marshal(arena, args, b -> own(b, "kernel " + k.name() + " argument").pointer());
            driver.launch(k.function(), geometry, stream, params, k.name());
        }
    }

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, DeviceBuffer a, long aOff, int lda,
                                   DeviceBuffer b, long bOff, int ldb,
                                   float beta, DeviceBuffer c, long cOff, int ldc) {
        checkOpen();
        CudaBuffer ca = own(a, "sgemm A"), cb = own(b, "sgemm B"), cc = own(c, "sgemm C");
        DeviceGemmArgs.check(transA, transB, m, n, k, ca, aOff, lda, cb, bOff, ldb, cc, cOff, ldc);
        if (m == 0 || n == 0) return;
        GemmRoute route = gemm();
        makeCurrent();
        route.sgemm(transA, transB, m, n, k, alpha, ca, aOff, lda, cb, bOff, ldb, beta, cc, cOff, ldc);
    }

    @Override
    public synchronized void synchronize() {
        checkOpen();
        makeCurrent();
        driver.synchronize(stream);
    }

    /**
     * Waits for queued work, then frees every buffer and program, the cuBLAS handle and the stream, and
     * releases the primary context. A failure of queued work is thrown after everything is released.
     */
    @Override
    public synchronized void close() {
        List<CudaBuffer> live = markClosed();
        if (live == null) return;
        RuntimeException first = null;
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> driver.setCurrent(context));
        steps.add(() -> driver.synchronize(stream));
        if (gemm != null) steps.add(gemm::close);
        for (CudaProgram p : programs) {
            steps.add(() -> {
                p.markUnloaded();
                driver.unloadModule(p.module());
            });
        }
        for (CudaBuffer b : live) {
            if (b.pointer() != 0) steps.add(() -> driver.free(b.pointer()));
        }
        steps.add(() -> driver.destroyStream(stream));
        steps.add(() -> driver.releasePrimaryContext(cuDevice));
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        programs.clear();
        if (first != null) throw first;
    }

    /** A buffer released on its own is freed only after the work queued so far, which may still read it. */
    @Override
    protected void beforeRelease(CudaBuffer b) {
        makeCurrent();
        driver.synchronize(stream);
    }

    @Override
    protected void free(CudaBuffer b) {
        if (b.pointer() != 0) driver.free(b.pointer());
    }

    private PtxCompiler compiler() {
        if (compiler == null) compiler = setup.compiler().get();
        return compiler;
    }

    private GemmRoute gemm() {
        if (gemm == null) {
            makeCurrent();
            gemm = setup.cublas().get().<GemmRoute>map(this::startCublas)
                    .orElseGet(() -> new TiledGemmRoute(this));
        }
        return gemm;
    }

    private GemmRoute startCublas(Cublas blas) {
        try {
            return new CublasGemm(blas, stream);
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: cuBLAS from " + blas.library() + " does not start on " + info.name()
                    + " (" + e.getMessage() + "); install the cuBLAS of the driver's CUDA version, or set -D"
                    + CudaLibraries.CUBLAS_PROPERTY + "=none to use the shared GEMM kernel", e);
        }
    }

    private void makeCurrent() {
        driver.setCurrent(context);
    }
}
