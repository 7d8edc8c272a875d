#!/usr/bin/env python3
"""Makes the fixture of AdafactorGpt2ParityTest: three Adafactor steps on a tiny Hugging Face GPT-2.

What it writes, under tuning/src/test/resources/optim/adafactor-gpt2/:
  model/config.json, model/model.safetensors   a small random GPT2LMHeadModel checkpoint as
                                               save_pretrained writes it ("transformer." names, Conv1D
                                               weights [in, out], fused c_attn, tied lm_head not stored)
  inputs.json                                  one fixed batch {"input_ids": [[...]], "targets": [[...]]},
                                               a target per position (-100 and -1: no loss)
  <case>.safetensors                           the weights after three Adafactor steps on that batch, in
                                               the checkpoint's names, plus "loss" [3]: the loss each step
                                               was taken at; its metadata holds the transformers arguments
                                               ("adafactor") and the same settings as a symtune optimizer
                                               config ("symtune_optimizer")
for three cases: hf_defaults (Adafactor(params), i.e. lr=None, relative_step, scale_parameter, no
warmup_init), fixed_lr (lr=1e-2, relative_step=False, scale_parameter=False) and fixed_lr_no_clipping
(the same with clip_threshold=inf).

The model is the GPT2LMHeadModel forward of model/src/test/python/make_parity_fixtures.py (our own
PyTorch transcription of the transformers modelling code, in eval mode: no dropout). The optimizer
below is our own transcription of transformers.optimization.Adafactor.step, written from the algorithm
as the transformers documentation and the paper (Shazeer & Stern 2018) describe it, with transformers'
order of operations; transformers itself is not needed. Like torch.optim.Optimizer over
model.parameters(), it sees each parameter once (the tied embedding is one tensor whose gradient
sums both uses) and in the layout the model stores it: GPT-2's q|k|v projection is one [in, 3*out]
tensor, so its second-moment means, its update RMS (clipping) and its parameter RMS (step scale) are
taken over the fused tensor.

The key bias. The loss does not depend on GPT-2's key bias (the softmax over keys is shift
invariant), so the exact gradient of the key third of each c_attn.bias is 0, and what a float
implementation computes there is rounding noise (~1e-9 in float32). Adafactor divides a gradient by
the root of its own running square, and the noise is far above sqrt(eps1) = 1e-15, so each of those
elements takes a full step of random sign; with parameter scaling or clipping that also changes the
step of the whole fused c_attn.bias (through its parameter RMS and update RMS), and from there every
weight. Two correct float32 runs then disagree by ~1e-4 on c_attn.bias and ~5e-6 elsewhere after three
steps (the script prints this), so the reference sets that gradient to its exact value 0 before each
step. With it, implementations agree to float32 rounding; a trainer that leaves the noise in still
matches the fixed_lr_no_clipping case outside the key-bias elements, where nothing couples them to the
rest.

Precision: the expected weights come from a float32 run, which is what PyTorch + transformers
computes when training a float32 checkpoint. For scale, the script also runs the same three steps
(1) with float64 model and optimizer and (2) in float32 from float64 gradients rounded to float32
(so only the optimizer runs in float32) and prints, per case, how far those land from the float32
run: max over tensors of max|a - b| / max|b| (b the float32 weights), which is the measure the Java
test uses.

Run from the repository root with Debian's python3-torch (1.13) and numpy:
    /usr/bin/python3 tuning/src/test/python/adafactor_gpt2_reference.py
The output is deterministic (fixed seeds, one thread), so re-running reproduces the committed files.
"""

import json
import math
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "model", "src", "test", "python"))
import make_parity_fixtures as gpt2  # noqa: E402  (the model code and safetensors helpers)

OUT = os.path.join(ROOT, "tuning", "src", "test", "resources", "optim", "adafactor-gpt2")
STEPS = 3
PREFIX = "transformer."

# The two settings the issue names: transformers' defaults, and a fixed learning rate.
CASES = {
    "hf_defaults": {},
    "fixed_lr": {"lr": 1e-2, "relative_step": False, "scale_parameter": False},
    # For a trainer that keeps the key-bias noise: nothing couples those elements to the others here.
    "fixed_lr_no_clipping": {"lr": 1e-2, "relative_step": False, "scale_parameter": False, "clip_threshold": math.inf},
}


# ---------------------------------------------------------------------------------------- optimizer

