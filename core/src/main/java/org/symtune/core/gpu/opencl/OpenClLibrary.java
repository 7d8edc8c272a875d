package org.symtune.core.gpu.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.gpu.NativeCalls;

/**
 * The OpenCL 1.2 entry points symtune uses, bound through {@code java.lang.foreign} to the ICD loader
 * ({@code libOpenCL.so.1}), which forwards each call to the driver that owns the object. Loaded only when a
 * device is opened; nothing here runs when OpenCL is never asked for.
 *
 * <p>Handles ({@code cl_platform_id}, {@code cl_context}, {@code cl_mem}, ...) are opaque pointers and
 * travel as {@link MemorySegment}s; {@code size_t} and the 64-bit bit fields are {@code long}s (only 64-bit
 * platforms are supported). Every wrapper checks the returned error code and throws with its name.
 */
final class OpenClLibrary {
    /** System property naming the OpenCL library (a path, or a name for the dynamic loader) to load instead of the default. */
    static final String LIBRARY_PROPERTY = "symtune.opencl.library";
    /** What to install when the loader or a driver is missing (Debian/Ubuntu package names). */
    static final String INSTALL_HINT = "install ocl-icd-libopencl1 and an OpenCL driver (e.g. pocl-opencl-icd for the CPU, "
            + "or your GPU vendor's OpenCL package)";

    private static final List<String> DEFAULT_NAMES = List.of("libOpenCL.so.1", "libOpenCL.so",
            "/System/Library/Frameworks/OpenCL.framework/OpenCL");

    private static final Object LOCK = new Object();
    private static OpenClLibrary loaded;

    final String where;
    private final MethodHandle getPlatformIds;
    private final MethodHandle getPlatformInfo;
    private final MethodHandle getDeviceIds;
    private final MethodHandle getDeviceInfo;
    private final MethodHandle createContext;
    private final MethodHandle createCommandQueue;
    private final MethodHandle createBuffer;
    private final MethodHandle enqueueWriteBuffer;
    private final MethodHandle enqueueReadBuffer;
    private final MethodHandle enqueueFillBuffer;
    private final MethodHandle createProgramWithSource;
    private final MethodHandle buildProgram;
    private final MethodHandle getProgramBuildInfo;
    private final MethodHandle createKernel;
    private final MethodHandle setKernelArg;
    private final MethodHandle enqueueNdRangeKernel;
    private final MethodHandle finish;
    private final MethodHandle releaseMemObject;
    private final MethodHandle releaseKernel;
    private final MethodHandle releaseProgram;
    private final MethodHandle releaseCommandQueue;
    private final MethodHandle releaseContext;

