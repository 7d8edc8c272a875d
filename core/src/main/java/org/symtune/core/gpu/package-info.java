/**
 * GPU offload through {@code java.lang.foreign}: the {@link org.symtune.core.gpu.ComputeDevice} contract, and
 * its OpenCL and CUDA implementations in the sub-packages. Kernel sources are resources written once in a small
 * shared dialect ({@link org.symtune.core.gpu.KernelSources}) and compiled by each API's run-time compiler.
 * {@link org.symtune.core.gpu.DeviceOps} launches them: every op of the CPU
 * {@link org.symtune.core.backend.Backend}, forward and backward, and Adafactor, on device-resident buffers.
 */
package org.symtune.core.gpu;
