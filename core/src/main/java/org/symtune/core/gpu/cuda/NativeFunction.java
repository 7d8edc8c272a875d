package org.symtune.core.gpu.cuda;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.util.Objects;

/**
 * One C function of a native library: its exported symbol and its signature. The binding tables of the
 * driver, NVRTC and cuBLAS are lists of these, so the tables can be checked without the libraries.
 *
 * @param optional true when older versions of the library lack the symbol and callers cope without it
 */
record NativeFunction(String symbol, FunctionDescriptor descriptor, boolean optional) {

    NativeFunction {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /** A function every supported version of the library exports. */
    static NativeFunction required(String symbol, MemoryLayout result, MemoryLayout... args) {
        return new NativeFunction(symbol, FunctionDescriptor.of(result, args), false);
    }

    /** A function only newer versions export. */
    static NativeFunction optional(String symbol, MemoryLayout result, MemoryLayout... args) {
        return new NativeFunction(symbol, FunctionDescriptor.of(result, args), true);
    }
}
