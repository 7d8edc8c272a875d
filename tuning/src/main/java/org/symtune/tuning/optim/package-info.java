/**
 * Optimizers and learning-rate schedules for training: {@link org.symtune.tuning.optim.Adafactor}
 * (with every option of Hugging Face transformers, T5X and optax; see
 * {@link org.symtune.tuning.optim.AdafactorConfig} for our defaults and how theirs differ) and
 * {@link org.symtune.tuning.optim.AdamW} (as PyTorch's), behind the small
 * {@link org.symtune.tuning.optim.Optimizer} interface.
 *
 * <p>A trainer builds an optimizer from JSON with {@code OptimizerConfig.fromJson(map).create()}, hands
 * it the named parameters ({@link org.symtune.tuning.optim.Param#of}) each step, logs
 * {@code lastLearningRate()}, and checkpoints {@code saveState()} with
 * {@link org.symtune.tuning.optim.OptimizerState#write} (safetensors, tensors named like
 * {@code h.0.attn.c_attn.weight.exp_avg_sq_row}, scalars as JSON metadata); {@code loadState} after
 * {@code OptimizerState.read} resumes bit-identically. The learning rate of each step comes from the
 * config's {@link org.symtune.tuning.optim.Schedule}, counted from step 1.
 *
 * <p>Adafactor's statistics are per tensor, so a model whose checkpoint fuses several of our
 * parameters into one tensor (GPT-2's {@code c_attn} holds q, k and v) is stepped through
 * {@link org.symtune.tuning.optim.FusingOptimizer}, which gives the update PyTorch computes on the
 * checkpoint's own tensors; the trainer does this for every run that starts from a checkpoint.
 *
 * <p>Correctness is pinned by golden values from {@code tuning/src/test/python/optim_reference.py}: a
 * float64 NumPy transcription of the Hugging Face Adafactor update (plus T5X options) and PyTorch's
 * AdamW in float64; and end to end by {@code adafactor_gpt2_reference.py}: three float32 PyTorch steps
 * of our transcription of Hugging Face's Adafactor on a tiny GPT-2 checkpoint.
 */
package org.symtune.tuning.optim;
