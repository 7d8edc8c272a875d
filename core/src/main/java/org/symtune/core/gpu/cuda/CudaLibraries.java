package org.symtune.core.gpu.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the three CUDA libraries are looked for and what to install when they are missing. The driver
 * ({@code libcuda.so.1}) ships with the NVIDIA kernel driver; NVRTC and cuBLAS ship with the CUDA toolkit.
 */
final class CudaLibraries {
    /** Names the CUDA driver library (path or loader name) instead of searching. */
    static final String DRIVER_PROPERTY = "symtune.cuda.driver";
    /** Names the NVRTC library instead of searching. */
    static final String NVRTC_PROPERTY = "symtune.cuda.nvrtc";
    /** Names the cuBLAS library instead of searching; {@code none} turns cuBLAS off. */
    static final String CUBLAS_PROPERTY = "symtune.cuda.cublas";

    static final String DRIVER_WHAT = "CUDA driver library libcuda.so.1";
    static final String NVRTC_WHAT = "NVRTC library libnvrtc.so";
    static final String CUBLAS_WHAT = "cuBLAS library libcublas.so";

    static final String DRIVER_INSTALL = "libcuda.so.1 is installed with the NVIDIA driver (Debian: nvidia-driver,"
            + " which brings libcuda1, from the non-free section; or NVIDIA's driver packages); a container also needs"
            + " the driver mounted in, e.g. by the NVIDIA container toolkit.";
    static final String NVRTC_INSTALL = "NVRTC, the CUDA run-time compiler, comes with the CUDA toolkit (Debian non-free:"
            + " libnvrtc11.2 or libnvrtc12, also pulled in by nvidia-cuda-toolkit; or NVIDIA's cuda-nvrtc-<version>"
            + " package). Its major version must not be newer than the driver's CUDA version.";
    static final String CUBLAS_INSTALL = "cuBLAS is optional (without it sgemm runs the tiled GEMM kernel); it comes"
            + " with the CUDA toolkit (Debian non-free: libcublas11 or libcublas12; or NVIDIA's libcublas-<version>"
            + " package). -D" + CUBLAS_PROPERTY + "=none turns it off.";

    private CudaLibraries() {
    }

    /** The CUDA driver API. */
    static LibrarySearch driver() {
        return new LibrarySearch(DRIVER_WHAT, DRIVER_PROPERTY,
                List.of("libcuda.so.1", "libcuda.so"), Pattern.compile("libcuda\\.so(\\.\\d+)*"),
                directories(), DRIVER_INSTALL);
    }

    /** NVRTC; the bare name is the toolkit's development link, the versioned names its run-time packages. */
    static LibrarySearch nvrtc() {
        return new LibrarySearch(NVRTC_WHAT, NVRTC_PROPERTY,
                List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1",
                        "libnvrtc.so.11.0", "libnvrtc.so.10.2"),
                Pattern.compile("libnvrtc\\.so(\\.\\d+)*"), directories(), NVRTC_INSTALL);
    }

    /** cuBLAS. */
    static LibrarySearch cublas() {
        return new LibrarySearch(CUBLAS_WHAT, CUBLAS_PROPERTY,
                List.of("libcublas.so", "libcublas.so.13", "libcublas.so.12", "libcublas.so.11"),
                Pattern.compile("libcublas\\.so(\\.\\d+)*"), directories(), CUBLAS_INSTALL);
    }

    /**
     * Install folders of the toolkit and the driver: {@code $CUDA_HOME} and {@code $CUDA_PATH}, NVIDIA's
     * {@code /usr/local/cuda}, Debian's multiarch folders (the driver also under {@code nvidia/current}),
     * other distributions' {@code /usr/lib64} and {@code /opt/cuda}, and WSL's driver folder.
     */
    static List<Path> directories() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        for (String env : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = System.getenv(env);
            if (home != null && !home.isBlank()) {
                dirs.add(Path.of(home, "lib64"));
                dirs.add(Path.of(home, "lib"));
            }
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/local/cuda/targets/" + (cpu.equals("aarch64") ? "sbsa" : cpu) + "-linux/lib"));
        dirs.add(Path.of("/usr/lib/" + cpu + "-linux-gnu"));
        dirs.add(Path.of("/usr/lib/" + cpu + "-linux-gnu/nvidia/current"));
        dirs.add(Path.of("/usr/lib64"));
        dirs.add(Path.of("/usr/lib"));
        dirs.add(Path.of("/opt/cuda/lib64"));
        dirs.add(Path.of("/usr/lib/wsl/lib"));
        return new ArrayList<>(dirs);
    }
}
