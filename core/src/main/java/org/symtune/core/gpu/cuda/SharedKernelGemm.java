package org.symtune.core.gpu.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.symtune.core.gpu.ComputeDevice;

/**
 * {@code sgemm} by the tiled GEMM kernel of the shared kernel sources, launched through the generic
 * {@link ComputeDevice#compile}/{@link ComputeDevice#launch} path, for devices without cuBLAS. This class is
 * the only place that knows the kernel's file, name, parameters and launch shape: kernel {@value #KERNEL}
 * in {@value #FILE} under {@value #DIR}, compiled after the CUDA prelude and {@code common.h};
 * parameters {@code (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)}; work
 * groups of {@value #THREADS}×{@value #THREADS} items, each computing a {@value #TILE}×{@value #TILE} block
 * of C, dimension 0 over columns and 1 over rows.
 */
final class SharedKernelGemm implements GemmRoute {
    static final String DIR = "/org/symtune/core/gpu/kernels/";
    static final String FILE = "gemm.c";
    static final String KERNEL = "gemm";
    static final int THREADS = 16;
    static final int TILE = 64;

    private final ComputeDevice device;
    private final ComputeDevice.Kernel kernel;

    /** Compiles the kernel for {@code device}. */
    SharedKernelGemm(ComputeDevice device) {
        this(device, source());
    }

    /** Compiles {@code source}, which must define the kernel above, for {@code device}. */
    SharedKernelGemm(ComputeDevice device, String source) {
        this.device = device;
        this.kernel = device.compile(KERNEL, source, List.of(KERNEL)).kernel(KERNEL);
    }

    /** The CUDA program text: the CUDA prelude, the shared helpers, the GEMM file, each under a {@code #line} mark. */
    static String source() {
        StringBuilder s = new StringBuilder();
        for (String file : List.of("prelude-cuda.h", "common.h", FILE)) {
            s.append("#line 1 \"").append(file).append("\"\n").append(read(file)).append('\n');
        }
        return s.toString();
    }

    @Override
    public String description() {
        return "shared kernel " + KERNEL + " (" + FILE + ")";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, CudaBuffer a, long aOff, int lda,
                      CudaBuffer b, long bOff, int ldb,
                      float beta, CudaBuffer c, long cOff, int ldc) {
        long[] global = {(long) ceilDiv(n, TILE) * THREADS, (long) ceilDiv(m, TILE) * THREADS};
        device.launch(kernel, global, new long[] {THREADS, THREADS},
                transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
                a, intOffset("A", aOff, a), lda, b, intOffset("B", bOff, b), ldb,
                beta, c, intOffset("C", cOff, c), ldc);
    }

    @Override
    public void close() {
        // The program belongs to the device, which unloads it when it closes.
    }

    /** Kernels index with 32-bit ints, so every element they touch must have an int index. */
    private static int intOffset(String name, long off, CudaBuffer buffer) {
        if (buffer.count() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sgemm: " + name + " has " + buffer.count()
                    + " elements; the GEMM kernel indexes with 32-bit ints (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) off;
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }

    private static String read(String file) {
        try (InputStream in = SharedKernelGemm.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("cuda: no kernel source " + DIR + file + " on the class path, so sgemm"
                        + " cannot fall back to the shared GEMM kernel (install cuBLAS, or build with the kernel sources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + DIR + file, e);
        }
    }
}
