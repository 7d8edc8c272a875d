"""When does content-based copying emerge? A PyTorch twin of symtune's transformer trained on copy sequences.

Each training sequence is fresh random tokens (uniform over a pool of `--pool` token ids) in which spans of
8-32 tokens reappear at a random later offset, so the second copy can be predicted only by finding the
span's earlier occurrence by content (an induction head), never from the weights or a fixed offset.

Every `--eval-every` steps it prints one JSON line on a fixed held-out set of such sequences:
  first   mean loss on tokens of a span's first occurrence (after its first token)
  second  mean loss on the same tokens in the repeat (after its first token)
  gain    first - second (nats/token): the copy score
  prefix  the best per-head prefix-matching score (Olsson et al. 2022): mean attention a repeated token pays
          to the token that followed its earlier occurrence, per head; the max over heads and layers

The model follows symtune's Transformer (PaLM style by default: parallel block, RMSNorm, rotary, SwiGLU,
tied embeddings scaled by 1/sqrt(d), N(0,1) embeddings, N(0, 1/fan_in) linears with residual projections
scaled by 1/sqrt(2L)); `--smear` adds a learned per-head smeared key (Olsson et al. 2022): after rotary,
k'_j = s * k_j + (1 - s) * k_{j-1}, s = sigmoid(w), w initialised to 0.

This is a research script, not part of the build; it needs python3-torch.
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


def copy_batch(gen, batch, seq, pool, vocab, min_span=8, max_span=32):
    """Random-token sequences with repeated spans; returns ids, targets and a role per target position
    (0 ordinary, 1 first occurrence, 2 repeat) plus the position of each repeat's source token."""
    offset = 0 if pool >= vocab else 1  # id 0 kept out when the pool is a subset, as a "frequent" region
    ids = torch.randint(offset, offset + pool, (batch, seq), generator=gen)
    role = torch.zeros(batch, seq, dtype=torch.long)
    source = torch.full((batch, seq), -1, dtype=torch.long)
    for b in range(batch):
        pos = int(torch.randint(0, 8, (1,), generator=gen))
        while True:
            span = int(torch.randint(min_span, max_span + 1, (1,), generator=gen))
            gap = int(torch.randint(0, 24, (1,), generator=gen))
            if pos + 2 * span + gap > seq:
                break
            start2 = pos + span + gap
            ids[b, start2:start2 + span] = ids[b, pos:pos + span]
            # scored: tokens 1.. of each occurrence (token 0 of a repeat is not predictable)
            role[b, pos + 1:pos + span] = 1
            role[b, start2 + 1:start2 + span] = 2
            source[b, start2 + 1:start2 + span] = torch.arange(pos + 1, pos + span)
            pos = start2 + span + int(torch.randint(0, 8, (1,), generator=gen))
    return ids, role, source


