#!/usr/bin/python3
"""Peer timings for LinalgBench: numpy.linalg.svd (full_matrices=False), svd(compute_uv=False)
and eigh on float64 n x n matrices (uniform [-1, 1); eigh on A + A^T), n = 256 and 1024.

Usage: /usr/bin/python3 bench/peers/linalg_peer.py [--threads 1] [--reps 5]
OPENBLAS_NUM_THREADS is set before numpy loads (default 1: LinalgBench's kernels are
single-threaded). Prints one JSON object with the median and best seconds per (op, n) after one
warm-up call, and the load average before and after.
"""
import argparse
import json
import os
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", default="1")
ap.add_argument("--reps", type=int, default=5)
args = ap.parse_args()
os.environ["OPENBLAS_NUM_THREADS"] = args.threads
os.environ["OMP_NUM_THREADS"] = args.threads
import numpy as np  # noqa: E402

rng = np.random.default_rng(42)
load_before = os.getloadavg()
results = []
for n in (256, 1024):
    a = rng.uniform(-1, 1, (n, n))
    s = a + a.T
    ops = {"svd": lambda: np.linalg.svd(a, full_matrices=False),
           "svdvals": lambda: np.linalg.svd(a, compute_uv=False),
           "eigh": lambda: np.linalg.eigh(s)}
    for name, f in ops.items():
        f()
        ts = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t0)
        ts.sort()
        results.append({"op": name, "n": n, "median_s": ts[len(ts) // 2], "best_s": ts[0], "reps": args.reps})
print(json.dumps({"lib": "numpy " + np.__version__, "threads": args.threads, "load_before": load_before,
                  "load_after": os.getloadavg(), "results": results}, indent=1))
