#!/usr/bin/env python3
"""PyTorch twin of the GPU check's DINO row (scripts/gpu/bench.ts → fitSteps(DINOTrainingModule)): a
ViT (1-channel input, as ours) with a DINO head, written as a PyTorch user would (nn modules, weight
norm on the last layer), student + EMA teacher, multi-crop DINO loss with a centre, per-parameter
gradient clipping at 3.0, AdamW without decay on biases and norms. Same sizes as ours (sizes.json).
Prints one JSON object. Usage: twin_dino.py <device> <gpu|cpu> [threads] [sizes.json]"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

device = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
size = sys.argv[2] if len(sys.argv) > 2 else 'cpu'
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 0
table = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sizes.json')
S = json.load(open(table))[size]
D = S['dino']
if threads > 0:
    torch.set_num_threads(threads)
torch.manual_seed(0)
ARCH = {'vit_tiny': (192, 12, 3), 'vit_small': (384, 12, 6)}[D['arch']]


class Block(nn.Module):
    def __init__(self, dim, heads, drop_path):
        super().__init__()
        self.h, self.dp = heads, drop_path
        self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-6), nn.LayerNorm(dim, eps=1e-6)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def drop(self, t):
        if not self.training or self.dp == 0:
            return t
        keep = torch.bernoulli(torch.full((t.shape[0], 1, 1), 1 - self.dp, device=t.device)) / (1 - self.dp)
        return t * keep

    def forward(self, x):
        B, N, C = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(B, N, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
        if hasattr(F, 'scaled_dot_product_attention'):
            o = F.scaled_dot_product_attention(q, k, v)
        else:
            o = torch.softmax(q @ k.transpose(-1, -2) * (C // self.h) ** -0.5, -1) @ v
        x = x + self.drop(self.proj(o.transpose(1, 2).reshape(B, N, C)))
        return x + self.drop(self.mlp(self.norm2(x)))


class ViT(nn.Module):
    def __init__(self, drop_path):
        super().__init__()
        dim, depth, heads = ARCH
        self.patch = D['patch']
        self.embed = nn.Conv2d(1, dim, self.patch, self.patch)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.grid = D['global'] // self.patch
        self.pos = nn.Parameter(torch.randn(1, 1 + self.grid ** 2, dim) * 0.02)
        self.blocks = nn.ModuleList(Block(dim, heads, drop_path * i / max(1, depth - 1)) for i in range(depth))
        self.norm = nn.LayerNorm(dim, eps=1e-6)

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)
        g = int(t.shape[1] ** 0.5)
        pos = self.pos[:, 1:]
        if g != self.grid:
            pos = F.interpolate(pos.reshape(1, self.grid, self.grid, -1).permute(0, 3, 1, 2), size=(g, g), mode='bicubic', align_corners=False)
            pos = pos.permute(0, 2, 3, 1).reshape(1, g * g, -1)
        t = torch.cat([self.cls.expand(t.shape[0], -1, -1) + self.pos[:, :1], t + pos], 1)
        for b in self.blocks:
            t = b(t)
        return self.norm(t)[:, 0]


class Head(nn.Module):
    def __init__(self, dim, out_dim, hidden=2048, bottleneck=256):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, bottleneck))
        self.last = nn.utils.weight_norm(nn.Linear(bottleneck, out_dim, bias=False))
        self.last.weight_g.data.fill_(1)
        self.last.weight_g.requires_grad = False

    def forward(self, x):
        return self.last(F.normalize(self.mlp(x), dim=-1))


class MultiCrop(nn.Module):
    def __init__(self, drop_path):
        super().__init__()
        self.backbone, self.head = ViT(drop_path), Head(ARCH[0], D['outDim'])

    def forward(self, crops):
        # Same-resolution crops go through the backbone together, as DINO's MultiCropWrapper does.
        out, i = [], 0
        while i < len(crops):
            j = i
            while j < len(crops) and crops[j].shape[-1] == crops[i].shape[-1]:
                j += 1
            out.append(self.backbone(torch.cat(crops[i:j])))
            i = j
        return self.head(torch.cat(out))


student, teacher = MultiCrop(0.1).to(device), MultiCrop(0.0).to(device)
teacher.load_state_dict(student.state_dict())
for p in teacher.parameters():
    p.requires_grad = False
center = torch.zeros(1, D['outDim'], device=device)
decay = [p for n, p in student.named_parameters() if p.requires_grad and not (n.endswith('.bias') or p.ndim == 1)]
no_decay = [p for n, p in student.named_parameters() if p.requires_grad and (n.endswith('.bias') or p.ndim == 1)]
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.04}, {'params': no_decay, 'weight_decay': 0.0}], lr=5e-4)
B, n_crops = D['batch'], 2 + D['locals']
crops = [torch.randn(B, 1, s, s, device=device) for s in [D['global']] * 2 + [D['local']] * D['locals']]


def step():
    global center
    t_out = teacher(crops[:2]).detach()
    s_out = student(crops)
    t_soft = F.softmax((t_out - center) / 0.04, -1).chunk(2)
    s_log = F.log_softmax(s_out / 0.1, -1).chunk(n_crops)
    loss, terms = 0, 0
    for iq, q in enumerate(t_soft):
        for v, s in enumerate(s_log):
            if v != iq:
                loss, terms = loss + (-q * s).sum(-1).mean(), terms + 1
    loss = loss / terms
    opt.zero_grad(set_to_none=True)
    loss.backward()
    for p in student.parameters():
        if p.grad is not None:
            norm = p.grad.norm(2)
            p.grad.mul_(torch.clamp(3.0 / (norm + 1e-6), max=1.0))
    opt.step()
    with torch.no_grad():
        for ps, pt in zip(student.parameters(), teacher.parameters()):
            pt.mul_(0.996).add_(ps.detach(), alpha=0.004)
        center = center * 0.9 + t_out.mean(0, keepdim=True) * 0.1
    return loss.item()


def timed(f, repeats):
    f()
    if device.startswith('cuda'):
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(repeats):
        f()
    if device.startswith('cuda'):
        torch.cuda.synchronize()
    return (time.perf_counter() - t0) / repeats * 1000


print(json.dumps({'torch': torch.__version__, 'rows': [{'name': 'dino', 'ms': timed(step, S['repeats']), **D}]}))
