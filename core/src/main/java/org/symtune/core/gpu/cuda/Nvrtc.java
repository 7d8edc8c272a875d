package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.symtune.core.gpu.NativeCalls;

/**
 * NVRTC bound through {@code java.lang.foreign}: compiles CUDA C++ to PTX without a GPU. Kernel names are
 * registered as name expressions, so both {@code extern "C"} and C++ (mangled) kernels are found.
 */
final class Nvrtc implements PtxCompiler {
    private final NativeLibrary library;
    private final MethodHandle version, getErrorString, createProgram, destroyProgram, compileProgram,
            getProgramLogSize, getProgramLog, getPtxSize, getPtx, addNameExpression, getLoweredName;
    private final Optional<MethodHandle> getNumSupportedArchs, getSupportedArchs;

    /**
     * Binds the functions of {@link NvrtcApi#ALL}.
     *
     * @throws org.symtune.core.gpu.GpuUnavailableException when a required one is missing
     */
    Nvrtc(NativeLibrary library) {
        this.library = library;
        version = library.bind(NvrtcApi.VERSION);
        getErrorString = library.bind(NvrtcApi.GET_ERROR_STRING);
        createProgram = library.bind(NvrtcApi.CREATE_PROGRAM);
        destroyProgram = library.bind(NvrtcApi.DESTROY_PROGRAM);
        compileProgram = library.bind(NvrtcApi.COMPILE_PROGRAM);
        getProgramLogSize = library.bind(NvrtcApi.GET_PROGRAM_LOG_SIZE);
        getProgramLog = library.bind(NvrtcApi.GET_PROGRAM_LOG);
        getPtxSize = library.bind(NvrtcApi.GET_PTX_SIZE);
        getPtx = library.bind(NvrtcApi.GET_PTX);
        addNameExpression = library.bind(NvrtcApi.ADD_NAME_EXPRESSION);
        getLoweredName = library.bind(NvrtcApi.GET_LOWERED_NAME);
        getNumSupportedArchs = library.bindIfPresent(NvrtcApi.GET_NUM_SUPPORTED_ARCHS);
        getSupportedArchs = library.bindIfPresent(NvrtcApi.GET_SUPPORTED_ARCHS);
    }

    /**
     * Binds NVRTC and, when it was loaded from a path, loads its companion {@code libnvrtc-builtins.so.X.Y}
     * from the same folder: NVRTC opens that library by name at its first compile, and the dynamic loader
     * finds it by name only if it is on the loader's path or already loaded.
     */
    static Nvrtc load(NativeLibrary library) {
        Nvrtc nvrtc = new Nvrtc(library);
        nvrtc.loadBuiltinsBeside();
        return nvrtc;
    }

    @SuppressWarnings("restricted") // native access is enabled by the build, the tests and the launcher
    private void loadBuiltinsBeside() {
        if (library.where().indexOf('/') < 0) return;
        Path dir = Path.of(library.where()).toAbsolutePath().getParent();
        int[] v = version();
        Path builtins = dir.resolve("libnvrtc-builtins.so." + v[0] + "." + v[1]);
        if (!Files.isRegularFile(builtins)) return;
        try {
            SymbolLookup.libraryLookup(builtins, Arena.global());
        } catch (IllegalArgumentException unloadable) {
            // NVRTC then reports NVRTC_ERROR_BUILTIN_OPERATION_FAILURE at compile time, with advice.
        }
    }

