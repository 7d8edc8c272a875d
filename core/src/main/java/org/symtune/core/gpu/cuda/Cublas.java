package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.symtune.core.gpu.NativeCalls;

/** cuBLAS bound through {@code java.lang.foreign}: a handle on one stream and column-major {@code sgemm}. */
final class Cublas {
    private final NativeLibrary library;
    private final MethodHandle create, destroy, setStream, sgemm;

    /**
     * Binds the functions of {@link CublasApi#ALL}.
     *
     * @throws org.symtune.core.gpu.GpuUnavailableException when one is missing
     */
    Cublas(NativeLibrary library) {
        this.library = library;
        create = library.bind(CublasApi.CREATE);
        destroy = library.bind(CublasApi.DESTROY);
        setStream = library.bind(CublasApi.SET_STREAM);
        sgemm = library.bind(CublasApi.SGEMM);
    }

    String library() {
        return library.where();
    }

    /** A new handle (on the context current on this thread) whose calls are queued on {@code stream}. */
    MemorySegment create(MemorySegment stream) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) create.invokeExact(out), "cublasCreate_v2");
            MemorySegment handle = out.get(ADDRESS, 0);
            check((int) setStream.invokeExact(handle, stream), "cublasSetStream_v2");
            return handle;
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    void destroy(MemorySegment handle) {
        try {
            check((int) destroy.invokeExact(handle), "cublasDestroy_v2");
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    /** Column-major {@code C = alpha·op(A)·op(B) + beta·C} on device pointers, op(A) m×k and op(B) k×n. */
    void sgemm(MemorySegment handle, boolean transA, boolean transB, int m, int n, int k,
               float alpha, long a, int lda, long b, int ldb, float beta, long c, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment alphaHost = arena.allocateFrom(JAVA_FLOAT, alpha), betaHost = arena.allocateFrom(JAVA_FLOAT, beta);
            check((int) sgemm.invokeExact(handle, transA ? CublasApi.CUBLAS_OP_T : CublasApi.CUBLAS_OP_N,
                    transB ? CublasApi.CUBLAS_OP_T : CublasApi.CUBLAS_OP_N, m, n, k, alphaHost,
                    MemorySegment.ofAddress(a), lda, MemorySegment.ofAddress(b), ldb, betaHost,
                    MemorySegment.ofAddress(c), ldc), "cublasSgemm_v2");
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    private static void check(int status, String function) {
        if (status == 0) return;
        String name = CublasApi.STATUS_NAMES.getOrDefault(status, "cublasStatus_t " + status);
        throw new CudaException(function, status, function + " failed: " + name);
    }
}
