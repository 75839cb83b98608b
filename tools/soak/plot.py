#!/usr/bin/env python3
"""Plots a soak CSV (tools/soak/run.sh) and prints a summary: the first and last fifth of the run
compared for heap after GC, pool size and step time (a leak or a slowdown shows as a ratio > 1)."""
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
t = [float(r["seconds"]) / 60 for r in rows]
series = [("heap_after_gc_mib", "heap in use after GC (MiB)"), ("pool_mib", "CPU buffer pool (MiB)"),
          ("step_ms", "time per training step (ms)"), ("epochs", "epochs finished")]
fig, axes = plt.subplots(len(series), 1, figsize=(8, 9), sharex=True)
for ax, (key, label) in zip(axes, series):
    ax.plot(t, [float(r[key]) for r in rows], lw=1.2)
    ax.set_ylabel(label, fontsize=8)
    ax.grid(alpha=0.3)
    ax.set_ylim(bottom=0)
axes[-1].set_xlabel("minutes")
fig.suptitle("jgrad soak: " + sys.argv[1].split("/")[-1])
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=90)


def stats(key):
    v = [float(r[key]) for r in rows if r[key] not in ("NaN", "nan")]
    k = max(1, len(v) // 5)
    first, last = v[:k], v[-k:]
    m = lambda a: sum(a) / len(a)
    return m(first), m(last), max(v), min(v)


for key in ("heap_after_gc_mib", "pool_mib", "step_ms", "threads"):
    a, b, hi, lo = stats(key)
    print("%-18s first fifth %9.2f  last fifth %9.2f  ratio %5.2f  min %9.2f  max %9.2f" % (key, a, b, b / a if a else float("nan"), lo, hi))
print("samples %d over %.1f min; epochs %s; GCs %s" % (len(rows), t[-1] if t else 0, rows[-1]["epochs"], rows[-1]["gc_count"]))