class RmsNorm(torch.nn.Module):
    def __init__(self, d, eps=1e-6):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Block(torch.nn.Module):
    def __init__(self, a, layers):
        super().__init__()
        d, h, kv, hd, f = a.d, a.heads, a.kv_heads, a.d // a.heads, a.mlp
        self.a, self.h, self.kv, self.hd = a, h, kv, hd
        self.norm1 = RmsNorm(d)
        self.norm2 = RmsNorm(d) if a.block == "sequential" else None
        self.q = torch.nn.Linear(d, h * hd, bias=False)
        self.k = torch.nn.Linear(d, kv * hd, bias=False)
        self.v = torch.nn.Linear(d, kv * hd, bias=False)
        self.o = torch.nn.Linear(h * hd, d, bias=False)
        self.smear = torch.nn.Parameter(torch.zeros(kv)) if a.smear else None
        if f > 0:
            self.gate = torch.nn.Linear(d, f, bias=False)
            self.up = torch.nn.Linear(d, f, bias=False)
            self.down = torch.nn.Linear(f, d, bias=False)
        residual = 1.0 / math.sqrt(2.0 * layers)
        for name, lin in self.named_children():
            if isinstance(lin, torch.nn.Linear):
                std = a.init / math.sqrt(lin.in_features)
                if name in ("o", "down"):
                    std *= residual
                torch.nn.init.normal_(lin.weight, std=std)

    def attention(self, x, cos, sin, mask, keep):
        b, t, _ = x.shape
        q = self.q(x).view(b, t, self.h, self.hd).transpose(1, 2)
        k = self.k(x).view(b, t, self.kv, self.hd).transpose(1, 2)
        v = self.v(x).view(b, t, self.kv, self.hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if self.smear is not None:
            s = torch.sigmoid(self.smear).view(1, self.kv, 1, 1)
            prev = torch.cat((torch.zeros_like(k[:, :, :1]), k[:, :, :-1]), dim=2)
            k = s * k + (1 - s) * prev
        if self.kv != self.h:
            k = k.repeat_interleave(self.h // self.kv, dim=1)
            v = v.repeat_interleave(self.h // self.kv, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd)
        p = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
        if keep is not None:
            keep.append(p.detach())
        return self.o((p @ v).transpose(1, 2).reshape(b, t, self.h * self.hd))

    def mlp(self, x):
        return self.down(F.silu(self.gate(x)) * self.up(x))

    def forward(self, x, cos, sin, mask, keep=None):
        if self.norm2 is None:
            h = self.norm1(x)
            y = x + self.attention(h, cos, sin, mask, keep)
            return y + self.mlp(h) if self.a.mlp > 0 else y
        x = x + self.attention(self.norm1(x), cos, sin, mask, keep)
        return x + self.mlp(self.norm2(x)) if self.a.mlp > 0 else x


class Model(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.embed = torch.nn.Embedding(a.vocab, a.d)
        torch.nn.init.normal_(self.embed.weight, std=1.0)
        self.blocks = torch.nn.ModuleList([Block(a, a.layers) for _ in range(a.layers)])
        self.norm = RmsNorm(a.d)
        hd = a.d // a.heads
        inv = 1.0 / (10000.0 ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))
        ang = torch.outer(torch.arange(a.seq, dtype=torch.float32), inv)
        ang = torch.cat((ang, ang), dim=-1)
        self.register_buffer("cos", ang.cos())
        self.register_buffer("sin", ang.sin())
        self.register_buffer("mask", torch.triu(torch.ones(a.seq, a.seq, dtype=torch.bool), diagonal=1))

    def forward(self, ids, keep=None):
        x = self.embed(ids)
        for blk in self.blocks:
            x = blk(x, self.cos, self.sin, self.mask, keep)
        return (self.norm(x) @ self.embed.weight.t()) / math.sqrt(self.a.d)


def evaluate(model, ids, role, source):
    model.eval()
    with torch.no_grad():
        keep = []
        logits = model(ids[:, :-1], keep)
        nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), reduction="none")
        nll = nll.view(ids.shape[0], -1)
        r = role[:, 1:]
        first = nll[r == 1].mean().item()
        second = nll[r == 2].mean().item()
        # prefix matching: at query position i (input index i-1 predicts token i) in a repeat, the input
        # token is ids[i-1] whose earlier occurrence is source[i]-1, followed by source[i].
        qi, qb = [], []
        for b in range(ids.shape[0]):
            for i in range(1, ids.shape[1]):
                if role[b, i] == 2:
                    qb.append(b)
                    qi.append(i - 1)
        qb = torch.tensor(qb)
        qi = torch.tensor(qi)
        tgt = torch.tensor([int(source[b, i + 1]) for b, i in zip(qb.tolist(), qi.tolist())])
        best = 0.0
        for p in keep:  # [b, h, t, t]
            per_head = p[qb, :, qi, tgt].mean(0)
            best = max(best, per_head.max().item())
    model.train()
    return first, second, best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--vocab", type=int, default=4096)
    ap.add_argument("--pool", type=int, default=4096, help="tokens are drawn from this many ids")
    ap.add_argument("--d", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=1)
    ap.add_argument("--mlp", type=int, default=384, help="SwiGLU hidden width; 0 = attention only")
    ap.add_argument("--block", default="parallel", choices=["parallel", "sequential"])
    ap.add_argument("--smear", action="store_true")
    ap.add_argument("--init", type=float, default=1.0, help="multiplies every linear layer's init std")
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Model(a)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / a.warmup))
    gen = torch.Generator().manual_seed(1000 + a.seed)
    held = copy_batch(torch.Generator().manual_seed(7), 32, a.seq + 1, a.pool, a.vocab)
    start = time.time()
    for step in range(1, a.steps + 1):
        ids, _, _ = copy_batch(gen, a.batch, a.seq + 1, a.pool, a.vocab)
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % a.eval_every == 0:
            first, second, prefix = evaluate(model, *held)
            print(json.dumps({"name": a.name, "step": step, "tokens": step * a.batch * a.seq, "loss": round(loss.item(), 4),
                              "first": round(first, 4), "second": round(second, 4), "gain": round(first - second, 4),
                              "prefix": round(prefix, 4), "seconds": round(time.time() - start, 1)}), flush=True)


if __name__ == "__main__":
    main()
