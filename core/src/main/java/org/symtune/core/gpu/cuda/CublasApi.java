package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.symtune.core.gpu.cuda.NativeFunction.required;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;

/**
 * The functions of cuBLAS ({@code libcublas.so}) that symtune calls. Each returns a {@code cublasStatus_t}
 * ({@code int}, 0 on success); {@code cublasHandle_t} and {@code cudaStream_t} are pointers, and so are the
 * matrices, which are device pointers.
 */
final class CublasApi {
    private static final ValueLayout.OfInt STATUS = JAVA_INT;
    private static final ValueLayout.OfInt INT = JAVA_INT;
    private static final AddressLayout PTR = ADDRESS;

    static final NativeFunction CREATE = required("cublasCreate_v2", STATUS, PTR);
    static final NativeFunction DESTROY = required("cublasDestroy_v2", STATUS, PTR);
    static final NativeFunction SET_STREAM = required("cublasSetStream_v2", STATUS, PTR, PTR);
    /**
     * {@code (handle, transa, transb, m, n, k, const float* alpha, A, lda, B, ldb, const float* beta, C, ldc)},
     * column-major, alpha and beta read from host memory (the default pointer mode).
     */
    static final NativeFunction SGEMM = required("cublasSgemm_v2", STATUS,
            PTR, INT, INT, INT, INT, INT, PTR, PTR, INT, PTR, INT, PTR, PTR, INT);

    /** Every function above, in the order they are bound. */
    static final List<NativeFunction> ALL = List.of(CREATE, DESTROY, SET_STREAM, SGEMM);

    static final int CUBLAS_OP_N = 0;
    static final int CUBLAS_OP_T = 1;

    /** {@code cublasStatus_t} names (cublas_api.h); older libraries lack {@code cublasGetStatusName}. */
    static final Map<Integer, String> STATUS_NAMES = Map.of(
            0, "CUBLAS_STATUS_SUCCESS",
            1, "CUBLAS_STATUS_NOT_INITIALIZED",
            3, "CUBLAS_STATUS_ALLOC_FAILED",
            7, "CUBLAS_STATUS_INVALID_VALUE",
            8, "CUBLAS_STATUS_ARCH_MISMATCH",
            11, "CUBLAS_STATUS_MAPPING_ERROR",
            13, "CUBLAS_STATUS_EXECUTION_FAILED",
            14, "CUBLAS_STATUS_INTERNAL_ERROR",
            15, "CUBLAS_STATUS_NOT_SUPPORTED",
            16, "CUBLAS_STATUS_LICENSE_ERROR");

    private CublasApi() {
    }
}
