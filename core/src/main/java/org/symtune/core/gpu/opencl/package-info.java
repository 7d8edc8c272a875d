/**
 * OpenCL through {@code java.lang.foreign}, without JNI: the OpenCL 1.2 calls symtune needs, bound to the ICD
 * loader ({@code libOpenCL.so.1}) only when {@link org.symtune.core.gpu.opencl.OpenClDevice#open()} is called,
 * and {@link org.symtune.core.gpu.opencl.OpenClDevice}, the {@link org.symtune.core.gpu.ComputeDevice} built on
 * them. Choose a device with {@code -Dsymtune.opencl.platform=i -Dsymtune.opencl.device=j} (or
 * {@code SYMTUNE_OPENCL_PLATFORM} / {@code SYMTUNE_OPENCL_DEVICE}); load another library with
 * {@code -Dsymtune.opencl.library=path}. On Debian/Ubuntu, {@code apt-get install ocl-icd-libopencl1
 * pocl-opencl-icd} gives a CPU device good enough for the tests.
 */
package org.symtune.core.gpu.opencl;
