package org.symtune.core.gpu;

import java.util.List;

/**
 * One accelerator seen through a driver API (OpenCL or CUDA), reduced to what device-resident training
 * needs: buffers, uploads and downloads, kernels compiled at run time from the shared kernel sources,
 * launches, and a single-precision GEMM on device buffers.
 *
 * <p>Launch geometry follows OpenCL's NDRange: {@code global[i]} work items in dimension {@code i},
 * grouped into work groups of {@code local[i]} (each {@code global[i]} a multiple of {@code local[i]}).
 * A CUDA device maps this onto a grid of {@code global[i] / local[i]} blocks of {@code local[i]}
 * threads. All calls are issued on one in-order queue or stream, so a kernel sees the results of every
 * call issued before it; {@link #download} waits for them.
 *
 * <p>Implementations are loaded only when asked for and fail with a {@link GpuUnavailableException}
 * that says what is missing (library, device, compiler) and what to install.
 */
public interface ComputeDevice extends AutoCloseable {

    /** What this is, for logs and reports, e.g. {@code "opencl: Portable Computing Language / cpu-x86-64"}. */
    String name();

    /** The API behind it: {@code "opencl"} or {@code "cuda"}. */
    String api();

    /** A zero-filled buffer of {@code count} elements of 4 bytes (float32 or int32). */
    DeviceBuffer allocate(long count);

    /** Copies {@code src[srcOff .. srcOff + count)} into {@code dst} starting at element {@code dstOff}. */
    void upload(float[] src, int srcOff, DeviceBuffer dst, long dstOff, int count);

    /** Copies int32 data, as {@link #upload(float[], int, DeviceBuffer, long, int)}. */
    void upload(int[] src, int srcOff, DeviceBuffer dst, long dstOff, int count);

    /** Waits for pending work, then copies {@code count} elements of {@code src} from {@code srcOff} into {@code dst}. */
    void download(DeviceBuffer src, long srcOff, float[] dst, int dstOff, int count);

    /**
     * Compiles a program from kernel source text (the shared dialect, see the kernel sources' prelude)
     * and returns its kernels by name. Compile errors carry the compiler's log.
     */
    KernelProgram compile(String programName, String source, List<String> kernelNames);

    /**
     * Queues one kernel launch. Arguments are {@link DeviceBuffer}s, {@link Integer}s and {@link Float}s,
     * in the order of the kernel's parameters.
     */
    void launch(Kernel kernel, long[] global, long[] local, Object... args);

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} on row-major device buffers, with the arguments and
     * meaning of {@link org.symtune.core.backend.GemmKernels#sgemm} (offsets and strides in elements).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, DeviceBuffer a, long aOff, int lda,
               DeviceBuffer b, long bOff, int ldb,
               float beta, DeviceBuffer c, long cOff, int ldc);

    /** Waits until every queued call has finished. */
    void synchronize();

    /** Releases every buffer, program and queue of this device. */
    @Override
    void close();

    /** A compiled program: a set of kernels by name. */
    interface KernelProgram {
        Kernel kernel(String name);
    }

    /** A handle to one compiled kernel of a {@link KernelProgram}. */
    interface Kernel {
        String name();
    }
}
