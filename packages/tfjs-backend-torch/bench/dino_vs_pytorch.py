#!/usr/bin/env python3
"""PyTorch side of torch-vs-pytorch-models.bench.ts: one DINO training step of ViT-S/16 (1 input
channel, as our DINO) written the way the DINO repository writes it — nn.LayerNorm/Linear/GELU
modules, multi-crop wrapper (crops of one size batched together), DINOHead with weight_norm,
DINOLoss with centring, AdamW, gradient clipping 3.0, teacher EMA — no checkpointing.
Prints one JSON object: mean step time (ms) and the process's peak RSS (MiB).
Usage: dino_vs_pytorch.py threads batch global_px n_global local_px n_local out_dim repeats"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads, B, GPX, NG, LPX, NL, OUT, repeats = (int(a) for a in sys.argv[1:9])
torch.set_num_threads(threads)
torch.set_flush_denormal(True)
torch.manual_seed(0)
D, DEPTH, HEADS, P = 384, 12, 6, 16


class Block(nn.Module):
    def __init__(self, dp):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(D, eps=1e-6), nn.LayerNorm(D, eps=1e-6)
        self.qkv, self.proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.mlp = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))
        self.dp = dp

    def drop_path(self, x):
        if not self.training or self.dp == 0:
            return x
        keep = 1 - self.dp
        mask = (keep + torch.rand(x.shape[0], 1, 1)).floor_()
        return x.div(keep) * mask

    def forward(self, x):
        b, n, c = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, n, 3, HEADS, c // HEADS).permute(2, 0, 3, 1, 4)
        attn = ((q @ k.transpose(-2, -1)) * (c // HEADS) ** -0.5).softmax(dim=-1)
        x = x + self.drop_path(self.proj((attn @ v).transpose(1, 2).reshape(b, n, c)))
        return x + self.drop_path(self.mlp(self.norm2(x)))


class ViT(nn.Module):
    def __init__(self, dpr):
        super().__init__()
        self.patch_embed = nn.Conv2d(1, D, P, P)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, D))
        self.pos_embed = nn.Parameter(torch.randn(1, 1 + (GPX // P) ** 2, D) * 0.02)
        self.blocks = nn.ModuleList(Block(dpr * i / (DEPTH - 1)) for i in range(DEPTH))
        self.norm = nn.LayerNorm(D, eps=1e-6)

    def pos(self, n):
        g0, g = GPX // P, int(math.sqrt(n))
        if g == g0:
            return self.pos_embed
        grid = self.pos_embed[:, 1:].reshape(1, g0, g0, D).permute(0, 3, 1, 2)
        grid = F.interpolate(grid, scale_factor=(g + 0.1) / g0, mode='bicubic')
        return torch.cat((self.pos_embed[:, :1], grid.permute(0, 2, 3, 1).reshape(1, -1, D)), dim=1)

    def forward(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        x = x + self.pos(x.shape[1] - 1)
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x)[:, 0]


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(D, 2048), nn.GELU(), nn.Linear(2048, 2048), nn.GELU(), nn.Linear(2048, 256))
        self.last_layer = nn.utils.weight_norm(nn.Linear(256, OUT, bias=False))
        self.last_layer.weight_g.data.fill_(1)
        self.last_layer.weight_g.requires_grad = False

    def forward(self, x):
        return self.last_layer(F.normalize(self.mlp(x), dim=-1, p=2))


class MultiCrop(nn.Module):
    def __init__(self, dpr):
        super().__init__()
        self.backbone, self.head = ViT(dpr), Head()

    def forward(self, crops):
        sizes = torch.cumsum(torch.unique_consecutive(torch.tensor([c.shape[-1] for c in crops]), return_counts=True)[1], 0)
        out, start = [], 0
        for end in sizes.tolist():
            out.append(self.backbone(torch.cat(crops[start:end])))
            start = end
        return self.head(torch.cat(out))


student, teacher = MultiCrop(0.1), MultiCrop(0.0)
teacher.load_state_dict(student.state_dict())
for p in teacher.parameters():
    p.requires_grad = False
center = torch.zeros(1, OUT)
params = [p for p in student.parameters() if p.requires_grad]
regular = [p for p in params if p.ndim > 1]
opt = torch.optim.AdamW([{'params': regular}, {'params': [p for p in params if p.ndim <= 1], 'weight_decay': 0.0}], lr=5e-4, weight_decay=0.04)
crops = [torch.randn(B, 1, GPX, GPX) for _ in range(NG)] + [torch.randn(B, 1, LPX, LPX) for _ in range(NL)]


def step():
    global center
    t_out = teacher(crops[:NG])
    s_out = student(crops)
    t = F.softmax((t_out - center) / 0.04, dim=-1).detach().chunk(NG)
    s = (s_out / 0.1).chunk(NG + NL)
    loss, n = 0, 0
    for iq, q in enumerate(t):
        for v in range(len(s)):
            if v == iq:
                continue
            loss = loss + torch.sum(-q * F.log_softmax(s[v], dim=-1), dim=-1).mean()
            n += 1
    loss = loss / n
    opt.zero_grad()
    loss.backward()
    for p in params:
        if p.grad is not None:
            norm = p.grad.data.norm(2)
            clip = 3.0 / (norm + 1e-6)
            if clip < 1:
                p.grad.data.mul_(clip)
    opt.step()
    with torch.no_grad():
        for ps, pt in zip(student.parameters(), teacher.parameters()):
            pt.mul_(0.996).add_((1 - 0.996) * ps.detach())
        center = center * 0.9 + t_out.mean(dim=0, keepdim=True) * 0.1
    return loss.item()


if __name__ == '__main__':  # bench/pyserve.py imports step() without this
    step()
    t0 = time.perf_counter()
    for _ in range(repeats):
        step()
    ms = (time.perf_counter() - t0) / repeats * 1000
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'step_ms': ms,
                      'peak_rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
