package org.symtune.core.gpu.cuda;

import java.util.List;

/** Compiles CUDA C++ source to PTX at run time; NVRTC in production. */
interface PtxCompiler {

    /** What compiles, for logs, e.g. {@code "NVRTC 12.4 (libnvrtc.so.12)"}. */
    String description();

    /** The virtual architectures it can target as {@code 10·major + minor}, ascending; empty when it cannot tell. */
    int[] supportedArchitectures();

    /**
     * Compiles {@code source} for the virtual architecture {@code compute_<architecture>}.
     *
     * @param kernelNames the kernels whose exported (lowered) names are wanted
     * @throws IllegalArgumentException when the source does not compile; the message carries the compiler's log
     */
    CompiledPtx compile(String programName, String source, List<String> kernelNames, int architecture);
}