    private OpenClLibrary(String where, SymbolLookup lookup) {
        this.where = where;
        Binder b = new Binder(lookup, where);
        getPlatformIds = b.bind("clGetPlatformIDs", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        getPlatformInfo = b.bind("clGetPlatformInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        getDeviceIds = b.bind("clGetDeviceIDs", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        getDeviceInfo = b.bind("clGetDeviceInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        createContext = b.bind("clCreateContext", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        createCommandQueue = b.bind("clCreateCommandQueue", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
        createBuffer = b.bind("clCreateBuffer", ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
        enqueueWriteBuffer = b.bind("clEnqueueWriteBuffer", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueReadBuffer = b.bind("clEnqueueReadBuffer", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueFillBuffer = b.bind("clEnqueueFillBuffer", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        createProgramWithSource = b.bind("clCreateProgramWithSource", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        buildProgram = b.bind("clBuildProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        getProgramBuildInfo = b.bind("clGetProgramBuildInfo", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        createKernel = b.bind("clCreateKernel", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        setKernelArg = b.bind("clSetKernelArg", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS);
        enqueueNdRangeKernel = b.bind("clEnqueueNDRangeKernel", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        finish = b.bind("clFinish", JAVA_INT, ADDRESS);
        releaseMemObject = b.bind("clReleaseMemObject", JAVA_INT, ADDRESS);
        releaseKernel = b.bind("clReleaseKernel", JAVA_INT, ADDRESS);
        releaseProgram = b.bind("clReleaseProgram", JAVA_INT, ADDRESS);
        releaseCommandQueue = b.bind("clReleaseCommandQueue", JAVA_INT, ADDRESS);
        releaseContext = b.bind("clReleaseContext", JAVA_INT, ADDRESS);
    }

    /**
     * The OpenCL library of this machine, loaded on first use: the one named by {@value #LIBRARY_PROPERTY}
     * when that is set, else the ICD loader under its usual names.
     *
     * @throws GpuUnavailableException when no library loads; the message says what to install
     */
    static OpenClLibrary get() {
        synchronized (LOCK) {
            String forced = System.getProperty(LIBRARY_PROPERTY, "").trim();
            List<String> candidates = forced.isEmpty() ? DEFAULT_NAMES : List.of(forced);
            // A forced library is looked up every time, so a test can point at a missing one after a real one loaded.
            if (loaded != null && (forced.isEmpty() || forced.equals(loaded.where))) return loaded;
            OpenClLibrary lib = load(candidates);
            if (forced.isEmpty()) loaded = lib;
            return lib;
        }
    }

    @SuppressWarnings("restricted") // native access is enabled by the build, the tests and the launcher
    private static OpenClLibrary load(List<String> candidates) {
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            boolean isPath = candidate.indexOf('/') >= 0;
            if (isPath && !Files.isRegularFile(Path.of(candidate))) {
                failures.add(candidate + ": no such file");
                continue;
            }
            SymbolLookup lookup;
            try {
                lookup = isPath ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                        : SymbolLookup.libraryLookup(candidate, Arena.global());
            } catch (IllegalArgumentException notLoadable) {
                failures.add(candidate + ": " + notLoadable.getMessage());
                continue;
            }
            return new OpenClLibrary(candidate, lookup);
        }
        throw new GpuUnavailableException("OpenCL is not available: the OpenCL library could not be loaded ("
                + String.join("; ", failures) + "); " + INSTALL_HINT);
    }

    /** Creates downcall handles, failing clearly when a symbol is absent (a library that is not OpenCL, or too old). */
    private record Binder(SymbolLookup lookup, String where) {
        @SuppressWarnings("restricted") // native access is enabled by the build, the tests and the launcher
        MethodHandle bind(String name, java.lang.foreign.MemoryLayout result, java.lang.foreign.MemoryLayout... args) {
            MemorySegment symbol = lookup.find(name).orElseThrow(() -> new GpuUnavailableException(
                    "OpenCL is not available: " + where + " does not export " + name
                            + " (it is not an OpenCL 1.2 library); " + INSTALL_HINT));
            return Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.of(result, args));
        }
    }

    // ---- typed wrappers: each returns the raw error code, or the created handle with the code in errOut ----

    int getPlatformIds(int entries, MemorySegment platforms, MemorySegment count) {
        return NativeCalls.status(() -> (int) getPlatformIds.invokeExact(entries, platforms, count));
    }

    int getPlatformInfo(MemorySegment platform, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        return NativeCalls.status(() -> (int) getPlatformInfo.invokeExact(platform, param, size, value, sizeRet));
    }

    int getDeviceIds(MemorySegment platform, long type, int entries, MemorySegment devices, MemorySegment count) {
        return NativeCalls.status(() -> (int) getDeviceIds.invokeExact(platform, type, entries, devices, count));
    }

    int getDeviceInfo(MemorySegment device, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        return NativeCalls.status(() -> (int) getDeviceInfo.invokeExact(device, param, size, value, sizeRet));
    }

    MemorySegment createContext(MemorySegment devices, int count, MemorySegment errOut) {
        return NativeCalls.value(() -> (MemorySegment) createContext.invokeExact(MemorySegment.NULL, count, devices, MemorySegment.NULL,
                MemorySegment.NULL, errOut));
    }

    MemorySegment createCommandQueue(MemorySegment context, MemorySegment device, MemorySegment errOut) {
        return NativeCalls.value(() -> (MemorySegment) createCommandQueue.invokeExact(context, device, 0L, errOut));
    }

    MemorySegment createBuffer(MemorySegment context, long flags, long bytes, MemorySegment errOut) {
        return NativeCalls.value(() -> (MemorySegment) createBuffer.invokeExact(context, flags, bytes, MemorySegment.NULL, errOut));
    }

    int enqueueWriteBuffer(MemorySegment queue, MemorySegment mem, boolean blocking, long offset, long bytes, MemorySegment src) {
        return NativeCalls.status(() -> (int) enqueueWriteBuffer.invokeExact(queue, mem, blocking ? 1 : 0, offset, bytes, src, 0,
                MemorySegment.NULL, MemorySegment.NULL));
    }

    int enqueueReadBuffer(MemorySegment queue, MemorySegment mem, boolean blocking, long offset, long bytes, MemorySegment dst) {
        return NativeCalls.status(() -> (int) enqueueReadBuffer.invokeExact(queue, mem, blocking ? 1 : 0, offset, bytes, dst, 0,
                MemorySegment.NULL, MemorySegment.NULL));
    }

    int enqueueFillBuffer(MemorySegment queue, MemorySegment mem, MemorySegment pattern, long patternBytes, long offset, long bytes) {
        return NativeCalls.status(() -> (int) enqueueFillBuffer.invokeExact(queue, mem, pattern, patternBytes, offset, bytes, 0,
                MemorySegment.NULL, MemorySegment.NULL));
    }

    MemorySegment createProgramWithSource(MemorySegment context, MemorySegment strings, MemorySegment lengths, MemorySegment errOut) {
        return NativeCalls.value(() -> (MemorySegment) createProgramWithSource.invokeExact(context, 1, strings, lengths, errOut));
    }

    int buildProgram(MemorySegment program, MemorySegment devices, MemorySegment options) {
        return NativeCalls.status(() -> (int) buildProgram.invokeExact(program, 1, devices, options, MemorySegment.NULL, MemorySegment.NULL));
    }

    int getProgramBuildInfo(MemorySegment program, MemorySegment device, int param, long size, MemorySegment value,
                            MemorySegment sizeRet) {
        return NativeCalls.status(() -> (int) getProgramBuildInfo.invokeExact(program, device, param, size, value, sizeRet));
    }

    MemorySegment createKernel(MemorySegment program, MemorySegment name, MemorySegment errOut) {
        return NativeCalls.value(() -> (MemorySegment) createKernel.invokeExact(program, name, errOut));
    }

    int setKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        return NativeCalls.status(() -> (int) setKernelArg.invokeExact(kernel, index, size, value));
    }

    int enqueueNdRangeKernel(MemorySegment queue, MemorySegment kernel, int dims, MemorySegment global, MemorySegment local) {
        return NativeCalls.status(() -> (int) enqueueNdRangeKernel.invokeExact(queue, kernel, dims, MemorySegment.NULL, global, local, 0,
                MemorySegment.NULL, MemorySegment.NULL));
    }

    int finish(MemorySegment queue) {
        return release(finish, queue);
    }

    int releaseMemObject(MemorySegment mem) {
        return release(releaseMemObject, mem);
    }

    int releaseKernel(MemorySegment kernel) {
        return release(releaseKernel, kernel);
    }

    int releaseProgram(MemorySegment program) {
        return release(releaseProgram, program);
    }

    int releaseCommandQueue(MemorySegment queue) {
        return release(releaseCommandQueue, queue);
    }

    int releaseContext(MemorySegment context) {
        return release(releaseContext, context);
    }

    private static int release(MethodHandle h, MemorySegment handle) {
        return NativeCalls.status(() -> (int) h.invokeExact(handle));
    }
}
