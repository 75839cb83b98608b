#!/usr/bin/env python3
"""Joins CudaBench (jgrad,...) and peer_bench.py (torch,...) lines into one table with the jgrad/torch
ratio. Usage: python3 tools/gpu/report.py bench-jgrad.csv bench-torch.csv"""
import sys

rows = {}
order = []
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        print(f"# {path}: {e}")
        continue
    for ln in lines:
        p = ln.split(",")
        if len(p) != 6 or p[0] not in ("jgrad", "torch"):
            continue
        key = (p[1], p[2])
        if key not in rows:
            rows[key] = {}
            order.append(key)
        rows[key][p[0]] = (float(p[3]), float(p[4]), p[5])
print(f"{'bench':<18} {'size':<11} {'jgrad ms':>10} {'jgrad rate':>12} {'torch ms':>10} {'torch rate':>12} {'unit':<8} {'jgrad/torch':>11}")
for key in order:
    j = rows[key].get("jgrad")
    t = rows[key].get("torch")
    unit = (j or t)[2]
    ratio = f"{j[1] / t[1]:.2f}" if j and t and t[1] > 0 else "-"
    js = f"{j[0]:>10.3f} {j[1]:>12.1f}" if j else f"{'-':>10} {'-':>12}"
    ts = f"{t[0]:>10.3f} {t[1]:>12.1f}" if t else f"{'-':>10} {'-':>12}"
    print(f"{key[0]:<18} {key[1]:<11} {js} {ts} {unit:<8} {ratio:>11}")
