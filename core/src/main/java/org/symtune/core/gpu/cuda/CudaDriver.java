package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The CUDA driver API bound through {@code java.lang.foreign}: one Java method per C function, which
 * turns a failing {@code CUresult} into a {@link CudaException} named by {@code cuGetErrorName}.
 * Out-parameters live in a confined arena for the length of the call.
 */
final class CudaDriver {
    private final NativeLibrary library;
    private final MethodHandle init, driverGetVersion, deviceGetCount, deviceGet, deviceGetName, deviceGetAttribute,
            deviceTotalMem, primaryCtxRetain, primaryCtxRelease, ctxSetCurrent, streamCreate, streamSynchronize,
            streamDestroy, memAlloc, memFree, memsetD32Async, memcpyHtoDAsync, memcpyDtoHAsync, moduleLoadData,
            moduleUnload, moduleGetFunction, launchKernel, getErrorName, getErrorString;

    /**
     * Binds every function of {@link CudaDriverApi#ALL}.
     *
     * @throws org.symtune.core.gpu.GpuUnavailableException when the library lacks one of them
     */
    CudaDriver(NativeLibrary library) {
        this.library = library;
        init = library.bind(CudaDriverApi.INIT);
        driverGetVersion = library.bind(CudaDriverApi.DRIVER_GET_VERSION);
        deviceGetCount = library.bind(CudaDriverApi.DEVICE_GET_COUNT);
        deviceGet = library.bind(CudaDriverApi.DEVICE_GET);
        deviceGetName = library.bind(CudaDriverApi.DEVICE_GET_NAME);
        deviceGetAttribute = library.bind(CudaDriverApi.DEVICE_GET_ATTRIBUTE);
        deviceTotalMem = library.bind(CudaDriverApi.DEVICE_TOTAL_MEM);
        primaryCtxRetain = library.bind(CudaDriverApi.PRIMARY_CTX_RETAIN);
        primaryCtxRelease = library.bind(CudaDriverApi.PRIMARY_CTX_RELEASE);
        ctxSetCurrent = library.bind(CudaDriverApi.CTX_SET_CURRENT);
        streamCreate = library.bind(CudaDriverApi.STREAM_CREATE);
        streamSynchronize = library.bind(CudaDriverApi.STREAM_SYNCHRONIZE);
        streamDestroy = library.bind(CudaDriverApi.STREAM_DESTROY);
        memAlloc = library.bind(CudaDriverApi.MEM_ALLOC);
        memFree = library.bind(CudaDriverApi.MEM_FREE);
        memsetD32Async = library.bind(CudaDriverApi.MEMSET_D32_ASYNC);
        memcpyHtoDAsync = library.bind(CudaDriverApi.MEMCPY_HTOD_ASYNC);
        memcpyDtoHAsync = library.bind(CudaDriverApi.MEMCPY_DTOH_ASYNC);
        moduleLoadData = library.bind(CudaDriverApi.MODULE_LOAD_DATA);
        moduleUnload = library.bind(CudaDriverApi.MODULE_UNLOAD);
        moduleGetFunction = library.bind(CudaDriverApi.MODULE_GET_FUNCTION);
        launchKernel = library.bind(CudaDriverApi.LAUNCH_KERNEL);
        getErrorName = library.bind(CudaDriverApi.GET_ERROR_NAME);
        getErrorString = library.bind(CudaDriverApi.GET_ERROR_STRING);
    }

    /** Where the driver library was loaded from. */
    String library() {
        return library.where();
    }

