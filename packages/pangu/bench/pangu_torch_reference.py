#!/usr/bin/env python3
"""PyTorch timing reference for pangu.bench.ts: the same surface-only Pangu (`superdarn` preset: embed
128, heads 8/16/16/8, depths 2/6/6/2, window 2x8x16, shift 1x3x6, patch 4x4, drop-path 0.2, latent noise
0.1, MSE, Adam + decoupled weight decay 0.05 on rank>=2 weights), grid 96x96, batch 2, written here
from our TypeScript port (not the original code) so that both sides do the same work: forward in eval
mode, and a training step with every block checkpointed (as PanguTrainingModule does by default) and
without. Prints one JSON object.
Usage: pangu_torch_reference.py [threads] [flush_denormal 0|1] [grid] [batch] [device]
(device: cpu by default; scripts/gpu/check.sh passes cuda:0)"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
ftz = len(sys.argv) > 2 and sys.argv[2] == '1'
GRID = int(sys.argv[3]) if len(sys.argv) > 3 else 96
BATCH = int(sys.argv[4]) if len(sys.argv) > 4 else 2
DEVICE = sys.argv[5] if len(sys.argv) > 5 else 'cpu'
if threads > 0:
    torch.set_num_threads(threads)
torch.set_flush_denormal(ftz)
torch.manual_seed(0)

C0, HEADS, DEPTHS, WIN, SHIFT, PATCH, CH = 128, (8, 16, 16, 8), (2, 6, 6, 2), (2, 8, 16), (1, 3, 6), 4, 5
DROP_PATH, NOISE, LR, WD = 0.2, 0.1, 1e-4, 0.05


def split(total):
    return total // 2, total - total // 2


def pad_for(size, mult):
    return split((mult - size % mult) % mult)


def shift_mask(res, win, shift):
    """(nLon, types, N, N) additive mask: 0 within a region of the rolled grid, -100 across."""
    P, Y, X = res
    wp, wl, wo = win

    def region(i, size, w, s):
        return 0 if i < size - w else (1 if i < size - s else 2)
    n = wp * wl * wo
    nP, nY, nX = P // wp, Y // wl, X // wo
    out = torch.zeros(nX, nP * nY, n, n)
    for ix in range(nX):
        for ip in range(nP):
            for iy in range(nY):
                lab = torch.tensor([region(ip * wp + k // (wl * wo), P, wp, shift[0]) * 9
                                    + region(iy * wl + (k // wo) % wl, Y, wl, shift[1]) * 3
                                    + region(ix * wo + k % wo, X + shift[2], wo, shift[2]) for k in range(n)])
                out[ix, ip * nY + iy] = torch.where(lab[:, None] == lab[None, :], 0.0, -100.0)
    return out


def earth_index(win):
    wp, wl, wo = win
    n = wp * wl * wo
    k = torch.arange(n)
    z, h, w = k // (wl * wo), (k // wo) % wl, k % wo
    zz = z[:, None] + z[None, :] * wp
    hh = h[:, None] + h[None, :] * wl
    ww = w[:, None] - w[None, :] + wo - 1
    return (zz * (2 * wo - 1) * wl * wl + hh * (2 * wo - 1) + ww).reshape(-1)


class Attention(nn.Module):
    def __init__(self, dim, heads, res):
        super().__init__()
        wp, wl, wo = WIN
        self.h, self.t, self.n = heads, (res[0] // wp) * (res[1] // wl), wp * wl * wo
        self.scale = (dim // heads) ** -0.5
        self.table = nn.Parameter(torch.randn(wp * wp * wl * wl * (2 * wo - 1), self.t, heads) * 0.02)
        self.register_buffer('index', earth_index(WIN))
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)

    def forward(self, x, mask):
        M, T, N, C = x.shape
        H, d = self.h, C // self.h
        q, k, v = self.qkv(x).reshape(M, T, N, 3, H, d).permute(3, 0, 4, 1, 2, 5)
        attn = (q * self.scale) @ k.transpose(-1, -2)
        bias = self.table[self.index].reshape(N, N, T, H).permute(3, 2, 0, 1)
        attn = attn + bias
        if mask is not None:
            nl = mask.shape[0]
            attn = (attn.reshape(M // nl, nl, H, T, N, N) + mask[None, :, None]).reshape(M, H, T, N, N)
        out = (attn.softmax(-1) @ v).permute(0, 2, 3, 1, 4).reshape(M, T, N, C)
        return self.proj(out)


class Block(nn.Module):
    def __init__(self, dim, heads, res, shifted, drop_path):
        super().__init__()
        self.res, self.dp = res, drop_path
        self.pad = [pad_for(r, w) for r, w in zip(res, WIN)]
        self.pres = tuple(r + a + b for r, (a, b) in zip(res, self.pad))
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, self.pres)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.shifted = shifted
        self.register_buffer('mask', shift_mask(self.pres, WIN, SHIFT) if shifted else None)

    def branch(self, t, keep):
        return t if keep is None else t * keep

    def forward(self, x, keep1=None, keep2=None):
        B, L, C = x.shape
        (f, k), (t, b), (l, r) = self.pad
        P, Y, X = self.pres
        wp, wl, wo = WIN
        h = F.pad(self.norm1(x).reshape(B, *self.res, C), (0, 0, l, r, t, b, f, k))
        if self.shifted:
            h = torch.roll(h, (-SHIFT[0], -SHIFT[1], -SHIFT[2]), (1, 2, 3))
        w = h.reshape(B, P // wp, wp, Y // wl, wl, X // wo, wo, C).permute(0, 5, 1, 3, 2, 4, 6, 7)
        w = w.reshape(B * (X // wo), (P // wp) * (Y // wl), wp * wl * wo, C)
        a = self.attn(w, self.mask)
        h = a.reshape(B, X // wo, P // wp, Y // wl, wp, wl, wo, C).permute(0, 2, 4, 3, 5, 1, 6, 7).reshape(B, P, Y, X, C)
        if self.shifted:
            h = torch.roll(h, SHIFT, (1, 2, 3))
        h = h[:, f:f + self.res[0], t:t + self.res[1], l:l + self.res[2]]
        x = x + self.branch(h.reshape(B, L, C), keep1)
        return x + self.branch(self.mlp(self.norm2(x)), keep2)


class Layer(nn.Module):
    def __init__(self, dim, heads, depth, res, rates):
        super().__init__()
        self.blocks = nn.ModuleList(Block(dim, heads, res, i % 2 == 1, rates[i]) for i in range(depth))

    def forward(self, x, use_checkpoint):
        for blk in self.blocks:
            keep = None
            if self.training and blk.dp > 0:
                keep = [torch.bernoulli(torch.full((x.shape[0], 1, 1), 1 - blk.dp, device=x.device)) / (1 - blk.dp) for _ in range(2)]
            args = (x, *keep) if keep else (x,)
            x = checkpoint(blk, *args, use_reentrant=False) if use_checkpoint and self.training else blk(*args)
        return x


class Pangu(nn.Module):
    def __init__(self):
        super().__init__()
        self.ph = pad_for(GRID, PATCH)
        ht = (GRID + sum(self.ph)) // PATCH
        res1, res2 = (1, ht, ht), (1, (ht + 1) // 2, (ht + 1) // 2)
        self.res1, self.res2 = res1, res2
        n = DEPTHS[0] + DEPTHS[1]
        at = [DROP_PATH * min(k, n - 1) / (n - 1) for k in range(n)]
        self.embed = nn.Conv2d(CH, C0, PATCH, PATCH)
        self.layer1 = Layer(C0, HEADS[0], DEPTHS[0], res1, at[:DEPTHS[0]])
        self.down_norm, self.down = nn.LayerNorm(4 * C0), nn.Linear(4 * C0, 2 * C0, bias=False)
        self.layer2 = Layer(2 * C0, HEADS[1], DEPTHS[1], res2, at[DEPTHS[0]:])
        self.layer3 = Layer(2 * C0, HEADS[2], DEPTHS[2], res2, at[DEPTHS[0]:])
        self.up1, self.up_norm, self.up2 = nn.Linear(2 * C0, 4 * C0, bias=False), nn.LayerNorm(C0), nn.Linear(C0, C0, bias=False)
        self.layer4 = Layer(C0, HEADS[3], DEPTHS[3], res1, at[:DEPTHS[3]])
        self.recover = nn.ConvTranspose2d(2 * C0, CH, PATCH, PATCH)

    def forward(self, s, use_checkpoint=True):
        B = s.shape[0]
        t, b = self.ph
        e = self.embed(F.pad(s, (t, b, t, b)))
        Ht, Wt = e.shape[2:]
        x = e.permute(0, 2, 3, 1).reshape(B, Ht * Wt, C0)
        if self.training:
            x = x + torch.randn_like(x) * NOISE
        skip = self.layer1(x, use_checkpoint)
        _, oy, ox = self.res2
        h = F.pad(skip.reshape(B, 1, Ht, Wt, C0), (0, 0, *split(2 * ox - Wt), *split(2 * oy - Ht)))
        h = h.reshape(B, 1, oy, 2, ox, 2, C0).permute(0, 1, 2, 4, 3, 5, 6).reshape(B, oy * ox, 4 * C0)
        y = self.layer3(self.layer2(self.down(self.down_norm(h)), use_checkpoint), use_checkpoint)
        u = self.up1(y).reshape(B, 1, oy, ox, 2, 2, C0).permute(0, 1, 2, 4, 3, 5, 6).reshape(B, 1, 2 * oy, 2 * ox, C0)
        cy, cx = (2 * oy - Ht) // 2, (2 * ox - Wt) // 2
        u = u[:, :, cy:cy + Ht, cx:cx + Wt].reshape(B, Ht * Wt, C0)
        y = self.layer4(self.up2(self.up_norm(u)), use_checkpoint)
        if self.training:
            y = y - torch.randn_like(y) * NOISE
        out = torch.cat([y, skip], -1).reshape(B, Ht, Wt, 2 * C0).permute(0, 3, 1, 2)
        return self.recover(out)[:, :, t:t + GRID, t:t + GRID]


def timed(f, repeats):
    f()
    t0 = time.perf_counter()
    for _ in range(repeats):
        f()
    return (time.perf_counter() - t0) / repeats * 1000


model = Pangu().to(DEVICE)
decay = [p for p in model.parameters() if p.dim() >= 2]
opt = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8)
x = torch.randn(BATCH, CH, GRID, GRID, device=DEVICE)


def forward():
    model.eval()
    with torch.no_grad():
        model(x).sum().item()


def step(use_checkpoint):
    model.train()
    opt.zero_grad()
    loss = F.mse_loss(model(x, use_checkpoint), x)
    loss.backward()
    opt.step()
    with torch.no_grad():
        for p in decay:
            p.mul_(1 - LR * WD)
    return loss.item()


if __name__ == '__main__':  # bench/pyserve.py imports step() without this
    print(json.dumps({
        'torch': torch.__version__, 'device': DEVICE, 'threads': torch.get_num_threads(), 'flush_denormal': ftz, 'grid': GRID, 'batch': BATCH,
        'parameters': sum(p.numel() for p in model.parameters()),
        'forward_ms': timed(forward, 2),
        'step_checkpoint_ms': timed(lambda: step(True), 2),
        'step_ms': timed(lambda: step(False), 2),
    }))
