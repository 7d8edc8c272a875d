/**
 * GPU offload through {@code java.lang.foreign}: the {@link org.symtune.core.gpu.ComputeDevice} contract,
 * and its OpenCL and CUDA implementations in the sub-packages. Kernel sources are resources written once
 * in a small shared dialect and compiled by each API's run-time compiler.
 */
package org.symtune.core.gpu;
