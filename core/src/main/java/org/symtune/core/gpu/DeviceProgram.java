package org.symtune.core.gpu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program of the shared kernel sources as the device ops build it: its name, the compile-time constants
 * defined before {@code common.h}, the op files, and the kernels it defines. {@link DeviceOps#programs()}
 * lists every one, so the set the ops compile can be checked without running them.
 *
 * @param name    program name, used by compilers in their messages
 * @param defines compile-time constants, defined in iteration order
 * @param files   op files under {@link KernelSources#DIR}, after the prelude and {@code common.h}
 * @param kernels the kernels the program defines
 */
public record DeviceProgram(String name, Map<String, ?> defines, List<String> files, List<String> kernels) {

    public DeviceProgram {
        Objects.requireNonNull(name, "name");
        defines = Collections.unmodifiableMap(new LinkedHashMap<>(defines));
        files = List.copyOf(files);
        kernels = List.copyOf(kernels);
        if (files.isEmpty()) throw new IllegalArgumentException("program " + name + ": no op files");
        if (kernels.isEmpty()) throw new IllegalArgumentException("program " + name + ": no kernels");
    }

    /** The source text for {@code api} ({@code "opencl"} or {@code "cuda"}), as {@link KernelSources#program} builds it. */
    public String source(String api) {
        return KernelSources.program(api, defines, files.toArray(String[]::new));
    }

    /** Compiles this program on {@code device}. */
    public ComputeDevice.KernelProgram compile(ComputeDevice device) {
        return device.compile(name, source(device.api()), kernels);
    }
}
