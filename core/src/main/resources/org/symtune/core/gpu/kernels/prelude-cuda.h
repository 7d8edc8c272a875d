/*
 * The shared kernel dialect, CUDA flavour (compiled by NVRTC as CUDA C++). Every op file is written once
 * against these macros and compiles unchanged as OpenCL C (prelude-opencl.h) and as CUDA. Launches map
 * OpenCL's NDRange onto CUDA's grid: global size / local size blocks of local size threads per dimension.
 * Kernels are extern "C" so they keep their source names in the compiled module.
 */

/* Function kinds. */
#define KERNEL extern "C" __global__ void
#define DEVICE_FN static __device__ __forceinline__

/* Address spaces: global buffers, local (shared) arrays declared in a kernel, pointers to such arrays. */
#define GLOBAL
#define LOCAL_MEM __shared__
#define LOCAL_PTR
#define RESTRICT __restrict__

/* Work-item geometry as int, dimension d = 0, 1 or 2 (OpenCL's NDRange; CUDA's x, y, z). */
DEVICE_FN int symtune_dim3(unsigned int x, unsigned int y, unsigned int z, int d) {
    return (int) (d == 0 ? x : d == 1 ? y : z);
}
#define LOCAL_ID(d) symtune_dim3(threadIdx.x, threadIdx.y, threadIdx.z, d)
#define GROUP_ID(d) symtune_dim3(blockIdx.x, blockIdx.y, blockIdx.z, d)
#define LOCAL_SIZE(d) symtune_dim3(blockDim.x, blockDim.y, blockDim.z, d)
#define NUM_GROUPS(d) symtune_dim3(gridDim.x, gridDim.y, gridDim.z, d)
#define GLOBAL_ID(d) (GROUP_ID(d) * LOCAL_SIZE(d) + LOCAL_ID(d))

/* Waits for every item of the work group; local memory written before it is visible after it. */
#define BARRIER() __syncthreads()

/* Fixed-width integers; U64(c) writes a 64-bit unsigned constant. */
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;
#define U64(c) c##ULL

/* Single-precision math. */
#define EXP(x) expf(x)
#define LOG(x) logf(x)
#define SQRT(x) sqrtf(x)
#define TANH(x) tanhf(x)
#define ERF(x) erff(x)
#define ERFC(x) erfcf(x)
#define COS(x) cosf(x)
#define SIN(x) sinf(x)
#define POW(x, y) powf(x, y)
#define FMAX(x, y) fmaxf(x, y)
#define FMIN(x, y) fminf(x, y)
#define FABS(x) fabsf(x)
#define FMA(x, y, z) fmaf(x, y, z)
#define IS_NAN(x) ((x) != (x))
#define F_INF __int_as_float(0x7f800000)
#define F_NAN __int_as_float(0x7fffffff)
