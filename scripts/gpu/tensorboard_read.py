#!/usr/bin/env python3
"""TensorBoard itself reads the event files a `weatherlearn train` run wrote: every scalar tag with its
number of points and last value. Exit 3 when the tensorboard package is absent (the check reports
'skipped'), 1 when it finds no scalars. Usage: tensorboard_read.py <run dir>"""
import json
import os
import sys

try:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
except ImportError:
    print(json.dumps({'skipped': 'the tensorboard package is not installed'}))
    sys.exit(3)

run = sys.argv[1]
files = [os.path.join(d, f) for d, _, fs in os.walk(run) for f in fs if 'tfevents' in f]
scalars = {}
for f in files:
    acc = EventAccumulator(f, size_guidance={'scalars': 0})
    acc.Reload()
    for tag in acc.Tags().get('scalars', []):
        ev = acc.Scalars(tag)
        scalars[tag] = {'points': len(ev), 'last': ev[-1].value}
import tensorboard
print(json.dumps({'tensorboard': tensorboard.__version__, 'files': len(files), 'scalars': scalars}))
sys.exit(0 if scalars else 1)
