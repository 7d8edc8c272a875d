package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import org.symtune.core.gpu.ComputeDeviceContractTest.TestProgram;
import org.symtune.core.gpu.TiledGemm;

/** CUDA C++ test kernels, and Java versions of them for {@link FakeCuda}. */
final class CudaTestPrograms {
    private CudaTestPrograms() {
    }

    /** The contract's {@code scale_add}: {@code x[i] = x[i] * s + i} for {@code i < n}. */
    static final TestProgram SCALE_ADD = new TestProgram("scale_add_test", """
            extern "C" __global__ void scale_add(float* x, int n, float s) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) x[i] = x[i] * s + (float) i;
            }
            """, "scale_add");

    /** Runs {@link #SCALE_ADD} thread by thread, as the GPU would. */
    static void scaleAdd(FakeCuda gpu, LaunchGeometry g, MemorySegment params) {
        long x = FakeCuda.pointerArg(params, 0);
        int n = FakeCuda.intArg(params, 1);
        float s = FakeCuda.floatArg(params, 2);
        MemorySegment data = n > 0 ? gpu.floats(x, n) : null;
        for (int block = 0; block < g.gridX(); block++) {
            for (int thread = 0; thread < g.blockX(); thread++) {
                int i = block * g.blockX() + thread;
                if (i < n) data.setAtIndex(JAVA_FLOAT, i, data.getAtIndex(JAVA_FLOAT, i) * s + (float) i);
            }
        }
    }

    /**
     * The shared tiled GEMM kernel's contract, in Java: parameters
     * {@code (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)}, row-major;
     * each work group of {@value TiledGemm#GROUP}² items computes the {@value TiledGemm#TILE}²
     * block of C at (group 1 · TILE, group 0 · TILE), so a launch with too few groups leaves C unfinished.
     */
    static void tiledGemm(FakeCuda gpu, LaunchGeometry g, MemorySegment params) {
        if (g.blockX() != TiledGemm.GROUP || g.blockY() != TiledGemm.GROUP) {
            throw new IllegalStateException("gemm launched with blocks of " + g.blockX() + "x" + g.blockY());
        }
        boolean ta = FakeCuda.intArg(params, 0) != 0, tb = FakeCuda.intArg(params, 1) != 0;
        int m = FakeCuda.intArg(params, 2), n = FakeCuda.intArg(params, 3), k = FakeCuda.intArg(params, 4);
        float alpha = FakeCuda.floatArg(params, 5), beta = FakeCuda.floatArg(params, 12);
        // Like the kernel, touch A and B only when there is something to read (k = 0 allows empty buffers).
        MemorySegment a = k == 0 ? null : gpu.from(FakeCuda.pointerArg(params, 6));
        MemorySegment b = k == 0 ? null : gpu.from(FakeCuda.pointerArg(params, 9));
        MemorySegment c = gpu.from(FakeCuda.pointerArg(params, 13));
        int aOff = FakeCuda.intArg(params, 7), lda = FakeCuda.intArg(params, 8);
        int bOff = FakeCuda.intArg(params, 10), ldb = FakeCuda.intArg(params, 11);
        int cOff = FakeCuda.intArg(params, 14), ldc = FakeCuda.intArg(params, 15);
        int tile = TiledGemm.TILE;
        for (int gy = 0; gy < g.gridY(); gy++) {
            for (int gx = 0; gx < g.gridX(); gx++) {
                for (int i = gy * tile; i < Math.min(m, (gy + 1) * tile); i++) {
                    for (int j = gx * tile; j < Math.min(n, (gx + 1) * tile); j++) {
                        double sum = 0;
                        for (int l = 0; l < k; l++) {
                            float x = a.getAtIndex(JAVA_FLOAT, aOff + (ta ? (long) l * lda + i : (long) i * lda + l));
                            float y = b.getAtIndex(JAVA_FLOAT, bOff + (tb ? (long) j * ldb + l : (long) l * ldb + j));
                            sum += (double) x * y;
                        }
                        long at = cOff + (long) i * ldc + j;
                        double old = beta == 0 ? 0 : (double) beta * c.getAtIndex(JAVA_FLOAT, at);
                        c.setAtIndex(JAVA_FLOAT, at, (float) (alpha * sum + old));
                    }
                }
            }
        }
    }
}
