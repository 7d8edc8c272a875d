package org.symtune.core.gpu.cuda;

import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.Optional;
import org.symtune.core.gpu.GpuUnavailableException;

/**
 * A native library opened for binding: its symbols, and where it came from for messages.
 *
 * @param what  what the library is, for messages (e.g. {@code "CUDA driver"})
 * @param where the name or path it was loaded from
 */
record NativeLibrary(String what, String where, SymbolLookup lookup) {

    NativeLibrary {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * A downcall handle for a required function.
     *
     * @throws GpuUnavailableException when the library does not export it (a version too old, or not the
     *                                 library it claims to be)
     */
    MethodHandle bind(NativeFunction function) {
        return bindIfPresent(function).orElseThrow(() -> new GpuUnavailableException(what + " at " + where
                + " does not export " + function.symbol() + ": it is too old or not the " + what + " library"));
    }

    /** A downcall handle for the function, or empty when the library does not export it. */
    @SuppressWarnings("restricted") // native access is enabled by the build, the tests and the launcher
    Optional<MethodHandle> bindIfPresent(NativeFunction function) {
        return lookup.find(function.symbol())
                .map(address -> Linker.nativeLinker().downcallHandle(address, function.descriptor()));
    }
}
