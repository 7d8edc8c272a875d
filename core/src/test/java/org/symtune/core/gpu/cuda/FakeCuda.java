package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CUDA driver and cuBLAS written in Java and exported as native function pointers (upcall stubs), so the
 * real bindings, with their real downcalls, run without a GPU. "Device" memory is host memory whose address
 * serves as the {@code CUdeviceptr}; every access is checked against the allocation it falls in. Streams run
 * each call at once. Kernels are Java implementations registered by name; modules are PTX text whose
 * {@code .entry} lines name the kernels they contain.
 *
 * <p>A Java exception inside an upcall would end the JVM, so every fake function is wrapped: an exception is
 * recorded in {@link #failures()} and becomes {@code CUDA_ERROR_UNKNOWN}.
 */
final class FakeCuda implements AutoCloseable {
    static final int CUDA_ERROR_INVALID_VALUE = 1;
    static final int CUDA_ERROR_INVALID_HANDLE = 400;
    static final int CUDA_ERROR_NOT_FOUND = 500;
    static final int CUDA_ERROR_ILLEGAL_ADDRESS = 700;
    static final int CUDA_ERROR_UNKNOWN = 999;
    static final int CUBLAS_STATUS_NOT_INITIALIZED = 1;
    static final int CUBLAS_STATUS_INVALID_VALUE = 7;

    private static final Map<Integer, String[]> ERRORS = Map.of(
            0, new String[] {"CUDA_SUCCESS", "no error"},
            1, new String[] {"CUDA_ERROR_INVALID_VALUE", "invalid argument"},
            35, new String[] {"CUDA_ERROR_INSUFFICIENT_DRIVER", "CUDA driver version is insufficient for CUDA runtime version"},
            100, new String[] {"CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
            218, new String[] {"CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
            222, new String[] {"CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain."},
            400, new String[] {"CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
            500, new String[] {"CUDA_ERROR_NOT_FOUND", "named symbol not found"},
            700, new String[] {"CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"},
            999, new String[] {"CUDA_ERROR_UNKNOWN", "unknown error"});
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)");

    /** A kernel written in Java: runs the whole launch, reading its arguments from the parameter array. */
    interface FakeKernel {
        void run(FakeCuda gpu, LaunchGeometry geometry, MemorySegment params);
    }

    /** One launch as the driver received it. */
    record Launch(String kernel, LaunchGeometry geometry, long stream, long context) {
    }

    /** One cuBLAS sgemm call as received (column-major arguments). */
    record BlasCall(int transa, int transb, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
                    float beta, long c, int ldc) {
    }

    private final Arena arena = Arena.ofShared();
    private final Map<String, MemorySegment> symbols = new HashMap<>();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, MemorySegment[]> errorText = new HashMap<>();

    // Settings a test may change before opening a device.
    int initResult = 0;
    int deviceCount = 1;
    int driverVersion = 12040;
    String deviceName = "Fake GPU";
    long totalMemory = 1L << 30;
    final Map<Integer, Integer> attributes = new HashMap<>(Map.of(
            CudaDriverApi.ATTR_MAX_THREADS_PER_BLOCK, 1024,
            CudaDriverApi.ATTR_MAX_BLOCK_DIM_X, 1024, CudaDriverApi.ATTR_MAX_BLOCK_DIM_Y, 1024,
            CudaDriverApi.ATTR_MAX_BLOCK_DIM_Z, 64,
            CudaDriverApi.ATTR_MAX_GRID_DIM_X, Integer.MAX_VALUE, CudaDriverApi.ATTR_MAX_GRID_DIM_Y, 65535,
            CudaDriverApi.ATTR_MAX_GRID_DIM_Z, 65535,
            CudaDriverApi.ATTR_CLOCK_RATE_KHZ, 1_500_000, CudaDriverApi.ATTR_MULTIPROCESSOR_COUNT, 4,
            CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MAJOR, 8));
    /** Returned by the next cuModuleLoadData instead of loading, when not 0. */
    int moduleLoadResult = 0;
    /** Returned by cublasCreate_v2 instead of creating a handle, when not 0. */
    int blasCreateResult = 0;
    /** Returned by every cuStreamSynchronize, when not 0 (an error of earlier asynchronous work). */
    int streamSyncResult = 0;

    // What happened.
    private final TreeMap<Long, MemorySegment> allocations = new TreeMap<>();
    private final Map<Long, Set<String>> modules = new HashMap<>();
    private final Map<Long, String> functions = new HashMap<>();
    private final Set<Long> streams = new HashSet<>();
    private final Set<Long> blasHandles = new HashSet<>();
    private final Map<String, FakeKernel> kernels = new HashMap<>();
    final List<Launch> launches = new ArrayList<>();
    final List<BlasCall> blasCalls = new ArrayList<>();
    final List<String> loadedImages = new ArrayList<>();
    int contextRetains, contextReleases, streamSyncs;
    private long currentContext;
    private long nextHandle = 0x1000;

    FakeCuda() {
        attributes.put(CudaDriverApi.ATTR_COMPUTE_CAPABILITY_MINOR, 6);
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<NativeFunction> all = new ArrayList<>(CudaDriverApi.ALL);
        all.addAll(CublasApi.ALL);
        try {
            MethodHandle onFailure = lookup.findVirtual(FakeCuda.class, "recordFailure",
                    MethodType.methodType(int.class, Throwable.class)).bindTo(this);
            for (NativeFunction f : all) {
                MethodType type = f.descriptor().toMethodType();
                MethodHandle target = lookup.findVirtual(FakeCuda.class, f.symbol(), type).bindTo(this);
                MethodHandle handler = MethodHandles.dropArguments(onFailure, 1, type.parameterList());
                MethodHandle safe = MethodHandles.catchException(target, Throwable.class, handler);
                symbols.put(f.symbol(), linker.upcallStub(safe, f.descriptor(), arena));
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the fake lacks a function of the binding tables", e);
        }
    }

    /** The fake's exported functions. */
    SymbolLookup lookup() {
        return name -> Optional.ofNullable(symbols.get(name));
    }

    /** The fake's exported functions except {@code missing}. */
    SymbolLookup lookupWithout(String missing) {
        return name -> name.equals(missing) ? Optional.empty() : Optional.ofNullable(symbols.get(name));
    }

    NativeLibrary driverLibrary() {
        return new NativeLibrary("fake CUDA driver", "fake-libcuda.so.1", lookup());
    }

    NativeLibrary blasLibrary() {
        return new NativeLibrary("fake cuBLAS", "fake-libcublas.so", lookup());
    }

    void kernel(String name, FakeKernel kernel) {
        kernels.put(name, kernel);
    }

    /** Exceptions thrown inside fake functions (bugs in the caller's arguments or in the fake). */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Device allocations not freed, modules not unloaded, streams and handles not destroyed, contexts not released. */
    List<String> leaks() {
        List<String> out = new ArrayList<>();
        if (!allocations.isEmpty()) out.add(allocations.size() + " allocations");
        if (!modules.isEmpty()) out.add(modules.size() + " modules");
        if (!streams.isEmpty()) out.add(streams.size() + " streams");
        if (!blasHandles.isEmpty()) out.add(blasHandles.size() + " cuBLAS handles");
        if (contextRetains != contextReleases) out.add((contextRetains - contextReleases) + " context retains");
        return out;
    }

    int liveAllocations() {
        return allocations.size();
    }

    /** {@code count} floats of device memory at {@code pointer}, which must lie inside one allocation. */
    MemorySegment floats(long pointer, long count) {
        return region(pointer, count * Float.BYTES);
    }

    /** Device memory from {@code pointer} to the end of its allocation. */
    MemorySegment from(long pointer) {
        Map.Entry<Long, MemorySegment> e = allocations.floorEntry(pointer);
        if (e == null || pointer > e.getKey() + e.getValue().byteSize()) {
            throw new IndexOutOfBoundsException("device pointer 0x" + Long.toHexString(pointer) + " is outside every allocation");
        }
        return e.getValue().asSlice(pointer - e.getKey());
    }

    static long pointerArg(MemorySegment params, int i) {
        return arg(params, i, 8).get(JAVA_LONG, 0);
    }

    static int intArg(MemorySegment params, int i) {
        return arg(params, i, 4).get(JAVA_INT, 0);
    }

    static float floatArg(MemorySegment params, int i) {
        return arg(params, i, 4).get(JAVA_FLOAT, 0);
    }

    @SuppressWarnings("restricted")
    private static MemorySegment arg(MemorySegment params, int i, int bytes) {
        return params.reinterpret(8L * (i + 1)).getAtIndex(ADDRESS, i).reinterpret(bytes);
    }

    @Override
    public void close() {
        arena.close();
    }

    // ---- the CUDA driver ----

    int cuInit(int flags) {
        return flags == 0 ? initResult : CUDA_ERROR_INVALID_VALUE;
    }

    int cuDriverGetVersion(MemorySegment out) {
        put(out, driverVersion);
        return 0;
    }

    int cuDeviceGetCount(MemorySegment out) {
        put(out, deviceCount);
        return 0;
    }

    int cuDeviceGet(MemorySegment out, int ordinal) {
        if (ordinal < 0 || ordinal >= deviceCount) return CUDA_ERROR_INVALID_VALUE;
        put(out, ordinal);
        return 0;
    }

    @SuppressWarnings("restricted")
    int cuDeviceGetName(MemorySegment out, int length, int device) {
        byte[] bytes = (deviceName + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > length) return CUDA_ERROR_INVALID_VALUE;
        MemorySegment.copy(bytes, 0, out.reinterpret(length), JAVA_BYTE, 0, bytes.length);
        return 0;
    }

    int cuDeviceGetAttribute(MemorySegment out, int attribute, int device) {
        Integer value = attributes.get(attribute);
        if (value == null) return CUDA_ERROR_INVALID_VALUE;
        put(out, value);
        return 0;
    }

    int cuDeviceTotalMem_v2(MemorySegment out, int device) {
        putLong(out, totalMemory);
        return 0;
    }

    int cuDevicePrimaryCtxRetain(MemorySegment out, int device) {
        contextRetains++;
        putAddress(out, 0xC0000 + device);
        return 0;
    }

    int cuDevicePrimaryCtxRelease_v2(int device) {
        contextReleases++;
        return 0;
    }

    int cuCtxSetCurrent(MemorySegment context) {
        currentContext = context.address();
        return 0;
    }

    int cuStreamCreate(MemorySegment out, int flags) {
        if (currentContext == 0) return CUDA_ERROR_INVALID_VALUE;
        long handle = nextHandle++;
        streams.add(handle);
        putAddress(out, handle);
        return 0;
    }

    int cuStreamSynchronize(MemorySegment stream) {
        if (!streams.contains(stream.address())) return CUDA_ERROR_INVALID_HANDLE;
        streamSyncs++;
        return streamSyncResult;
    }

    int cuStreamDestroy_v2(MemorySegment stream) {
        return streams.remove(stream.address()) ? 0 : CUDA_ERROR_INVALID_HANDLE;
    }

    int cuMemAlloc_v2(MemorySegment out, long bytes) {
        if (bytes <= 0) return CUDA_ERROR_INVALID_VALUE;
        MemorySegment memory = arena.allocate(bytes, 256);
        memory.fill((byte) 0x7f); // fresh device memory holds garbage, so zeroing must be done by the caller
        allocations.put(memory.address(), memory);
        putLong(out, memory.address());
        return 0;
    }

    int cuMemFree_v2(long pointer) {
        return allocations.remove(pointer) != null ? 0 : CUDA_ERROR_INVALID_VALUE;
    }

    int cuMemsetD32Async(long pointer, int value, long count, MemorySegment stream) {
        if (!streams.contains(stream.address())) return CUDA_ERROR_INVALID_HANDLE;
        MemorySegment target = region(pointer, count * 4);
        for (long i = 0; i < count; i++) target.setAtIndex(JAVA_INT, i, value);
        return 0;
    }

    @SuppressWarnings("restricted")
    int cuMemcpyHtoDAsync_v2(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        if (!streams.contains(stream.address())) return CUDA_ERROR_INVALID_HANDLE;
        region(dst, bytes).copyFrom(src.reinterpret(bytes));
        return 0;
    }

    @SuppressWarnings("restricted")
    int cuMemcpyDtoHAsync_v2(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        if (!streams.contains(stream.address())) return CUDA_ERROR_INVALID_HANDLE;
        dst.reinterpret(bytes).copyFrom(region(src, bytes));
        return 0;
    }

    int cuModuleLoadData(MemorySegment out, MemorySegment image) {
        if (moduleLoadResult != 0) return moduleLoadResult;
        String ptx = NativeStrings.read(image);
        loadedImages.add(ptx);
        Set<String> entries = new LinkedHashSet<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) entries.add(m.group(1));
        if (entries.isEmpty()) return CudaDriverApi.CUDA_ERROR_INVALID_PTX;
        long handle = nextHandle++;
        modules.put(handle, entries);
        putAddress(out, handle);
        return 0;
    }

    int cuModuleUnload(MemorySegment module) {
        return modules.remove(module.address()) != null ? 0 : CUDA_ERROR_INVALID_HANDLE;
    }

    int cuModuleGetFunction(MemorySegment out, MemorySegment module, MemorySegment name) {
        Set<String> entries = modules.get(module.address());
        if (entries == null) return CUDA_ERROR_INVALID_HANDLE;
        String n = NativeStrings.read(name);
        if (!entries.contains(n)) return CUDA_ERROR_NOT_FOUND;
        long handle = nextHandle++;
        functions.put(handle, n);
        putAddress(out, handle);
        return 0;
    }

    int cuLaunchKernel(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                       int sharedBytes, MemorySegment stream, MemorySegment params, MemorySegment extra) {
        String name = functions.get(function.address());
        if (name == null || !streams.contains(stream.address()) || extra.address() != 0 || sharedBytes != 0) {
            return CUDA_ERROR_INVALID_VALUE;
        }
        LaunchGeometry g = new LaunchGeometry(gridX, gridY, gridZ, blockX, blockY, blockZ);
        launches.add(new Launch(name, g, stream.address(), currentContext));
        FakeKernel kernel = kernels.get(name);
        if (kernel == null) throw new IllegalStateException("the fake has no Java kernel named " + name);
        kernel.run(this, g, params);
        return 0;
    }

    int cuGetErrorName(int code, MemorySegment out) {
        return errorText(code, 0, out);
    }

    int cuGetErrorString(int code, MemorySegment out) {
        return errorText(code, 1, out);
    }

    private int errorText(int code, int which, MemorySegment out) {
        String[] text = ERRORS.get(code);
        if (text == null) return CUDA_ERROR_INVALID_VALUE;
        MemorySegment[] strings = errorText.computeIfAbsent(code,
                c -> new MemorySegment[] {arena.allocateFrom(text[0]), arena.allocateFrom(text[1])});
        putAddress(out, strings[which].address());
        return 0;
    }

    // ---- cuBLAS ----

    int cublasCreate_v2(MemorySegment out) {
        if (currentContext == 0) return CUBLAS_STATUS_NOT_INITIALIZED;
        if (blasCreateResult != 0) return blasCreateResult;
        long handle = nextHandle++;
        blasHandles.add(handle);
        putAddress(out, handle);
        return 0;
    }

    int cublasDestroy_v2(MemorySegment handle) {
        return blasHandles.remove(handle.address()) ? 0 : CUBLAS_STATUS_NOT_INITIALIZED;
    }

    int cublasSetStream_v2(MemorySegment handle, MemorySegment stream) {
        return blasHandles.contains(handle.address()) && streams.contains(stream.address()) ? 0 : CUBLAS_STATUS_INVALID_VALUE;
    }

    /** Column-major reference sgemm, written from the BLAS definition; checks arguments as cuBLAS does. */
    @SuppressWarnings("restricted")
    int cublasSgemm_v2(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alphaPtr,
                       MemorySegment aPtr, int lda, MemorySegment bPtr, int ldb, MemorySegment betaPtr,
                       MemorySegment cPtr, int ldc) {
        if (!blasHandles.contains(handle.address())) return CUBLAS_STATUS_NOT_INITIALIZED;
        boolean ta = transa == CublasApi.CUBLAS_OP_T, tb = transb == CublasApi.CUBLAS_OP_T;
        if ((transa != CublasApi.CUBLAS_OP_N && !ta) || (transb != CublasApi.CUBLAS_OP_N && !tb)) return CUBLAS_STATUS_INVALID_VALUE;
        if (m < 0 || n < 0 || k < 0) return CUBLAS_STATUS_INVALID_VALUE;
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        if (lda < Math.max(1, aRows) || ldb < Math.max(1, bRows) || ldc < Math.max(1, m)) return CUBLAS_STATUS_INVALID_VALUE;
        float alpha = alphaPtr.reinterpret(4).get(JAVA_FLOAT, 0), beta = betaPtr.reinterpret(4).get(JAVA_FLOAT, 0);
        blasCalls.add(new BlasCall(transa, transb, m, n, k, alpha, aPtr.address(), lda, bPtr.address(), ldb, beta,
                cPtr.address(), ldc));
        if (m == 0 || n == 0) return 0;
        MemorySegment a = aRows * aCols == 0 ? null : floats(aPtr.address(), (long) (aCols - 1) * lda + aRows);
        MemorySegment b = bRows * bCols == 0 ? null : floats(bPtr.address(), (long) (bCols - 1) * ldb + bRows);
        MemorySegment c = floats(cPtr.address(), (long) (n - 1) * ldc + m);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    float x = ta ? a.getAtIndex(JAVA_FLOAT, i * (long) lda + l) : a.getAtIndex(JAVA_FLOAT, l * (long) lda + i);
                    float y = tb ? b.getAtIndex(JAVA_FLOAT, l * (long) ldb + j) : b.getAtIndex(JAVA_FLOAT, j * (long) ldb + l);
                    sum += (double) x * y;
                }
                long at = j * (long) ldc + i;
                double old = beta == 0 ? 0 : (double) beta * c.getAtIndex(JAVA_FLOAT, at);
                c.setAtIndex(JAVA_FLOAT, at, (float) (alpha * sum + old));
            }
        }
        return 0;
    }

    // ---- helpers ----

    int recordFailure(Throwable t) {
        failures.add(t);
        return CUDA_ERROR_UNKNOWN;
    }

    private MemorySegment region(long pointer, long bytes) {
        Map.Entry<Long, MemorySegment> e = allocations.floorEntry(pointer);
        if (e == null || pointer + bytes > e.getKey() + e.getValue().byteSize()) {
            throw new IndexOutOfBoundsException("device access of " + bytes + " bytes at 0x" + Long.toHexString(pointer)
                    + " is outside every allocation");
        }
        return e.getValue().asSlice(pointer - e.getKey(), bytes);
    }

    @SuppressWarnings("restricted")
    private static void put(MemorySegment out, int value) {
        out.reinterpret(4).set(JAVA_INT, 0, value);
    }

    @SuppressWarnings("restricted")
    private static void putLong(MemorySegment out, long value) {
        out.reinterpret(8).set(JAVA_LONG, 0, value);
    }

    @SuppressWarnings("restricted")
    private static void putAddress(MemorySegment out, long value) {
        out.reinterpret(8).set(ADDRESS, 0, MemorySegment.ofAddress(value));
    }
}
