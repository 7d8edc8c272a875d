package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.symtune.core.gpu.NativeCalls;

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
        return NativeCalls.status(() -> (int) init.invokeExact(0));
    }

    /** The CUDA version the driver supports, e.g. 12040 for 12.4. */
    int driverVersion() {
        return intOut(out -> (int) driverGetVersion.invokeExact(out), "cuDriverGetVersion");
    }

    int deviceCount() {
        return intOut(out -> (int) deviceGetCount.invokeExact(out), "cuDeviceGetCount");
    }

    /** The {@code CUdevice} of an ordinal. */
    int device(int ordinal) {
        return intOut(out -> (int) deviceGet.invokeExact(out, ordinal), "cuDeviceGet");
    }

    String deviceName(int device) {
        try (Arena arena = Arena.ofConfined()) {
            int length = 256;
            MemorySegment out = arena.allocate(length);
            check((int) deviceGetName.invokeExact(out, length, device), "cuDeviceGetName");
            return out.getString(0);
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    int attribute(int attribute, int device) {
        return intOut(out -> (int) deviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
    }

    long totalMemory(int device) {
        return longOut(out -> (int) deviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem_v2");
    }

    /** The device's primary context (the one the CUDA runtime and so cuBLAS also use), retained. */
    MemorySegment retainPrimaryContext(int device) {
        return addressOut(out -> (int) primaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
    }

    void releasePrimaryContext(int device) {
        check(NativeCalls.status(() -> (int) primaryCtxRelease.invokeExact(device)), "cuDevicePrimaryCtxRelease_v2");
    }

    /** Makes {@code context} current on the calling thread, which every later call of that thread uses. */
    void setCurrent(MemorySegment context) {
        check(NativeCalls.status(() -> (int) ctxSetCurrent.invokeExact(context)), "cuCtxSetCurrent");
    }

    /** A new stream; flag 0 keeps it ordered with the legacy default stream, which libraries may use. */
    MemorySegment createStream() {
        return addressOut(out -> (int) streamCreate.invokeExact(out, 0), "cuStreamCreate");
    }

    /** Waits for the stream; errors of kernels queued on it surface here. */
    void synchronize(MemorySegment stream) {
        check(NativeCalls.status(() -> (int) streamSynchronize.invokeExact(stream)), "cuStreamSynchronize");
    }

    void destroyStream(MemorySegment stream) {
        check(NativeCalls.status(() -> (int) streamDestroy.invokeExact(stream)), "cuStreamDestroy_v2");
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
            throw NativeCalls.unchecked(e);
        }
    }

    void free(long pointer) {
        check(NativeCalls.status(() -> (int) memFree.invokeExact(pointer)), "cuMemFree_v2");
    }

    /** Queues setting {@code count} 32-bit words at {@code pointer} to {@code value}. */
    void fill32(long pointer, int value, long count, MemorySegment stream) {
        check(NativeCalls.status(() -> (int) memsetD32Async.invokeExact(pointer, value, count, stream)), "cuMemsetD32Async");
    }

    /**
     * Queues a host-to-device copy. From pageable host memory the driver has copied the source into its own
     * staging memory when this returns, so the source may be freed right away.
     */
    void copyToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        check(NativeCalls.status(() -> (int) memcpyHtoDAsync.invokeExact(dst, src, bytes, stream)), "cuMemcpyHtoDAsync_v2");
    }

    /** Queues a device-to-host copy; {@code dst} must stay alive until the stream is synchronized. */
    void copyToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        check(NativeCalls.status(() -> (int) memcpyDtoHAsync.invokeExact(dst, src, bytes, stream)), "cuMemcpyDtoHAsync_v2");
    }

    /** Loads a module from a NUL-terminated PTX image (JIT-compiled by the driver for this device). */
    MemorySegment loadModule(MemorySegment image) {
        return addressOut(out -> (int) moduleLoadData.invokeExact(out, image), "cuModuleLoadData");
    }

    void unloadModule(MemorySegment module) {
        check(NativeCalls.status(() -> (int) moduleUnload.invokeExact(module)), "cuModuleUnload");
    }

    /** The kernel of {@code module} whose (lowered) name is {@code name}. */
    MemorySegment function(MemorySegment module, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int code = (int) moduleGetFunction.invokeExact(out, module, arena.allocateFrom(name));
            if (code != CudaDriverApi.CUDA_SUCCESS) throw failure(code, "cuModuleGetFunction", " (kernel " + name + ")");
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    /** Queues a kernel launch with no dynamic shared memory; {@code params} is the {@code void**} argument array. */
    void launch(MemorySegment function, LaunchGeometry g, MemorySegment stream, MemorySegment params, String kernelName) {
        int code = NativeCalls.status(() -> (int) launchKernel.invokeExact(function, g.gridX(), g.gridY(), g.gridZ(),
                g.blockX(), g.blockY(), g.blockZ(), 0, stream, params, MemorySegment.NULL));
        if (code != CudaDriverApi.CUDA_SUCCESS) throw failure(code, "cuLaunchKernel", " (kernel " + kernelName + ", " + g + ")");
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
            throw NativeCalls.unchecked(e);
        }
    }

    /** A driver call that writes its result through the pointer {@code out}. */
    @FunctionalInterface
    private interface OutCall {
        int call(MemorySegment out) throws Throwable;
    }

    private int intOut(OutCall call, String function) {
        try (Arena arena = Arena.ofConfined()) {
            return callWithOut(arena.allocate(JAVA_INT), call, function).get(JAVA_INT, 0);
        }
    }

    private long longOut(OutCall call, String function) {
        try (Arena arena = Arena.ofConfined()) {
            return callWithOut(arena.allocate(JAVA_LONG), call, function).get(JAVA_LONG, 0);
        }
    }

    private MemorySegment addressOut(OutCall call, String function) {
        try (Arena arena = Arena.ofConfined()) {
            return callWithOut(arena.allocate(ADDRESS), call, function).get(ADDRESS, 0);
        }
    }

    private MemorySegment callWithOut(MemorySegment out, OutCall call, String function) {
        check(NativeCalls.status(() -> call.call(out)), function);
        return out;
    }
}
