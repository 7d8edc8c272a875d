package org.symtune.eval.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.symtune.core.backend.Backends;
import org.symtune.model.Transformer;
import org.symtune.model.infer.CandidateScore;
import org.symtune.model.infer.Continuations;
import org.symtune.model.infer.EndOfText;
import org.symtune.model.infer.Generation;
import org.symtune.model.infer.GenerationConfig;
import org.symtune.model.infer.Generator;
import org.symtune.model.infer.ScoreRequest;
import org.symtune.model.infer.Scorer;
import org.symtune.tokenizer.Tokenizer;

/** The real model behind {@link ModelUnderTest}, checked against the generator and scorer called directly. */
class TransformerModelTest {
    private static final Tokenizer TOKENIZER = TinyModels.tokenizer();
    private static final Transformer MODEL = TinyModels.model(TOKENIZER, 96);

    /** The reference answer: greedy tokens without stop strings, the first {@code budget}, decoded, cut at the first newline. */
    private static String reference(String prompt, int budget) {
        Generator g = new Generator(MODEL, Backends.best(), TOKENIZER);
        Generation out = g.generate(TOKENIZER.encode(prompt, true), GenerationConfig.greedy(budget).withEosIds(EndOfText.ids(TOKENIZER)));
        String text = TOKENIZER.decode(out.tokens());
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    @Test
    void answersAreGreedyContinuationsCutAtTheirBudgetAndTheFirstNewline() {
        TransformerModel m = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best(), 3);
        List<GenerationRequest> requests = new ArrayList<>();
        String[] prompts = {"Input: word 3 and more\nOutput:", "Q: [1, 3]\nA:", "Input: positive\n\nInput: word\nOutput:", "A:", "Output: negative 4"};
        int[] budgets = {6, 2, 9, 1, 4};
        for (int i = 0; i < prompts.length; i++) requests.add(new GenerationRequest(prompts[i], budgets[i]));
        List<String> answers = m.generate(requests);
        for (int i = 0; i < prompts.length; i++) {
            assertEquals(reference(prompts[i], budgets[i]), answers.get(i), "request " + i);
            assertFalse(answers.get(i).contains("\n"));
        }
        // A request alone gets the answer it got in company.
        for (int i = 0; i < prompts.length; i++) assertEquals(answers.get(i), m.generate(List.of(requests.get(i))).get(0));
    }

    @Test
    void promptsThatCannotTakeTheBatchBudgetAreGeneratedApart() {
        TransformerModel m = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best(), 4);
        String longPrompt = "Input: word 1 and more words\nOutput: positive ".repeat(5).strip();
        int length = TOKENIZER.encode(longPrompt, true).length;
        int fits = 96 - length + 1; // the most new tokens this prompt can take
        List<GenerationRequest> requests = List.of(new GenerationRequest("A:", fits + 5), new GenerationRequest(longPrompt, fits));
        List<String> answers = m.generate(requests);
        assertEquals(reference("A:", fits + 5), answers.get(0));
        assertEquals(reference(longPrompt, fits), answers.get(1));
    }

    @Test
    void logLikelihoodsAreTheScorersOfSpacedCandidates() {
        TransformerModel m = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best());
        List<RankRequest> requests = List.of(new RankRequest("Input: word 5\nOutput:", List.of("positive", "negative", "7")),
                new RankRequest("Q: [2]\nA:", List.of("[2]", "[]")));
        List<double[]> got = m.logLikelihoods(requests);
        Scorer scorer = new Scorer(MODEL, Backends.best());
        for (int r = 0; r < requests.size(); r++) {
            List<String> spaced = requests.get(r).candidates().stream().map(c -> " " + c).toList();
            ScoreRequest s = Continuations.encode(TOKENIZER, requests.get(r).prompt(), spaced, true);
            List<CandidateScore> expected = scorer.score(s.prompt(), s.candidates());
            double[] want = expected.stream().mapToDouble(CandidateScore::logLikelihood).toArray();
            assertEquals(want.length, got.get(r).length);
            for (int c = 0; c < want.length; c++) assertEquals(want[c], got.get(r)[c], 1e-4, "request " + r + ", candidate " + c);
        }
    }

    @Test
    void tokensAreCountedAsTheModelReadsThem() {
        TransformerModel m = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best());
        assertEquals(96, m.contextLength());
        String text = "Input: word 12\nOutput: negative";
        assertEquals(TOKENIZER.encode(text, true).length, m.countTokens(text));
        assertEquals(1, m.countTokens(""), "the BOS token is counted");
    }

    @Test
    void withAPromptEndTheModelIsAskedAsSymtuneTuningLaysOutExamples() {
        int eos = EndOfText.ids(TOKENIZER).get(0);
        TransformerModel m = new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best(), 4, eos);
        String prompt = "Input: word 5\nOutput:";
        int[] promptIds = TOKENIZER.encode(prompt, true);
        int[] withEnd = java.util.Arrays.copyOf(promptIds, promptIds.length + 1);
        withEnd[promptIds.length] = eos;

        // Ranking: input EOS, then each candidate encoded alone with its leading space, as packed targets are.
        List<String> candidates = List.of("positive", "negative", "7");
        List<int[]> alone = candidates.stream().map(c -> TOKENIZER.encode(" " + c, false)).toList();
        double[] want = new Scorer(MODEL, Backends.best()).score(withEnd, alone).stream().mapToDouble(CandidateScore::logLikelihood).toArray();
        double[] got = m.logLikelihoods(List.of(new RankRequest(prompt, candidates))).get(0);
        for (int c = 0; c < want.length; c++) assertEquals(want[c], got[c], 1e-4, "candidate " + c);

        // Generation continues after the EOS; the EOS counts against the context.
        Generation out = new Generator(MODEL, Backends.best(), TOKENIZER).generate(withEnd,
                GenerationConfig.greedy(5).withEosIds(EndOfText.ids(TOKENIZER)));
        String text = TOKENIZER.decode(out.tokens());
        int nl = text.indexOf('\n');
        assertEquals(nl < 0 ? text : text.substring(0, nl), m.generate(List.of(new GenerationRequest(prompt, 5))).get(0));
        assertEquals(promptIds.length + 1, m.countTokens(prompt));
        assertThrows(IllegalArgumentException.class, () -> new TransformerModel("tiny", MODEL, TOKENIZER, Backends.best(), 4, TOKENIZER.vocabSize()));
    }
}
