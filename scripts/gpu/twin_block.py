#!/usr/bin/env python3
"""PyTorch twin of the GPU check's transformer-block row (scripts/gpu/bench.ts → makeTrainer): a
pre-norm block written as a PyTorch user would (nn.LayerNorm, nn.Linear, nn.GELU, scaled-dot-product
attention when this torch has it), MSE loss, Adam. Also reports the runtime (torch, CUDA, cuDNN, NCCL,
TF32 settings). Prints one JSON object.
Usage: twin_block.py <device> <gpu|cpu> [threads] [sizes.json]"""
import json
import math
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
if threads > 0:
    torch.set_num_threads(threads)
torch.manual_seed(0)


def sync():
    if device.startswith('cuda'):
        torch.cuda.synchronize()


def runtime():
    info = {'torch': torch.__version__, 'device': device, 'threads': torch.get_num_threads()}
    if device.startswith('cuda'):
        info.update(cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version(), gpu=torch.cuda.get_device_name(device),
                    nccl='.'.join(map(str, torch.cuda.nccl.version())) if hasattr(torch.cuda, 'nccl') else None,
                    tf32_matmul=torch.backends.cuda.matmul.allow_tf32, tf32_cudnn=torch.backends.cudnn.allow_tf32)
    return info


class Block(nn.Module):
    def __init__(self, C, H, M):
        super().__init__()
        self.h = H
        self.norm1, self.norm2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.mlp = nn.Sequential(nn.Linear(C, M), nn.GELU(), nn.Linear(M, C))

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(B, T, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
        if hasattr(F, 'scaled_dot_product_attention'):
            o = F.scaled_dot_product_attention(q, k, v)
        else:
            o = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(C // self.h), -1) @ v
        x = x + self.proj(o.transpose(1, 2).reshape(B, T, C))
        return x + self.mlp(self.norm2(x))


def timed(step, repeats):
    step()
    sync()
    t0 = time.perf_counter()
    for _ in range(repeats):
        step()
    sync()
    return (time.perf_counter() - t0) / repeats * 1000


d = S['block']
model = Block(d['C'], d['H'], d['M']).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(d['B'], d['T'], d['C'], device=device)
target = torch.randn_like(x)


def step():
    opt.zero_grad(set_to_none=True)
    loss = F.mse_loss(model(x), target)
    loss.backward()
    opt.step()
    return loss.item()


print(json.dumps({'runtime': runtime(), 'rows': [{'name': 'block', 'ms': timed(step, S['repeats'] * 5), **d}]}))
