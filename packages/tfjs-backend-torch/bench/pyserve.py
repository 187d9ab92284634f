#!/usr/bin/env python3
"""PyTorch side of bench/paired.ts: loads a twin script (its timing block stays under
`if __name__ == '__main__'`), then speaks the same line protocol as bench/step-worker.ts:
prints {"ready":true,"base_rss_mib":…} (base: after `import torch`, before the model), answers each
line N with {"ms":[…],"peak_rss_mib":…}, and exits on `quit` or end of input.
Usage: pyserve.py SCRIPT STEP_ARG|- ARGS...   (STEP_ARG: a literal passed to step(), e.g. False)"""
import json
import resource
import runpy
import sys
import time

import torch  # noqa: F401  (the base RSS includes torch, as ours includes libtorch)


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


base = rss_mib()
script, step_arg = sys.argv[1], sys.argv[2]
sys.argv = [script] + sys.argv[3:]
g = runpy.run_path(script, run_name='bench_twin')
step = g['step'] if step_arg == '-' else (lambda: g['step'](eval(step_arg)))
print(json.dumps({'ready': True, 'base_rss_mib': base, 'torch': torch.__version__, 'threads': torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    if line.strip() == 'quit':
        break
    ms = []
    for _ in range(int(line)):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({'ms': ms, 'peak_rss_mib': rss_mib()}), flush=True)
