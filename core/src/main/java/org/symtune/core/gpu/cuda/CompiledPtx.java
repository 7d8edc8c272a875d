package org.symtune.core.gpu.cuda;

import java.util.Map;

/**
 * The result of a run-time compilation.
 *
 * @param ptx          the PTX text
 * @param loweredNames for each requested kernel name, the symbol it has in the PTX (the name itself for
 *                     {@code extern "C"} kernels, a mangled C++ name otherwise)
 * @param log          the compiler's warnings, empty when there were none
 */
record CompiledPtx(String ptx, Map<String, String> loweredNames, String log) {
    CompiledPtx {
        loweredNames = Map.copyOf(loweredNames);
    }
}
