#!/usr/bin/env python3
"""Peer baseline for `stepwise bench`'s gpt workload: a tiny char-level GPT trained in PyTorch on one CPU thread.

The model is Stepwise's tiny GPT in ordinary PyTorch idiom: token and learned position embeddings, L pre-norm blocks
(LayerNorm, causal multi-head self-attention, residual; LayerNorm, Linear-GELU(tanh)-Linear, residual), a final
LayerNorm and a Linear head; cross-entropy at every position, AdamW (lr 1e-3, weight decay 0.01). The tokens are
random (fixed seed): the speed does not depend on the text. Prints one JSON line.

Bundled with the app and copied out to a temporary file to run; it needs only torch (Debian: python3-torch).
"""
import argparse, json, math, os, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.set_num_threads(1)

# torch 2.0+ has a fused causal attention kernel (F.scaled_dot_product_attention), the strongest peer there. Debian's
# torch 1.13 has not, so it gets scores, a cached boolean causal mask and softmax written out. On 1.13 here (two shared
# cores, one thread) that, an additive -inf mask with baddbmm, and nn.MultiheadAttention with attn_mask all train at
# 10-11 steps/s, within the machine's noise, so the plainest form stays.
HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


class CausalSelfAttention(nn.Module):
    def __init__(self, dim, heads, context):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1), persistent=False)

    def forward(self, x):
        B, T, D = x.shape
        # (B, T, 3D) -> three (B, H, T, dh)
        q, k, v = self.qkv(x).view(B, T, 3, self.heads, D // self.heads).permute(2, 0, 3, 1, 4)
        if HAS_SDPA:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(D // self.heads))
            y = torch.softmax(scores.masked_fill(self.mask[:T, :T], float("-inf")), dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, D))


class Block(nn.Module):
    def __init__(self, dim, heads, hidden, context):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = CausalSelfAttention(dim, heads, context)
        self.ff = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(approximate="tanh"), nn.Linear(hidden, dim))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ff(self.ln2(x))


class TinyGpt(nn.Module):
    def __init__(self, vocab, context, dim, heads, layers, hidden):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.pos = nn.Parameter(0.02 * torch.randn(context, dim))
        self.blocks = nn.Sequential(*[Block(dim, heads, hidden, context) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab)

    def forward(self, tokens):
        x = self.tok(tokens) + self.pos[:tokens.shape[1]]
        return self.head(self.ln_f(self.blocks(x)))


def train(a):
    torch.manual_seed(0)
    model = TinyGpt(a.vocab, a.context, a.dim, a.heads, a.layers, a.hidden)
    # foreach (each update a few multi-tensor calls, not a loop over the parameters) was 5-9% faster here on 1.13.
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01, foreach=True)
    # A few distinct batches, cycled, so the timed loop does no data work.
    seq = torch.randint(0, a.vocab, (8, a.batch, a.context + 1))
    x, y = seq[..., :-1].contiguous(), seq[..., 1:].contiguous()

    def step(i):
        opt.zero_grad(set_to_none=True)
        logits = model(x[i % len(x)])
        loss = F.cross_entropy(logits.view(-1, a.vocab), y[i % len(y)].view(-1))
        loss.backward()
        opt.step()
        return loss

    for i in range(a.warmup):
        step(i)
    t0 = time.perf_counter()
    for i in range(a.steps):
        loss = step(i)
    last = loss.item()
    seconds = time.perf_counter() - t0
    return {"workload": "gpt", "steps_per_s": round(a.steps / seconds, 3),
            "tokens_per_s": round(a.steps * a.batch * a.context / seconds, 1), "seconds": round(seconds, 3),
            "steps": a.steps, "batch": a.batch, "context": a.context, "dim": a.dim, "heads": a.heads,
            "layers": a.layers, "hidden": a.hidden, "vocab": a.vocab, "last_loss": round(last, 4),
            "attention": "sdpa" if HAS_SDPA else "explicit"}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=30, help="timed steps (default 30)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed steps first (default 3)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--context", type=int, default=64)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--heads", type=int, default=2)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--vocab", type=int, default=65)
    a = ap.parse_args()
    if a.steps < 1 or a.dim % a.heads:
        ap.error("--steps must be at least 1 and --dim a multiple of --heads")
    r = train(a)
    r.update({"peer": "torch", "version": torch.__version__, "threads": torch.get_num_threads()})
    print(json.dumps(r), flush=True)
