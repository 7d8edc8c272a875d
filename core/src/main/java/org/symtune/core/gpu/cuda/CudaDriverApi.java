package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.symtune.core.gpu.cuda.NativeFunction.required;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The functions of the CUDA driver API ({@code libcuda.so.1}) that symtune calls, with their C signatures.
 * Every function returns a {@code CUresult} ({@code int}, 0 on success). Exported names carry the
 * {@code _v2} suffix where {@code cuda.h} maps the plain name onto it (64-bit sizes and device pointers).
 * Handles ({@code CUcontext}, {@code CUstream}, {@code CUmodule}, {@code CUfunction}) are pointers,
 * {@code CUdevice} is an {@code int} and {@code CUdeviceptr} an unsigned 64-bit integer.
 */
final class CudaDriverApi {
    private static final ValueLayout.OfInt RESULT = JAVA_INT;
    private static final ValueLayout.OfInt INT = JAVA_INT;
    private static final ValueLayout.OfLong SIZE_T = JAVA_LONG;
    private static final ValueLayout.OfLong DEVICE_PTR = JAVA_LONG;
    private static final AddressLayout PTR = ADDRESS;

    static final NativeFunction INIT = required("cuInit", RESULT, INT);
    static final NativeFunction DRIVER_GET_VERSION = required("cuDriverGetVersion", RESULT, PTR);
    static final NativeFunction DEVICE_GET_COUNT = required("cuDeviceGetCount", RESULT, PTR);
    static final NativeFunction DEVICE_GET = required("cuDeviceGet", RESULT, PTR, INT);
    static final NativeFunction DEVICE_GET_NAME = required("cuDeviceGetName", RESULT, PTR, INT, INT);
    static final NativeFunction DEVICE_GET_ATTRIBUTE = required("cuDeviceGetAttribute", RESULT, PTR, INT, INT);
    static final NativeFunction DEVICE_TOTAL_MEM = required("cuDeviceTotalMem_v2", RESULT, PTR, INT);
    static final NativeFunction PRIMARY_CTX_RETAIN = required("cuDevicePrimaryCtxRetain", RESULT, PTR, INT);
    static final NativeFunction PRIMARY_CTX_RELEASE = required("cuDevicePrimaryCtxRelease_v2", RESULT, INT);
    static final NativeFunction CTX_SET_CURRENT = required("cuCtxSetCurrent", RESULT, PTR);
    static final NativeFunction STREAM_CREATE = required("cuStreamCreate", RESULT, PTR, INT);
    static final NativeFunction STREAM_SYNCHRONIZE = required("cuStreamSynchronize", RESULT, PTR);
    static final NativeFunction STREAM_DESTROY = required("cuStreamDestroy_v2", RESULT, PTR);
    static final NativeFunction MEM_ALLOC = required("cuMemAlloc_v2", RESULT, PTR, SIZE_T);
    static final NativeFunction MEM_FREE = required("cuMemFree_v2", RESULT, DEVICE_PTR);
    static final NativeFunction MEMSET_D32_ASYNC = required("cuMemsetD32Async", RESULT, DEVICE_PTR, INT, SIZE_T, PTR);
    static final NativeFunction MEMCPY_HTOD_ASYNC = required("cuMemcpyHtoDAsync_v2", RESULT, DEVICE_PTR, PTR, SIZE_T, PTR);
    static final NativeFunction MEMCPY_DTOH_ASYNC = required("cuMemcpyDtoHAsync_v2", RESULT, PTR, DEVICE_PTR, SIZE_T, PTR);
    static final NativeFunction MODULE_LOAD_DATA = required("cuModuleLoadData", RESULT, PTR, PTR);
    static final NativeFunction MODULE_UNLOAD = required("cuModuleUnload", RESULT, PTR);
    static final NativeFunction MODULE_GET_FUNCTION = required("cuModuleGetFunction", RESULT, PTR, PTR, PTR);
    /** {@code (f, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedMemBytes, stream, kernelParams, extra)}. */
    static final NativeFunction LAUNCH_KERNEL = required("cuLaunchKernel", RESULT,
            PTR, INT, INT, INT, INT, INT, INT, INT, PTR, PTR, PTR);
    static final NativeFunction GET_ERROR_NAME = required("cuGetErrorName", RESULT, INT, PTR);
    static final NativeFunction GET_ERROR_STRING = required("cuGetErrorString", RESULT, INT, PTR);

    /** Every function above, in the order they are bound. */
    static final List<NativeFunction> ALL = List.of(INIT, DRIVER_GET_VERSION, DEVICE_GET_COUNT, DEVICE_GET,
            DEVICE_GET_NAME, DEVICE_GET_ATTRIBUTE, DEVICE_TOTAL_MEM, PRIMARY_CTX_RETAIN, PRIMARY_CTX_RELEASE,
            CTX_SET_CURRENT, STREAM_CREATE, STREAM_SYNCHRONIZE, STREAM_DESTROY, MEM_ALLOC, MEM_FREE,
            MEMSET_D32_ASYNC, MEMCPY_HTOD_ASYNC, MEMCPY_DTOH_ASYNC, MODULE_LOAD_DATA, MODULE_UNLOAD,
            MODULE_GET_FUNCTION, LAUNCH_KERNEL, GET_ERROR_NAME, GET_ERROR_STRING);

    // CUdevice_attribute values (cuda.h).
    static final int ATTR_MAX_THREADS_PER_BLOCK = 1;
    static final int ATTR_MAX_BLOCK_DIM_X = 2;
    static final int ATTR_MAX_BLOCK_DIM_Y = 3;
    static final int ATTR_MAX_BLOCK_DIM_Z = 4;
    static final int ATTR_MAX_GRID_DIM_X = 5;
    static final int ATTR_MAX_GRID_DIM_Y = 6;
    static final int ATTR_MAX_GRID_DIM_Z = 7;
    static final int ATTR_CLOCK_RATE_KHZ = 13;
    static final int ATTR_MULTIPROCESSOR_COUNT = 16;
    static final int ATTR_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTR_COMPUTE_CAPABILITY_MINOR = 76;

    // CUresult values that get their own advice.
    static final int CUDA_SUCCESS = 0;
    static final int CUDA_ERROR_INSUFFICIENT_DRIVER = 35;
    static final int CUDA_ERROR_NO_DEVICE = 100;
    static final int CUDA_ERROR_INVALID_PTX = 218;
    static final int CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;

    private CudaDriverApi() {
    }
}
