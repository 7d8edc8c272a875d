/*
 * The shared kernel dialect, OpenCL C 1.2 flavour. Every op file is written once against these macros
 * and compiles unchanged as OpenCL C (this prelude) and as CUDA C++ through NVRTC (prelude-cuda.h).
 * Floating-point literals carry the f suffix everywhere: an unsuffixed literal is a double in OpenCL C.
 */

/* Function kinds. */
#define KERNEL __kernel void
#define DEVICE_FN static inline

/* Address spaces: global buffers, local (shared) arrays declared in a kernel, pointers to such arrays. */
#define GLOBAL __global
#define LOCAL_MEM __local
#define LOCAL_PTR __local
#define RESTRICT restrict

/* Work-item geometry as int, dimension d = 0, 1 or 2 (OpenCL's NDRange; CUDA's x, y, z). */
#define GLOBAL_ID(d) ((int) get_global_id(d))
#define LOCAL_ID(d) ((int) get_local_id(d))
#define GROUP_ID(d) ((int) get_group_id(d))
#define LOCAL_SIZE(d) ((int) get_local_size(d))
#define NUM_GROUPS(d) ((int) get_num_groups(d))

/* Waits for every item of the work group; local memory written before it is visible after it. */
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)

/* Fixed-width integers; U64(c) writes a 64-bit unsigned constant. */
typedef uint u32;
typedef ulong u64;
typedef long i64;
#define U64(c) c##UL

/* Single-precision math. */
#define EXP(x) exp(x)
#define LOG(x) log(x)
#define SQRT(x) sqrt(x)
#define TANH(x) tanh(x)
#define ERF(x) erf(x)
#define ERFC(x) erfc(x)
#define COS(x) cos(x)
#define SIN(x) sin(x)
#define POW(x, y) pow(x, y)
#define FMAX(x, y) fmax(x, y)
#define FMIN(x, y) fmin(x, y)
#define FABS(x) fabs(x)
#define FMA(x, y, z) fma(x, y, z)
#define IS_NAN(x) isnan(x)
#define F_INF INFINITY
#define F_NAN NAN
