package org.symtune.eval.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.Devices;
import org.symtune.core.gpu.GpuUnavailableException;
import org.symtune.model.Transformer;
import org.symtune.model.device.DeviceTransformer;
import org.symtune.model.infer.EndOfText;
import org.symtune.tokenizer.Tokenizer;

/**
 * {@link TransformerModel#onDevice} against the CPU {@link TransformerModel} on the same tiny model: the same
 * greedy answers (per-request budgets, newline and end-of-text stops, rows generated apart) and the same
 * log-likelihoods within 1e-4, with and without the prompt-end token. Runs on the OpenCL device and is skipped
 * without one (unless {@code SYMTUNE_REQUIRE_OPENCL=1}, as in CI).
 */
class DeviceTransformerModelTest {
    private static final Tokenizer TOKENIZER = TinyModels.tokenizer();
    private static final Transformer MODEL = TinyModels.model(TOKENIZER, 96);
    private static ComputeDevice device;
    private static DeviceTransformer onDevice;
    private static double worst;

    @BeforeAll
    static void open() {
        try {
            device = Devices.open("opencl");
        } catch (GpuUnavailableException e) {
            if ("1".equals(System.getenv("SYMTUNE_REQUIRE_OPENCL"))) throw e;
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
        }
        onDevice = DeviceTransformer.upload(MODEL, new DeviceOps(device));
    }

    @AfterAll
    static void close() {
        if (device == null) return;
        System.out.printf("device eval model: largest log-likelihood difference %.2e on %s%n", worst, device.name());
        onDevice.close();
        device.close();
    }

    private static List<Integer> promptEnds() {
        return List.of(-1, EndOfText.ids(TOKENIZER).get(0));
    }

    @Test
    void greedyAnswersAreTheCpusAnswers() {
        String longPrompt = "Input: word 1 and more words\nOutput: positive ".repeat(5).strip();
        int fits = 96 - TOKENIZER.encode(longPrompt, true).length; // with the prompt-end token, the most new tokens it takes
        String[] prompts = {"Input: word 3 and more\nOutput:", "Q: [1, 3]\nA:", "Input: positive\n\nInput: word\nOutput:", "A:",
                "Output: negative 4", longPrompt, "X = 12\nY ="};
        int[] budgets = {6, 2, 9, 1, 4, fits, fits + 5};
        List<GenerationRequest> requests = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) requests.add(new GenerationRequest(prompts[i], budgets[i]));
        for (int end : promptEnds()) {
            TransformerModel cpu = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.scalar(), 3, end);
            TransformerModel dev = TransformerModel.onDevice("tiny", onDevice, TOKENIZER, 3, end);
            assertEquals(cpu.contextLength(), dev.contextLength());
            assertEquals(cpu.countTokens(longPrompt), dev.countTokens(longPrompt));
            List<String> want = cpu.generate(requests);
            List<String> got = dev.generate(requests);
            assertEquals(want, got, "prompt end " + end);
            all.addAll(got);
        }
        // Without the prompt-end token the tiny model writes text, so the comparison covers multi-token answers.
        assertTrue(all.stream().anyMatch(a -> a.length() > 3), "the tiny model answers something: " + all);
    }

    @Test
    void logLikelihoodsAreTheCpusWithinRounding() {
        List<RankRequest> requests = List.of(new RankRequest("Input: word 5\nOutput:", List.of("positive", "negative", "7")),
                new RankRequest("Q: [2]\nA:", List.of("[2]", "[]", "[2, 2, 2]")),
                new RankRequest("A:", List.of("foo bar baz", "x")),
                new RankRequest("Sentences: positive word\nMapped To:", List.of("QJ", "4821")));
        for (int end : promptEnds()) {
            for (int batch : new int[] {2, 16}) { // candidates split across forwards, and all in one
                TransformerModel cpu = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.scalar(), batch, end);
                TransformerModel dev = TransformerModel.onDevice("tiny", onDevice, TOKENIZER, batch, end);
                List<double[]> want = cpu.logLikelihoods(requests);
                List<double[]> got = dev.logLikelihoods(requests);
                for (int r = 0; r < requests.size(); r++) {
                    assertEquals(want.get(r).length, got.get(r).length);
                    for (int c = 0; c < want.get(r).length; c++) {
                        double diff = Math.abs(want.get(r)[c] - got.get(r)[c]);
                        worst = Math.max(worst, diff / Math.max(1, Math.abs(want.get(r)[c])));
                        assertEquals(want.get(r)[c], got.get(r)[c], 1e-4 * Math.max(1, Math.abs(want.get(r)[c])),
                                "prompt end " + end + ", batch " + batch + ", request " + r + ", candidate " + c);
                    }
                }
            }
        }
    }
}
