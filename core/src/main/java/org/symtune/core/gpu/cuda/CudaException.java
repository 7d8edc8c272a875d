package org.symtune.core.gpu.cuda;

/** A CUDA driver, NVRTC or cuBLAS call returned an error code; the message gives the call and the code's name. */
public final class CudaException extends RuntimeException {
    private final String function;
    private final int code;

    CudaException(String function, int code, String message) {
        super(message);
        this.function = function;
        this.code = code;
    }

    /** The C function that failed, e.g. {@code cuMemAlloc_v2}. */
    public String function() {
        return function;
    }

    /** The error code it returned ({@code CUresult}, {@code nvrtcResult} or {@code cublasStatus_t}). */
    public int code() {
        return code;
    }
}
