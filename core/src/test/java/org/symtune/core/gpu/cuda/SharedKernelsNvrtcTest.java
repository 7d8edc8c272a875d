package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.symtune.core.gpu.DeviceAttention;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.DeviceProgram;
import org.symtune.core.gpu.TiledGemm;

/**
 * Every program the device ops compile ({@link DeviceOps#programs()}: each family's, the attention program of
 * every head-size class with the {@code ATT_DIM}/{@code ATT_K} the ops define, and the tiled GEMM) compiles as
 * CUDA with the real NVRTC, for the oldest and the newest architecture it supports, and every kernel keeps its
 * source name in the PTX. Needs no GPU; skipped, with the reason, where NVRTC is not installed.
 */
class SharedKernelsNvrtcTest {
    private static Nvrtc nvrtc;

    private static synchronized Nvrtc nvrtc() {
        if (nvrtc == null) nvrtc = NvrtcTest.nvrtcOrSkip();
        return nvrtc;
    }

    static Stream<Arguments> programs() {
        return DeviceOps.programs().stream().map(p -> Arguments.of(Named.of(p.name(), p)));
    }

    /** The oldest and the newest architecture this NVRTC supports (7.5 alone when it does not say). */
    private static Set<Integer> architectures(Nvrtc nvrtc) {
        int[] archs = nvrtc.supportedArchitectures();
        Set<Integer> chosen = new LinkedHashSet<>();
        chosen.add(archs.length > 0 ? archs[0] : 75);
        if (archs.length > 0) chosen.add(archs[archs.length - 1]);
        return chosen;
    }

    @ParameterizedTest(name = "program {0}")
    @MethodSource("programs")
    void compilesForTheOldestAndNewestArchitecture(DeviceProgram program) {
        Nvrtc compiler = nvrtc();
        String source = program.source("cuda");
        for (int arch : architectures(compiler)) {
            CompiledPtx ptx = compiler.compile(program.name(), source, program.kernels(), arch);
            String where = program.name() + " for sm_" + arch + " (" + compiler.description() + ")";
            assertTrue(ptx.ptx().contains(".target sm_" + arch), where + ": PTX for another target");
            for (String kernel : program.kernels()) {
                assertEquals(kernel, ptx.loweredNames().get(kernel), where + ": kernel " + kernel + " is not extern \"C\"");
                assertTrue(ptx.ptx().contains(".entry " + kernel + "("), where + ": no entry " + kernel + " in the PTX");
            }
        }
    }

    /** The list really is every program: the GEMM, each family once, and one attention program per class of 32. */
    @Test
    void theProgramListCoversEveryFamilyAndHeadSizeClass() {
        List<String> names = DeviceOps.programs().stream().map(DeviceProgram::name).toList();
        assertEquals(names.size(), new LinkedHashSet<>(names).size(), "program names repeat: " + names);
        assertTrue(names.containsAll(List.of(TiledGemm.PROGRAM.name(), "pointwise", "reduce", "norm", "loss", "adafactor", "rope")),
                names.toString());
        for (int dim = 32; dim <= DeviceAttention.MAX_HEAD_DIM; dim += 32) {
            assertTrue(names.contains("attention-" + dim), "attention-" + dim + " missing from " + names);
        }
    }
}
