package org.symtune.tuning.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.core.io.Json;

/** Optimizer configs: defaults, JSON round trips, and errors that name the field. */
class ConfigJsonTest {

    private static Map<String, Object> json(String text) {
        return Json.parseObject(text, "test");
    }

    @Test
    void adafactorDefaultsAreHuggingFaces() {
        AdafactorConfig d = AdafactorConfig.defaults();
        assertTrue(d.relativeStep());
        assertTrue(d.scaleParameter());
        assertEquals(1e-30, d.epsilon1());
        assertEquals(1e-3, d.epsilon2());
        assertEquals(1.0, d.clipThreshold());
        assertEquals(-0.8, d.decayRate());
        assertFalse(d.momentum());
        assertEquals(0.0, d.weightDecay());
        assertTrue(d.factors(new int[] {2, 2}));
        assertFalse(d.factors(new int[] {5}));
        assertEquals(d, AdafactorConfig.fromJson(json("{\"type\": \"adafactor\"}")));
        assertEquals(d, OptimizerConfig.fromJson(json("{\"type\": \"adafactor\"}")));
    }

    @Test
    void t5xPresetFactorsOnlyLargeMatrices() {
        AdafactorConfig t5x = AdafactorConfig.t5x(new InverseSqrtSchedule(1.0, 10_000));
        assertFalse(t5x.factors(new int[] {64, 512}));
        assertTrue(t5x.factors(new int[] {128, 512}));
        assertEquals(WeightDecayScaling.NONE, t5x.weightDecayScaling());
    }

    @Test
    void adafactorJsonRoundTripWithEveryOptionChanged() {
        AdafactorConfig c = AdafactorConfig.builder().learningRate(new CosineSchedule(1e-2, 1e-4, 10, 100)).maxParameterScale(0.5)
                .epsilon1(1e-20).epsilon2(1e-4).clipThreshold(Double.POSITIVE_INFINITY).decayRate(-0.7).decayOffset(1000).beta1(0.9)
                .weightDecay(0.1).weightDecayScaling(WeightDecayScaling.LEARNING_RATE_POWER).weightDecayLrExponent(2.0).factored(true)
                .minDimSizeToFactor(128).skipNanUpdates(true).build();
        Map<String, Object> written = json(Json.write(c.toJson()));
        assertEquals(null, written.get("clip_threshold"));
        assertEquals(c, AdafactorConfig.fromJson(written));
        AdafactorConfig fixed = AdafactorConfig.fromJson(json("{\"type\": \"adafactor\", \"learning_rate\": 0.01, \"scale_parameter\": false}"));
        assertEquals(new ConstantSchedule(0.01), fixed.learningRate());
        assertFalse(fixed.relativeStep());
    }

    /** Configs covering every option, schedule kind and weight-decay scaling, with defaults and edge values. */
    private static List<OptimizerConfig> configsOfEveryKind() {
        List<Schedule> schedules = List.of(new RelativeStepSchedule(false), new RelativeStepSchedule(true), new ConstantSchedule(0.0),
                new ConstantSchedule(1e-2), new InverseSqrtSchedule(1.0, 10_000), new CosineSchedule(3e-4, 0.0, 0, 1),
                new CosineSchedule(1e-2, 1e-5, 100, 2000), new LinearWarmupSchedule(7, new InverseSqrtSchedule(0.3, 1)),
                new JoinedSchedule(List.of(new ConstantSchedule(1e-3), new LinearWarmupSchedule(5, new CosineSchedule(1e-3, 1e-4, 0, 50))),
                        List.of(12L)));
        List<OptimizerConfig> out = new ArrayList<>();
        for (Schedule s : schedules) {
            out.add(AdafactorConfig.defaults().withLearningRate(s));
            out.add(AdamWConfig.defaults().withLearningRate(s));
        }
        AdafactorConfig.Builder b = AdafactorConfig.builder();
        out.add(AdafactorConfig.t5x(new InverseSqrtSchedule(1.0, 10_000)));
        out.add(b.learningRate(1e-3).scaleParameter(false).build());
        out.add(AdafactorConfig.builder().maxParameterScale(0.25).clipThreshold(Double.POSITIVE_INFINITY).build());
        out.add(AdafactorConfig.builder().epsilon1(0.0).epsilon2(0.0).clipThreshold(0.5).decayRate(-0.5).decayOffset(1L << 40).build());
        out.add(AdafactorConfig.builder().beta1(0.9).factored(false).skipNanUpdates(true).minDimSizeToFactor(Integer.MAX_VALUE).build());
        for (WeightDecayScaling scaling : WeightDecayScaling.values()) {
            out.add(AdafactorConfig.builder().weightDecay(0.01).weightDecayScaling(scaling).build());
            out.add(AdafactorConfig.builder().weightDecay(0.0).weightDecayScaling(scaling).build());
        }
        out.add(AdafactorConfig.builder().weightDecay(0.1).weightDecayScaling(WeightDecayScaling.LEARNING_RATE_POWER).weightDecayLrExponent(-0.5)
                .build());
        out.add(AdamWConfig.defaults().withBetas(0.0, 0.0).withEps(0.0).withWeightDecay(0.0).withAmsgrad(true));
        out.add(AdamWConfig.defaults().withBetas(0.85, 0.9999).withEps(1e-12).withWeightDecay(3.5));
        return out;
    }

