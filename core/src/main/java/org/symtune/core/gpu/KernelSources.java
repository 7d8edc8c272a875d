package org.symtune.core.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel sources, resources under {@value #DIR}, written once in a shared dialect: each op file uses only
 * the macros of a prelude ({@code prelude-opencl.h} or {@code prelude-cuda.h}) and the helpers of
 * {@code common.h}, so the same text compiles as OpenCL C and as CUDA C++ (NVRTC). A program's source is the
 * API's prelude, then compile-time constants, then {@code common.h}, then the op files.
 */
public final class KernelSources {
    /** Where the kernel sources live on the class path. */
    public static final String DIR = "/org/symtune/core/gpu/kernels/";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private KernelSources() {
    }

    /**
     * The source of one program for {@code api} ({@code "opencl"} or {@code "cuda"}): prelude, one
     * {@code #define} per entry of {@code defines} (in iteration order), {@code common.h} and the op files.
     * Each file starts with a {@code #line} directive so compiler messages name the file and line.
     */
    public static String program(String api, Map<String, ?> defines, String... opFiles) {
        StringBuilder s = new StringBuilder(prelude(api));
        for (Map.Entry<String, ?> d : defines.entrySet()) {
            s.append("#define ").append(d.getKey()).append(' ').append(d.getValue()).append('\n');
        }
        append(s, "common.h");
        for (String f : opFiles) append(s, f);
        return s.toString();
    }

    /** The prelude of {@code api}: the dialect's macros for OpenCL C or for CUDA. */
    public static String prelude(String api) {
        return switch (api) {
            case "opencl" -> read("prelude-opencl.h");
            case "cuda" -> read("prelude-cuda.h");
            default -> throw new IllegalArgumentException("no kernel prelude for API '" + api + "' (known: opencl, cuda)");
        };
    }

    /** The text of one kernel source file. */
    public static String read(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = KernelSources.class.getResourceAsStream(DIR + f)) {
                if (in == null) throw new IllegalArgumentException("no kernel source " + DIR + f + " on the class path");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kernel source " + DIR + f, e);
            }
        });
    }

    private static void append(StringBuilder s, String file) {
        s.append("#line 1 \"").append(file).append("\"\n").append(read(file));
        if (s.charAt(s.length() - 1) != '\n') s.append('\n');
    }
}