class HfAdafactor(torch.optim.Optimizer):
    """transformers.optimization.Adafactor: same arguments, defaults and per-step arithmetic.

    For each parameter p with gradient g at its step t (counted per parameter, from 1):
      rate      = min(1e-6 t if warmup_init else 1e-2, 1/sqrt(t)) with relative_step, else lr
      scale     = max(eps[1], RMS(p)) with scale_parameter (RMS before this step's update), else 1
      beta2     = 1 - t^decay_rate
      s         = g^2 + eps[0]
      factored (rank >= 2): row = beta2 row + (1 - beta2) mean(s, last dim)
                            col = beta2 col + (1 - beta2) mean(s, second-to-last dim)
                            u = rsqrt(row / mean(row, last dim)) (as a column) * rsqrt(col) (as a row) * g
      otherwise:            v = beta2 v + (1 - beta2) s;  u = rsqrt(v) * g
      u = u / max(1, RMS(u) / clip_threshold) * (scale * rate)
      with beta1:           m = beta1 m + (1 - beta1) u;  u = m
      with weight_decay:    p = p - weight_decay * (scale * rate) * p
      p = p - u
    The step size scale * rate is a 0-d tensor of the parameter's dtype when scale_parameter is on (the
    RMS is a tensor), a Python float otherwise, as in transformers.
    """

    def __init__(self, params, lr=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=-0.8, beta1=None,
                 weight_decay=0.0, scale_parameter=True, relative_step=True, warmup_init=False):
        if lr is not None and relative_step:
            raise ValueError("a fixed lr needs relative_step=False")
        if warmup_init and not relative_step:
            raise ValueError("warmup_init needs relative_step=True")
        super().__init__(params, dict(lr=lr, eps=eps, clip_threshold=clip_threshold, decay_rate=decay_rate, beta1=beta1,
                                      weight_decay=weight_decay, scale_parameter=scale_parameter,
                                      relative_step=relative_step, warmup_init=warmup_init))

    @staticmethod
    def rms(t):
        return t.norm(2) / (t.numel() ** 0.5)

    @staticmethod
    def step_size(group, t, param_rms):
        if group["relative_step"]:
            floor = 1e-6 * t if group["warmup_init"] else 1e-2
            rate = min(floor, 1.0 / math.sqrt(t))
        else:
            rate = group["lr"]
        scale = max(group["eps"][1], param_rms) if group["scale_parameter"] else 1.0
        return scale * rate

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            eps1 = group["eps"][0]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                factored = g.dim() >= 2
                momentum = group["beta1"] is not None
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    if momentum:
                        state["exp_avg"] = torch.zeros_like(g)
                    if factored:
                        state["exp_avg_sq_row"] = torch.zeros(g.shape[:-1], dtype=g.dtype)
                        state["exp_avg_sq_col"] = torch.zeros(g.shape[:-2] + g.shape[-1:], dtype=g.dtype)
                    else:
                        state["exp_avg_sq"] = torch.zeros_like(g)
                state["step"] += 1
                t = state["step"]
                size = self.step_size(group, t, self.rms(p))
                beta2 = 1.0 - math.pow(t, group["decay_rate"])
                sq = g * g + eps1
                if factored:
                    row, col = state["exp_avg_sq_row"], state["exp_avg_sq_col"]
                    row.mul_(beta2).add_(sq.mean(dim=-1), alpha=1.0 - beta2)
                    col.mul_(beta2).add_(sq.mean(dim=-2), alpha=1.0 - beta2)
                    row_factor = (row / row.mean(dim=-1, keepdim=True)).rsqrt().unsqueeze(-1)
                    col_factor = col.unsqueeze(-2).rsqrt()
                    u = (row_factor * col_factor) * g
                else:
                    v = state["exp_avg_sq"]
                    v.mul_(beta2).add_(sq, alpha=1.0 - beta2)
                    u = v.rsqrt() * g
                u = u / (self.rms(u) / group["clip_threshold"]).clamp(min=1.0)
                u = u * size
                if momentum:
                    m = state["exp_avg"]
                    m.mul_(group["beta1"]).add_(u, alpha=1.0 - group["beta1"])
                    u = m
                if group["weight_decay"] != 0:
                    p.add_(p, alpha=-group["weight_decay"] * float(size))
                p.sub_(u)


# ---------------------------------------------------------------------------------------- fixture

def model_config():
    return {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": 64, "n_positions": 16,
        "n_embd": 16, "n_layer": 2, "n_head": 2, "n_inner": None, "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5, "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0,
        "initializer_range": 0.02, "bos_token_id": 0, "eos_token_id": 0, "tie_word_embeddings": True,
        "torch_dtype": "float32",
    }


def initial_weights(cfg):
    """Random weights of trained-model scale, by stored name; ln_f.bias tiny so that its RMS is below eps2."""
    gen = torch.Generator().manual_seed(5)
    params, _ = gpt2.gpt2_params(cfg, gen, PREFIX, with_lm_head=False, with_buffers=False)
    params[PREFIX + "ln_f.bias"] = params[PREFIX + "ln_f.bias"] * 1e-3
    return {n: t.to(torch.float32) for n, t in params.items()}, gen


def batch(gen, cfg):
    """4 rows of 8 ids; targets are the next id, none at the end, and a few positions without loss."""
    ids = torch.randint(0, cfg["vocab_size"], (4, 8), generator=gen)
    targets = torch.full(ids.shape, -1, dtype=torch.int64)
    targets[:, :-1] = ids[:, 1:]
    targets[1, 2] = -100
    targets[3, 0] = -100
    return ids, targets


