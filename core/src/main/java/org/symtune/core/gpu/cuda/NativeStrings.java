package org.symtune.core.gpu.cuda;

import java.lang.foreign.MemorySegment;

/** Reads C strings that native libraries return by pointer. */
final class NativeStrings {
    private NativeStrings() {
    }

    /** The NUL-terminated UTF-8 string at {@code pointer}, or null for a null pointer. */
    @SuppressWarnings("restricted") // the libraries promise a terminated string; its length is found by scanning
    static String read(MemorySegment pointer) {
        if (pointer.address() == 0) return null;
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
