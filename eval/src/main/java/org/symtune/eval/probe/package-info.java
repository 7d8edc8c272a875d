/**
 * Probes of what a model can do in context, apart from any task: {@link org.symtune.eval.probe.CopyProbe}
 * measures whether it copies a token sequence it has seen once (the induction-head ability that symbol tuning
 * relies on), with {@link org.symtune.eval.probe.CopyProbeResult} holding the losses on both copies and the
 * copying gain with a bootstrap interval.
 */
package org.symtune.eval.probe;