def symtune_optimizer(options):
    """The same settings as the "optimizer" object of a symtune config (AdafactorConfig.fromJson)."""
    out = {"type": "adafactor"}
    if not options.get("relative_step", True):
        out["learning_rate"] = options["lr"]
    out["scale_parameter"] = options.get("scale_parameter", True)
    clip = options.get("clip_threshold", 1.0)
    out["clip_threshold"] = None if math.isinf(clip) else clip
    return out


def key_bias_mask(name, shape, d):
    """True on the key third of a fused c_attn.bias: the elements whose exact gradient is 0."""
    mask = torch.zeros(shape, dtype=torch.bool)
    if name.endswith("attn.c_attn.bias"):
        mask[d:2 * d] = True
    return mask


def train(initial, cfg, ids, targets, options, dtype, grad_dtype=None, exact_key_bias_gradient=True):
    """Three steps; returns the final weights (by stored name) and the loss of each step.

    The forward/backward runs in grad_dtype (default: dtype); gradients are then cast to dtype, the
    optimizer's precision. With exact_key_bias_gradient the key-bias gradient is set to its exact 0.
    """
    grad_dtype = grad_dtype or dtype
    d = cfg["n_embd"]
    weights = {n: t.to(dtype).clone() for n, t in initial.items()}
    opt = HfAdafactor(list(weights.values()), **options)
    losses = []
    for _ in range(STEPS):
        leaves = {n: w.detach().to(grad_dtype).requires_grad_(True) for n, w in weights.items()}
        logits = gpt2.gpt2_logits(leaves, cfg, ids, PREFIX)
        loss = gpt2.mean_target_loss(logits, targets)
        loss.backward()
        for n, w in weights.items():
            w.grad = leaves[n].grad.to(dtype)
            if exact_key_bias_gradient:
                w.grad[key_bias_mask(n, w.shape, d)] = 0
        losses.append(loss.item())
        opt.step()
    return {n: w.detach() for n, w in weights.items()}, losses


def distance(got, want, d):
    """Max over tensors of max|got - want| / max|want|, outside and inside the key-bias elements."""
    outside, key = 0.0, 0.0
    for n, w in want.items():
        w = w.double()
        diff = (got[n].double() - w).abs()
        mask = key_bias_mask(n, w.shape, d)
        scale = w.abs().max().item()
        outside = max(outside, diff[~mask].max().item() / scale)
        if mask.any():
            key = max(key, diff[mask].max().item() / scale)
    return outside, key


def main():
    if len(sys.argv) != 1:
        print(__doc__)
        return 2
    torch.set_num_threads(1)
    cfg = model_config()
    initial, gen = initial_weights(cfg)
    ids, targets = batch(gen, cfg)
    os.makedirs(os.path.join(OUT, "model"), exist_ok=True)
    with open(os.path.join(OUT, "model", "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    gpt2.write_safetensors(os.path.join(OUT, "model", "model.safetensors"),
                           [(n, "F32", t.numpy()) for n, t in initial.items()], {"format": "pt"})
    with open(os.path.join(OUT, "inputs.json"), "w") as f:
        json.dump({"input_ids": ids.tolist(), "targets": targets.tolist()}, f)
        f.write("\n")

    d = cfg["n_embd"]
    f32, f64 = torch.float32, torch.float64
    for name, options in CASES.items():
        final, losses = train(initial, cfg, ids, targets, options, f32)
        moved = max((final[n].double() - initial[n].double()).abs().max().item() / final[n].abs().max().item()
                    for n in initial)
        print("%s: losses %s; largest change of a tensor %.2e of its max |value|"
              % (name, " ".join("%.6f" % x for x in losses), moved))
        runs = [
            ("float64 run", train(initial, cfg, ids, targets, options, f64)[0]),
            ("float32 optimizer, float64 gradients", train(initial, cfg, ids, targets, options, f32, f64)[0]),
        ]
        for label, other in runs:
            outside, key = distance(other, final, d)
            print("    %-38s vs the float32 run: %.2e" % (label, max(outside, key)))
        # Both runs keep the key-bias noise: what comparing with plain PyTorch + transformers would see.
        noisy = train(initial, cfg, ids, targets, options, f32, exact_key_bias_gradient=False)[0]
        noisy_g64 = train(initial, cfg, ids, targets, options, f32, f64, exact_key_bias_gradient=False)[0]
        outside, key = distance(noisy_g64, noisy, d)
        print("    with the key-bias noise kept, the same two float32 runs: %.2e (key-bias elements %.2e)" % (outside, key))
        tensors = [(n, "F32", t.numpy()) for n, t in final.items()]
        tensors.append(("loss", "F32", np.array(losses, dtype=np.float32)))
        meta = {"reference": "float32 PyTorch, adafactor_gpt2_reference.py", "case": name, "steps": str(STEPS),
                "adafactor": repr(options), "symtune_optimizer": json.dumps(symtune_optimizer(options)),
                "key_bias_gradient": "exact (0)"}
        gpt2.write_safetensors(os.path.join(OUT, name + ".safetensors"), tensors, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
