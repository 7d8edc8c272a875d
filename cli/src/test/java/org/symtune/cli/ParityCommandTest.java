package org.symtune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.RelativeError;
import org.symtune.core.Tensor;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.Devices;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.core.io.SafetensorsReader;

/** {@code symtune parity} end to end on a committed PyTorch fixture (made by model/src/test/python/make_parity_fixtures.py). */
class ParityCommandTest {
    @TempDir
    Path tmp;

    /** The model module's parity fixtures, found by walking up from the working directory to the repository root. */
    private static Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("model/src/test/resources/parity").resolve(name);
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("model/src/test/resources/parity/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs((double) x[i] - y[i]));
        return m;
    }

    @Test
    void writesLogitsLossAndStoredGradientsMatchingPyTorch() throws Exception {
        Path fx = fixture("gpt2-gelu-new");
        for (String backend : List.of("scalar", "vector")) {
            Path out = tmp.resolve("out-" + backend + ".safetensors");
            Result r = run("parity", "--model", fx.resolve("model").toString(), "--inputs", fx.resolve("inputs.json").toString(),
                    "--out", out.toString(), "--backend", backend);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains(out.toString()) && r.out().contains("loss"), r.out());
            try (SafetensorsReader got = SafetensorsReader.open(out);
                 SafetensorsReader want = SafetensorsReader.open(fx.resolve("expected.safetensors"))) {
                assertEquals(want.names(), got.names());
                assertTrue(got.contains("grad.transformer.h.0.attn.c_attn.weight") && got.contains("grad.lm_head.weight"));
                for (String n : want.names()) {
                    Tensor w = want.read(n);
                    Tensor g = got.read(n);
                    assertArrayEquals(w.shape(), g.shape(), n);
                    double scale = n.startsWith("grad.") ? maxAbs(w) : 1.0;
                    assertTrue(maxAbsDiff(w, g) <= 1e-5 * scale, n + ": error " + maxAbsDiff(w, g));
                }
            }
        }
    }

    @Test
    void openClWritesTheCpuFileWithinDeviceRounding() throws Exception {
        assumeOpenCl();
        double worst = 0;
        for (String fixture : List.of("gpt2-gelu-new", "gpt2-gelu-exact", "llama-gqa")) {
            Path fx = fixture(fixture);
            Path cpu = tmp.resolve(fixture + "-cpu.safetensors");
            Path dev = tmp.resolve(fixture + "-opencl.safetensors");
            for (String[] run : new String[][] {{"scalar", cpu.toString()}, {"opencl", dev.toString()}}) {
                Result r = run("parity", "--model", fx.resolve("model").toString(), "--inputs", fx.resolve("inputs.json").toString(),
                        "--out", run[1], "--backend", run[0]);
                assertEquals(0, r.status(), r.err());
            }
            try (SafetensorsReader got = SafetensorsReader.open(dev); SafetensorsReader want = SafetensorsReader.open(cpu)) {
                assertEquals(want.names(), got.names());
                assertTrue(got.metadata().get("backend").startsWith("opencl"), got.metadata().toString());
                for (String n : want.names()) {
                    Tensor w = want.read(n);
                    Tensor g = got.read(n);
                    assertArrayEquals(w.shape(), g.shape(), n);
                    double e = relError(w.toArray(), g.toArray());
                    worst = Math.max(worst, e);
                    assertTrue(e <= 1e-4, fixture + " " + n + ": relative error " + e);
                }
            }
        }
        System.out.printf("parity --backend opencl against scalar: largest relative error %.2e%n", worst);
    }

    /** Skips without an OpenCL device, unless CI asks for one ({@code SYMTUNE_REQUIRE_OPENCL=1}). */
    private static void assumeOpenCl() {
        try (ComputeDevice device = Devices.open("opencl")) {
            assertTrue(device.name().startsWith("opencl"), device.name());
        } catch (GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
        }
    }

    /** ‖got − ref‖ / ‖ref‖, or ‖got − ref‖ where ref is all zero. */
    private static double relError(float[] ref, float[] got) {
        return RelativeError.of(ref, got);
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.toArray()) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Test
    void badArgumentsAndInputsAreReported() throws Exception {
        Path fx = fixture("llama-gqa");
        Result missing = run("parity", "--inputs", fx.resolve("inputs.json").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--model"), missing.err());

        Result backend = run("parity", "--model", fx.resolve("model").toString(), "--inputs", fx.resolve("inputs.json").toString(),
                "--out", tmp.resolve("o").toString(), "--backend", "gpu");
        assertEquals(2, backend.status());

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"input_ids\": [[1, 2]], \"targets\": [[2]]}");
        Path out = tmp.resolve("never.safetensors");
        Result r = run("parity", "--model", fx.resolve("model").toString(), "--inputs", bad.toString(), "--out", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("\"targets"), r.err());
        assertFalse(Files.exists(out));
    }
}