    /** NVRTC's version as {@code {major, minor}}. */
    int[] version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT), minor = arena.allocate(JAVA_INT);
            check((int) version.invokeExact(major, minor), "nvrtcVersion");
            return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    @Override
    public String description() {
        int[] v = version();
        return "NVRTC " + v[0] + "." + v[1] + " (" + library.where() + ")";
    }

    @Override
    public int[] supportedArchitectures() {
        if (getNumSupportedArchs.isEmpty() || getSupportedArchs.isEmpty()) return new int[0];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            check((int) getNumSupportedArchs.get().invokeExact(count), "nvrtcGetNumSupportedArchs");
            int n = count.get(JAVA_INT, 0);
            MemorySegment archs = arena.allocate(JAVA_INT, Math.max(1, n));
            check((int) getSupportedArchs.get().invokeExact(archs), "nvrtcGetSupportedArchs");
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = archs.getAtIndex(JAVA_INT, i);
            Arrays.sort(out);
            return out;
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    @Override
    public CompiledPtx compile(String programName, String source, List<String> kernelNames, int architecture) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment programOut = arena.allocate(ADDRESS);
            check((int) createProgram.invokeExact(programOut, arena.allocateFrom(source), arena.allocateFrom(programName),
                    0, MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment program = programOut.get(ADDRESS, 0);
            try {
                for (String name : kernelNames) {
                    check((int) addNameExpression.invokeExact(program, arena.allocateFrom(name)), "nvrtcAddNameExpression");
                }
                String option = NvrtcArch.option(architecture);
                MemorySegment options = arena.allocate(ADDRESS, 1);
                options.setAtIndex(ADDRESS, 0, arena.allocateFrom(option));
                int status = (int) compileProgram.invokeExact(program, 1, options);
                String log = log(program, arena);
                if (status == NvrtcApi.NVRTC_ERROR_COMPILATION) {
                    throw new IllegalArgumentException("NVRTC could not compile kernel program '" + programName + "' for compute_"
                            + architecture + ":\n" + log);
                }
                if (status != NvrtcApi.NVRTC_SUCCESS) {
                    throw new CudaException("nvrtcCompileProgram", status, "nvrtcCompileProgram failed on kernel program '"
                            + programName + "' with " + errorName(status) + " (option " + option + ")"
                            + (status == NvrtcApi.NVRTC_ERROR_BUILTIN_OPERATION_FAILURE ? builtinsAdvice() : "")
                            + (log.isEmpty() ? "" : ":\n" + log));
                }
                Map<String, String> lowered = new LinkedHashMap<>();
                for (String name : kernelNames) {
                    MemorySegment out = arena.allocate(ADDRESS);
                    check((int) getLoweredName.invokeExact(program, arena.allocateFrom(name), out), "nvrtcGetLoweredName");
                    lowered.put(name, NativeStrings.read(out.get(ADDRESS, 0)));
                }
                return new CompiledPtx(ptx(program, arena), lowered, log);
            } finally {
                check((int) destroyProgram.invokeExact(programOut), "nvrtcDestroyProgram");
            }
        } catch (Throwable e) {
            throw NativeCalls.unchecked(e);
        }
    }

    private String builtinsAdvice() {
        int[] v = version();
        return "; NVRTC could not load its libnvrtc-builtins.so." + v[0] + "." + v[1]
                + ", which must sit beside " + library.where() + " or on LD_LIBRARY_PATH";
    }

    private String log(MemorySegment program, Arena arena) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_LONG);
        check((int) getProgramLogSize.invokeExact(program, size), "nvrtcGetProgramLogSize");
        MemorySegment text = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        check((int) getProgramLog.invokeExact(program, text), "nvrtcGetProgramLog");
        return text.getString(0).strip();
    }

    private String ptx(MemorySegment program, Arena arena) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_LONG);
        check((int) getPtxSize.invokeExact(program, size), "nvrtcGetPTXSize");
        MemorySegment text = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        check((int) getPtx.invokeExact(program, text), "nvrtcGetPTX");
        return text.getString(0);
    }

    private void check(int status, String function) throws Throwable {
        if (status == NvrtcApi.NVRTC_SUCCESS) return;
        throw new CudaException(function, status, function + " failed: " + errorName(status));
    }

    private String errorName(int status) throws Throwable {
        String name = NativeStrings.read((MemorySegment) getErrorString.invokeExact(status));
        return name == null ? "nvrtcResult " + status : name;
    }
}