    @Test
    void everyConfigReadsBackEqualFromItsJson() {
        for (OptimizerConfig c : configsOfEveryKind()) {
            String written = Json.write(c.toJson());
            OptimizerConfig back = OptimizerConfig.fromJson(json(written));
            assertEquals(c, back, written);
            assertEquals(written, Json.write(back.toJson()), "the JSON of the read-back config is the same text");
        }
    }

    @Test
    void theLearningRatePowerExponentIsWrittenOnlyWhereItApplies() {
        assertFalse(AdafactorConfig.defaults().toJson().containsKey("weight_decay_lr_exponent"));
        AdafactorConfig power = AdafactorConfig.builder().weightDecay(0.1).weightDecayScaling(WeightDecayScaling.LEARNING_RATE_POWER)
                .weightDecayLrExponent(2.0).build();
        assertEquals(2.0, power.toJson().get("weight_decay_lr_exponent"));
        // Elsewhere it has no effect, so a value other than 1 is refused rather than kept and lost in JSON.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> power.toBuilder().weightDecayScaling(WeightDecayScaling.NONE).build());
        assertTrue(e.getMessage().contains("weight_decay_lr_exponent (2.0) only applies with weight_decay_scaling learning_rate_power"),
                e.getMessage());
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.fromJson(json(text)));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void adafactorErrorsNameTheField() {
        assertError("{\"type\": \"adafactor\", \"decay_rate\": 0.8}", "decay_rate must be negative");
        assertError("{\"type\": \"adafactor\", \"beta1\": \"0.9\"}", "optimizer.beta1: expected a number");
        assertError("{\"type\": \"adafactor\", \"beta1\": 1.0}", "beta1 must be in [0, 1)");
        assertError("{\"type\": \"adafactor\", \"lr\": 0.01}", "optimizer.lr: unknown field");
        assertError("{\"type\": \"adafactor\", \"learning_rate\": {\"type\": \"cosine\", \"peak\": 1}}",
                "optimizer.learning_rate.total_steps: is required");
        assertError("{\"type\": \"adafactor\", \"weight_decay_scaling\": \"lr\"}", "optimizer.weight_decay_scaling: unknown value 'lr'");
        assertError("{\"type\": \"adafactor\", \"weight_decay_lr_exponent\": 1}", "optimizer.weight_decay_lr_exponent: only applies");
        assertError("{\"type\": \"adafactor\", \"scale_parameter\": false, \"max_parameter_scale\": 1}",
                "max_parameter_scale needs scale_parameter");
        assertError("{\"type\": \"adafactor\", \"clip_threshold\": 0}", "clip_threshold must be > 0");
        assertError("{\"type\": \"sgd\"}", "optimizer.type: unknown optimizer 'sgd'");
    }

    @Test
    void adamWDefaultsAndJson() {
        AdamWConfig d = AdamWConfig.defaults();
        assertEquals(new ConstantSchedule(1e-3), d.learningRate());
        assertEquals(0.9, d.beta1());
        assertEquals(0.999, d.beta2());
        assertEquals(1e-8, d.eps());
        assertEquals(1e-2, d.weightDecay());
        assertFalse(d.amsgrad());
        assertEquals(d, OptimizerConfig.fromJson(json("{\"type\": \"adamw\"}")));
        AdamWConfig c = d.withLearningRate(new LinearWarmupSchedule(10, Schedule.constant(3e-4))).withBetas(0.8, 0.95).withEps(1e-6)
                .withWeightDecay(0.1).withAmsgrad(true);
        assertEquals(c, OptimizerConfig.fromJson(json(Json.write(c.toJson()))));
        assertError("{\"type\": \"adamw\", \"beta2\": 1.5}", "optimizer.beta2: must be in [0, 1)");
        assertError("{\"type\": \"adamw\", \"betas\": [0.9, 0.99]}", "optimizer.betas: unknown field");
    }
}
