#!/usr/bin/env python3
"""Writes CHARTS synthetic spaces of ROWS x WIDTH float32 (numpy.save, chunked through a memmap) for the
out-of-core merge measurement: chart t holds ROWS ids drawn without replacement from a pool of
1.25 x ROWS (sorted, except the last chart's, which are shuffled: scattered reads), and the anchors are
ANCHORS ids held by every chart. Usage: scripts/big-spaces.py DIR CHARTS ROWS WIDTH ANCHORS [SEED]"""
import os
import sys

import numpy as np

out, charts, rows, width, anchors = sys.argv[1], *map(int, sys.argv[2:6])
seed = int(sys.argv[6]) if len(sys.argv) > 6 else 0
rng = np.random.default_rng(seed)
os.makedirs(out, exist_ok=True)
pool = int(rows * 1.25)
common = rng.choice(pool, size=anchors, replace=False)
for t in range(charts):
    rest = np.setdiff1d(np.arange(pool), common)
    ids = np.concatenate([common, rng.choice(rest, size=rows - anchors, replace=False)])
    ids = rng.permutation(ids) if t == charts - 1 else np.sort(ids)
    np.save(os.path.join(out, f"c{t}.ids.npy"), ids.astype("<i8"))
    x = np.lib.format.open_memmap(os.path.join(out, f"c{t}.npy"), mode="w+", dtype="<f4", shape=(rows, width))
    step = 1 << 18
    for first in range(0, rows, step):
        n = min(step, rows - first)
        x[first:first + n] = rng.standard_normal((n, width), dtype=np.float32)
    x.flush()
    del x
np.save(os.path.join(out, "anchors.npy"), common.astype("<i8"))
