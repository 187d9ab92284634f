#!/usr/bin/env python3
"""PyTorch reference for bench/torch.bench.ts: matMul GFLOP/s and one pre-norm transformer-block
training step (same sizes and ops as the tfjs benchmark: batch 8 x 64 tokens x 192 dims, 3 heads,
MLP 768, erf-GELU, Adam, MSE loss). Prints one JSON object. Usage: torch_reference.py [threads]"""
import json
import math
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 0
if threads > 0:
    torch.set_num_threads(threads)
torch.manual_seed(0)


def gflops(n, min_s=1.5, max_iters=20):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    iters, t0 = 0, time.perf_counter()
    while iters < max_iters and (iters < 2 or time.perf_counter() - t0 < min_s):
        (a @ b).sum().item()
        iters += 1
    return 2 * n ** 3 / ((time.perf_counter() - t0) / iters) / 1e9


B, T, C, H, M = 8, 64, 192, 3, 768
D = C // H


def param(*shape, scale=0.02):
    return torch.nn.Parameter(torch.randn(*shape) * scale)


p = dict(g1=torch.nn.Parameter(torch.ones(C)), b1=torch.nn.Parameter(torch.zeros(C)), wqkv=param(C, 3 * C),
         bqkv=torch.nn.Parameter(torch.zeros(3 * C)), wo=param(C, C), bo=torch.nn.Parameter(torch.zeros(C)),
         g2=torch.nn.Parameter(torch.ones(C)), b2=torch.nn.Parameter(torch.zeros(C)), w1=param(C, M),
         bm1=torch.nn.Parameter(torch.zeros(M)), w2=param(M, C), bm2=torch.nn.Parameter(torch.zeros(C)))


def ln(x, g, b):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) * torch.rsqrt(var + 1e-5) * g + b


def heads(x):
    return x.reshape(B, T, H, D).transpose(1, 2)


def forward(x):
    qkv = ln(x, p['g1'], p['b1']) @ p['wqkv'] + p['bqkv']
    q, k, v = (heads(t) for t in qkv.split(C, -1))
    att = torch.softmax(q @ k.transpose(-1, -2) * (1 / math.sqrt(D)), -1)
    o = (att @ v).transpose(1, 2).reshape(B, T, C)
    x1 = x + o @ p['wo'] + p['bo']
    h = ln(x1, p['g2'], p['b2']) @ p['w1'] + p['bm1']
    g = h * 0.5 * (1 + torch.erf(h / math.sqrt(2)))
    return x1 + g @ p['w2'] + p['bm2']


x, target = torch.randn(B, T, C), torch.randn(B, T, C)
opt = torch.optim.Adam(p.values(), lr=1e-3)


def step():
    opt.zero_grad()
    loss = ((forward(x) - target) ** 2).mean()
    loss.backward()
    opt.step()
    return loss.item()


step()
n, t0 = 0, time.perf_counter()
while n < 5 or time.perf_counter() - t0 < 3:
    step()
    n += 1
steps = n / (time.perf_counter() - t0)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                  "matmul1024": gflops(1024), "block_steps_per_s": steps}))
