package org.symtune.core.gpu.cuda;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a {@link CudaDevice} gets its parts: the driver library (loaded when the device opens), the PTX
 * compiler (loaded at the first compile) and cuBLAS (looked for at the first sgemm; without it sgemm runs the
 * shared tiled kernel). Production reads them from system properties; tests put fakes in.
 *
 * @param driver   the CUDA driver library
 * @param compiler the PTX compiler
 * @param cublas   cuBLAS, or empty when it is absent or turned off
 */
record CudaSetup(Supplier<NativeLibrary> driver, Supplier<PtxCompiler> compiler, Supplier<Optional<Cublas>> cublas) {

    /** The libraries named by the {@code symtune.cuda.*} properties, else found by searching. */
    static CudaSetup fromSystemProperties() {
        return new CudaSetup(
                () -> CudaLibraries.driver().load(System.getProperty(CudaLibraries.DRIVER_PROPERTY)),
                () -> Nvrtc.load(CudaLibraries.nvrtc().load(System.getProperty(CudaLibraries.NVRTC_PROPERTY))),
                () -> cublas(System.getProperty(CudaLibraries.CUBLAS_PROPERTY)));
    }

    /**
     * cuBLAS as the property asks: {@code none} or {@code off} turns it off, a path or name must load, and
     * no value means search and use it if found.
     */
    static Optional<Cublas> cublas(String property) {
        String value = property == null ? "" : property.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("none") || lower.equals("off")) return Optional.empty();
        return CudaLibraries.cublas().find(value).map(Cublas::new);
    }
}