    /** {@code cuInit(0)}; returns the raw code, because its failures become {@code GpuUnavailableException}s. */
    int init() {
        try {
            return (int) init.invokeExact(0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The CUDA version the driver supports, e.g. 12040 for 12.4. */
    int driverVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) driverGetVersion.invokeExact(out), "cuDriverGetVersion");
            return out.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int deviceCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) deviceGetCount.invokeExact(out), "cuDeviceGetCount");
            return out.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The {@code CUdevice} of an ordinal. */
    int device(int ordinal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) deviceGet.invokeExact(out, ordinal), "cuDeviceGet");
            return out.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    String deviceName(int device) {
        try (Arena arena = Arena.ofConfined()) {
            int length = 256;
            MemorySegment out = arena.allocate(length);
            check((int) deviceGetName.invokeExact(out, length, device), "cuDeviceGetName");
            return out.getString(0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    int attribute(int attribute, int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) deviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    long totalMemory(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check((int) deviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem_v2");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The device's primary context (the one the CUDA runtime and so cuBLAS also use), retained. */
    MemorySegment retainPrimaryContext(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) primaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releasePrimaryContext(int device) {
        try {
            check((int) primaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease_v2");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Makes {@code context} current on the calling thread, which every later call of that thread uses. */
    void setCurrent(MemorySegment context) {
        try {
            check((int) ctxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** A new stream; flag 0 keeps it ordered with the legacy default stream, which libraries may use. */
    MemorySegment createStream() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) streamCreate.invokeExact(out, 0), "cuStreamCreate");
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Waits for the stream; errors of kernels queued on it surface here. */
    void synchronize(MemorySegment stream) {
        try {
            check((int) streamSynchronize.invokeExact(stream), "cuStreamSynchronize");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void destroyStream(MemorySegment stream) {
        try {
            check((int) streamDestroy.invokeExact(stream), "cuStreamDestroy_v2");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Device memory of {@code bytes} (at least 1); returns the {@code CUdeviceptr}. */
    long allocate(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            int code = (int) memAlloc.invokeExact(out, bytes);
            if (code != CudaDriverApi.CUDA_SUCCESS) {
                throw failure(code, "cuMemAlloc_v2", " (allocating " + bytes + " bytes)");
            }
            return out.get(JAVA_LONG, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void free(long pointer) {
        try {
            check((int) memFree.invokeExact(pointer), "cuMemFree_v2");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Queues setting {@code count} 32-bit words at {@code pointer} to {@code value}. */
    void fill32(long pointer, int value, long count, MemorySegment stream) {
        try {
            check((int) memsetD32Async.invokeExact(pointer, value, count, stream), "cuMemsetD32Async");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Queues a host-to-device copy. From pageable host memory the driver has copied the source into its own
     * staging memory when this returns, so the source may be freed right away.
     */
    void copyToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        try {
            check((int) memcpyHtoDAsync.invokeExact(dst, src, bytes, stream), "cuMemcpyHtoDAsync_v2");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Queues a device-to-host copy; {@code dst} must stay alive until the stream is synchronized. */
    void copyToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        try {
            check((int) memcpyDtoHAsync.invokeExact(dst, src, bytes, stream), "cuMemcpyDtoHAsync_v2");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Loads a module from a NUL-terminated PTX image (JIT-compiled by the driver for this device). */
    MemorySegment loadModule(MemorySegment image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) moduleLoadData.invokeExact(out, image), "cuModuleLoadData");
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void unloadModule(MemorySegment module) {
        try {
            check((int) moduleUnload.invokeExact(module), "cuModuleUnload");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The kernel of {@code module} whose (lowered) name is {@code name}. */
    MemorySegment function(MemorySegment module, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int code = (int) moduleGetFunction.invokeExact(out, module, arena.allocateFrom(name));
            if (code != CudaDriverApi.CUDA_SUCCESS) throw failure(code, "cuModuleGetFunction", " (kernel " + name + ")");
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Queues a kernel launch with no dynamic shared memory; {@code params} is the {@code void**} argument array. */
    void launch(MemorySegment function, LaunchGeometry g, MemorySegment stream, MemorySegment params, String kernelName) {
        try {
            int code = (int) launchKernel.invokeExact(function, g.gridX(), g.gridY(), g.gridZ(),
                    g.blockX(), g.blockY(), g.blockZ(), 0, stream, params, MemorySegment.NULL);
            if (code != CudaDriverApi.CUDA_SUCCESS) throw failure(code, "cuLaunchKernel", " (kernel " + kernelName + ", " + g + ")");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code CUDA_ERROR_OUT_OF_MEMORY (out of memory)}, or the bare number when the driver does not know it. */
    String describe(int code) {
        String name = errorText(getErrorName, code);
        String text = errorText(getErrorString, code);
        if (name == null) return "CUresult " + code;
        return text == null ? name : name + " (" + text + ")";
    }

    void check(int code, String function) {
        if (code != CudaDriverApi.CUDA_SUCCESS) throw failure(code, function, "");
    }

    CudaException failure(int code, String function, String context) {
        return new CudaException(function, code, function + " failed: " + describe(code) + context);
    }

    private static String errorText(MethodHandle handle, int code) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) handle.invokeExact(code, out);
            return status == CudaDriverApi.CUDA_SUCCESS ? NativeStrings.read(out.get(ADDRESS, 0)) : null;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException re) return re;
        if (e instanceof Error err) throw err;
        return new IllegalStateException("native call failed", e);
    }
}
