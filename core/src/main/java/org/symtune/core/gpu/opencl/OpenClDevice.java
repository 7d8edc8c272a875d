package org.symtune.core.gpu.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceBuffer;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.NativeBuffer;
import org.symtune.core.gpu.NativeComputeDevice;
import org.symtune.core.gpu.TiledGemm;

/**
 * An OpenCL device through {@code java.lang.foreign}: one context and one in-order command queue on the
 * device chosen by {@link #open()}. {@link #sgemm} runs the shared tiled GEMM kernel ({@link TiledGemm}).
 *
 * <p>Uploads and downloads are blocking copies through a native staging area, so the Java arrays are free
 * to change as soon as a call returns. Calls may come from several threads; each queue command is issued
 * under this device's lock, so launches never interleave their argument setting.
 */
public final class OpenClDevice extends NativeComputeDevice<OpenClDevice.Buffer> {
    private static final long CL_MEM_READ_WRITE = 1;
    private static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    private static final int CL_COMPILER_NOT_AVAILABLE = -3;

    private final OpenClLibrary cl;
    private final OpenClPlatforms.Device device;
    private final MemorySegment context;
    private final MemorySegment queue;
    private final List<Program> programs = new ArrayList<>();
    private TiledGemm gemm;

    private OpenClDevice(OpenClLibrary cl, OpenClPlatforms.Device device) {
        super(Buffer.class);
        this.cl = cl;
        this.device = device;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment ids = arena.allocate(ADDRESS);
            ids.set(ADDRESS, 0, device.id());
            context = cl.createContext(ids, 1, err);
            OpenClErrors.check(err.get(JAVA_INT, 0), "clCreateContext", device.describe());
            queue = cl.createCommandQueue(context, device.id(), err);
            int code = err.get(JAVA_INT, 0);
            if (code != OpenClErrors.CL_SUCCESS) {
                cl.releaseContext(context);
                OpenClErrors.check(code, "clCreateCommandQueue", device.describe());
            }
        }
    }

    /**
     * Opens the device chosen by the system properties {@code symtune.opencl.platform} and
     * {@code symtune.opencl.device} (or the environment variables {@code SYMTUNE_OPENCL_PLATFORM},
     * {@code SYMTUNE_OPENCL_DEVICE}), else the first GPU, else the first device. The library is the
     * ICD loader {@code libOpenCL.so.1}, or the one named by {@code symtune.opencl.library}.
     *
     * @throws GpuUnavailableException when the library, a driver or a device is missing; the message
     *                                 says what to install
     */
    public static OpenClDevice open() {
        OpenClLibrary cl = OpenClLibrary.get();
        return new OpenClDevice(cl, OpenClPlatforms.choose(OpenClPlatforms.list(cl)));
    }

    /** Every OpenCL device of this machine as {@code "platform / device (platform i, device j, kind)"}. */
    public static List<String> listDevices() {
        return OpenClPlatforms.list(OpenClLibrary.get()).stream().map(OpenClPlatforms.Device::describe).toList();
    }

    @Override
    public String name() {
        return "opencl: " + device.platformName() + " / " + device.name();
    }

    @Override
    public String api() {
        return "opencl";
    }

    /** The largest work group this device runs. */
    public long maxWorkGroupSize() {
        return device.maxWorkGroupSize();
    }

    @Override
    public synchronized DeviceBuffer allocate(long count) {
        checkOpen();
        if (count < 0) throw new IllegalArgumentException("opencl: cannot allocate " + count + " elements");
        // OpenCL refuses empty buffers; an empty DeviceBuffer still owns one element underneath.
        long bytes = Math.max(1, count) * Float.BYTES;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment mem = cl.createBuffer(context, CL_MEM_READ_WRITE, bytes, err);
            OpenClErrors.check(err.get(JAVA_INT, 0), "clCreateBuffer", count + " elements on " + device.describe());
            MemorySegment zero = arena.allocate(JAVA_INT);
            int code = cl.enqueueFillBuffer(queue, mem, zero, Integer.BYTES, 0, bytes);
            if (code != OpenClErrors.CL_SUCCESS) {
                cl.releaseMemObject(mem);
                OpenClErrors.check(code, "clEnqueueFillBuffer", "zeroing a new buffer of " + count + " elements");
            }
            return track(new Buffer(this, mem, count));
        }
    }

    @Override
    protected void copyToDevice(MemorySegment staging, Buffer b, long off, int count) {
        OpenClErrors.check(cl.enqueueWriteBuffer(queue, b.mem, true, off * Float.BYTES, staging.byteSize(), staging),
                "clEnqueueWriteBuffer", count + " elements");
    }

    @Override
    protected void copyToHost(Buffer b, long off, MemorySegment staging, int count) {
        OpenClErrors.check(cl.enqueueReadBuffer(queue, b.mem, true, off * Float.BYTES, staging.byteSize(), staging),
                "clEnqueueReadBuffer", count + " elements");
    }

    @Override
    public synchronized KernelProgram compile(String programName, String source, List<String> kernelNames) {
        checkOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment text = arena.allocateFrom(source);
            MemorySegment strings = arena.allocate(ADDRESS);
            strings.set(ADDRESS, 0, text);
            MemorySegment lengths = arena.allocate(JAVA_LONG);
            lengths.set(JAVA_LONG, 0, text.byteSize() - 1);
            MemorySegment program = cl.createProgramWithSource(context, strings, lengths, err);
            OpenClErrors.check(err.get(JAVA_INT, 0), "clCreateProgramWithSource", "program " + programName);
            MemorySegment devices = arena.allocate(ADDRESS);
            devices.set(ADDRESS, 0, device.id());
            int code = cl.buildProgram(program, devices, arena.allocateFrom(""));
            if (code != OpenClErrors.CL_SUCCESS) {
                String log = buildLog(program);
                cl.releaseProgram(program);
                if (code == CL_COMPILER_NOT_AVAILABLE) {
                    throw new GpuUnavailableException("OpenCL device " + device.describe() + " has no run-time compiler; "
                            + OpenClLibrary.INSTALL_HINT);
                }
                throw new IllegalStateException("OpenCL program " + programName + " did not build on " + device.describe()
                        + ": " + OpenClErrors.describe(code) + "\n" + log);
            }
            Program p = new Program(programName, program);
            programs.add(p);
            for (String name : kernelNames) {
                MemorySegment k = cl.createKernel(program, arena.allocateFrom(name), err);
                OpenClErrors.check(err.get(JAVA_INT, 0), "clCreateKernel", "kernel " + name + " of program " + programName);
                p.kernels.put(name, new Kernel(name, k));
            }
            return p;
        }
    }

    private String buildLog(MemorySegment program) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            if (cl.getProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, 0, MemorySegment.NULL, size) != 0) {
                return "(no build log)";
            }
            MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            if (cl.getProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, log.byteSize(), log, MemorySegment.NULL) != 0) {
                return "(no build log)";
            }
            return log.getString(0).strip();
        }
    }

    @Override
    public synchronized void launch(ComputeDevice.Kernel kernel, long[] global, long[] local, Object... args) {
        checkOpen();
        if (!(kernel instanceof Kernel k) || k.released) {
            throw new IllegalArgumentException("opencl: " + kernel + " is not a live kernel of this device");
        }
        checkGeometry(k.name, global, local);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_LONG);
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                long size;
                switch (a) {
                    case DeviceBuffer buf -> {
                        value.set(ADDRESS, 0, own(buf, "kernel " + k.name + " argument " + i).mem);
                        size = ADDRESS.byteSize();
                    }
                    case Integer v -> {
                        value.set(JAVA_INT, 0, v);
                        size = Integer.BYTES;
                    }
                    case Float v -> {
                        value.set(JAVA_FLOAT, 0, v);
                        size = Float.BYTES;
                    }
                    case null, default -> throw new IllegalArgumentException("opencl: kernel " + k.name + " argument " + i
                            + " is " + (a == null ? "null" : "a " + a.getClass().getSimpleName())
                            + "; arguments are DeviceBuffers, Integers and Floats");
                }
                OpenClErrors.check(cl.setKernelArg(k.handle, i, size, value), "clSetKernelArg", "kernel " + k.name + " argument " + i);
            }
            MemorySegment g = arena.allocateFrom(JAVA_LONG, global);
            MemorySegment l = arena.allocateFrom(JAVA_LONG, local);
            OpenClErrors.check(cl.enqueueNdRangeKernel(queue, k.handle, global.length, g, l), "clEnqueueNDRangeKernel",
                    "kernel " + k.name + " global " + java.util.Arrays.toString(global) + " local " + java.util.Arrays.toString(local));
        }
    }

    private void checkGeometry(String name, long[] global, long[] local) {
        if (global.length < 1 || global.length > 3 || local.length != global.length) {
            throw new IllegalArgumentException("opencl: kernel " + name + " needs 1 to 3 dimensions with as many local sizes, got global "
                    + java.util.Arrays.toString(global) + " local " + java.util.Arrays.toString(local));
        }
        long groupSize = 1;
        for (int i = 0; i < global.length; i++) {
            if (local[i] < 1 || global[i] < 1 || global[i] % local[i] != 0) {
                throw new IllegalArgumentException("opencl: kernel " + name + ": global size " + global[i] + " in dimension " + i
                        + " is not a positive multiple of the local size " + local[i]);
            }
            groupSize *= local[i];
        }
        if (groupSize > device.maxWorkGroupSize()) {
            throw new IllegalArgumentException("opencl: kernel " + name + ": work group of " + groupSize + " items, "
                    + device.describe() + " runs at most " + device.maxWorkGroupSize());
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, DeviceBuffer a, long aOff, int lda,
                      DeviceBuffer b, long bOff, int ldb,
                      float beta, DeviceBuffer c, long cOff, int ldc) {
        TiledGemm g;
        synchronized (this) {
            checkOpen();
            if (gemm == null) gemm = new TiledGemm(this);
            g = gemm;
        }
        g.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public synchronized void synchronize() {
        checkOpen();
        OpenClErrors.check(cl.finish(queue), "clFinish", device.describe());
    }

    @Override
    public synchronized void close() {
        List<Buffer> live = markClosed();
        if (live == null) return;
        cl.finish(queue);
        for (Program p : programs) p.release();
        programs.clear();
        for (Buffer b : live) cl.releaseMemObject(b.mem);
        cl.releaseCommandQueue(queue);
        cl.releaseContext(context);
    }

    @Override
    protected void free(Buffer b) {
        OpenClErrors.check(cl.releaseMemObject(b.mem), "clReleaseMemObject", b.count() + " elements");
    }

    /** A {@code cl_mem} of {@code count} 4-byte elements. */
    static final class Buffer extends NativeBuffer {
        private final MemorySegment mem;

        private Buffer(OpenClDevice device, MemorySegment mem, long count) {
            super(device, count);
            this.mem = mem;
        }
    }

    /** A built {@code cl_program} and the kernels created from it. */
    private final class Program implements KernelProgram {
        final String name;
        final MemorySegment handle;
        final Map<String, Kernel> kernels = new LinkedHashMap<>();

        Program(String name, MemorySegment handle) {
            this.name = name;
            this.handle = handle;
        }

        @Override
        public Kernel kernel(String kernelName) {
            Kernel k = kernels.get(kernelName);
            if (k == null) {
                throw new IllegalArgumentException("opencl: program " + name + " has no kernel " + kernelName
                        + " (it was compiled with " + kernels.keySet() + ")");
            }
            return k;
        }

        void release() {
            for (Kernel k : kernels.values()) {
                k.released = true;
                cl.releaseKernel(k.handle);
            }
            cl.releaseProgram(handle);
        }
    }

    /** A {@code cl_kernel}. Its arguments are set and the launch queued under the device's lock. */
    private static final class Kernel implements ComputeDevice.Kernel {
        final String name;
        final MemorySegment handle;
        boolean released;

        Kernel(String name, MemorySegment handle) {
            this.name = name;
            this.handle = handle;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "opencl kernel " + name;
        }
    }
}
