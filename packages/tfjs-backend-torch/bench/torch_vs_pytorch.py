#!/usr/bin/env python3
"""PyTorch side of torch-vs-pytorch.bench.ts: one training step of a pre-norm transformer block
written the idiomatic way (nn.LayerNorm, nn.Linear, nn.GELU, torch.optim.Adam, MSE), the same sizes
and ops as test/transformer-block.ts. Prints one JSON object with the mean step time in ms.
Usage: torch_vs_pytorch.py threads B T C H M repeats"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads, B, T, C, H, M, repeats = (int(a) for a in sys.argv[1:8])
torch.set_num_threads(threads)
torch.set_flush_denormal(True)
torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.qkv, self.proj = nn.LayerNorm(C), nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.norm2 = nn.LayerNorm(C)
        self.mlp = nn.Sequential(nn.Linear(C, M), nn.GELU(), nn.Linear(M, C))

    def forward(self, x):
        q, k, v = self.qkv(self.norm1(x)).reshape(B, T, 3, H, C // H).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-2, -1) * (C // H) ** -0.5).softmax(-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(B, T, C))
        return x + self.mlp(self.norm2(x))


block = Block()
opt = torch.optim.Adam(block.parameters(), lr=1e-3)
x, target = torch.randn(B, T, C), torch.randn(B, T, C)


def step():
    opt.zero_grad()
    loss = F.mse_loss(block(x), target)
    loss.backward()
    opt.step()
    return loss.item()


if __name__ == '__main__':  # bench/pyserve.py imports step() without this
    step()
    t0 = time.perf_counter()
    for _ in range(repeats):
        step()
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'step_ms': (time.perf_counter() - t0) / repeats * 1000}))
