#!/usr/bin/env python3
"""PyTorch's side of the GPU check's collectives row: torch.distributed at world size 1 (FileStore),
allreduce + broadcast + barrier of one float32 buffer, with the Gloo backend (CPU tensor) and, when
CUDA and NCCL are there, the NCCL backend (tensor on the device). Prints one JSON object.
Usage: nccl.py <device> <gpu|cpu> [sizes.json]"""
import json
import os
import sys
import tempfile
import time

import torch
import torch.distributed as dist

device = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
size = sys.argv[2] if len(sys.argv) > 2 else 'cpu'
table = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sizes.json')
S = json.load(open(table))[size]
n, repeats = S['collective']['floats'], S['repeats'] * 5


def round_trip(backend, dev):
    with tempfile.TemporaryDirectory() as d:
        store = dist.FileStore(os.path.join(d, 'store'), 1)
        dist.init_process_group(backend, store=store, rank=0, world_size=1)
        try:
            buf = torch.ones(n, device=dev)

            def once():
                dist.all_reduce(buf)
                dist.broadcast(buf, 0)
                dist.barrier()
                if dev != 'cpu':
                    torch.cuda.synchronize()
            once()
            t0 = time.perf_counter()
            for _ in range(repeats):
                once()
            ms = (time.perf_counter() - t0) / repeats * 1000
            ok = bool((buf == 1).all().item())
            return {'name': backend, 'ms': ms, 'floats': n, 'ok': ok}
        finally:
            dist.destroy_process_group()


rows = [round_trip('gloo', 'cpu')]
if device.startswith('cuda') and dist.is_nccl_available():
    torch.cuda.set_device(torch.device(device))
    rows.append(round_trip('nccl', device))
print(json.dumps({'torch': torch.__version__, 'nccl_available': dist.is_nccl_available(), 'rows': rows}))
