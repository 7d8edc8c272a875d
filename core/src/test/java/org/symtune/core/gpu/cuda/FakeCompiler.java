package org.symtune.core.gpu.cuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for NVRTC: "compiles" by checking that each requested kernel is defined in the source, and
 * emits PTX-like text with one {@code .entry} line per kernel, which {@link FakeCuda} loads.
 */
final class FakeCompiler implements PtxCompiler {
    private final int[] supported;
    final List<Integer> architectures = new ArrayList<>();

    FakeCompiler(int... supported) {
        this.supported = supported.clone();
    }

    @Override
    public String description() {
        return "fake compiler";
    }

    @Override
    public int[] supportedArchitectures() {
        return supported.clone();
    }

    @Override
    public CompiledPtx compile(String programName, String source, List<String> kernelNames, int architecture) {
        architectures.add(architecture);
        StringBuilder ptx = new StringBuilder("// fake PTX of " + programName + "\n.target sm_" + architecture + "\n");
        Map<String, String> lowered = new LinkedHashMap<>();
        for (String name : kernelNames) {
            if (!source.matches("(?s).*\\b" + java.util.regex.Pattern.quote(name) + "\\s*\\(.*")) {
                throw new IllegalArgumentException("could not compile kernel program '" + programName + "':\n"
                        + programName + "(1): error: identifier \"" + name + "\" is undefined");
            }
            ptx.append(".visible .entry ").append(name).append("(\n)\n");
            lowered.put(name, name);
        }
        return new CompiledPtx(ptx.toString(), lowered, "");
    }
}
