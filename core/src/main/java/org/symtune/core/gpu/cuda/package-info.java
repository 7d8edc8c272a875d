/**
 * The CUDA backend of {@link org.symtune.core.gpu.ComputeDevice}: the CUDA driver API, NVRTC and cuBLAS bound
 * through {@code java.lang.foreign}, each library loaded only when it is first needed. Binding tables
 * ({@code CudaDriverApi}, {@code NvrtcApi}, {@code CublasApi}) list every C function with its signature;
 * the pure parts (launch geometry, kernel-argument marshalling, architecture choice) are separate classes so
 * they are tested without a GPU.
 */
package org.symtune.core.gpu.cuda;
