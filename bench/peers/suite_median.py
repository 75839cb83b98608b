#!/usr/bin/python3
"""Medians over several run-suite.sh runs: for each (case, threads), the median of each library's
time per call across the runs given (directories holding suite.json), and the peer/jgrad ratios
of those medians. Usage: /usr/bin/python3 bench/peers/suite_median.py DIR [DIR ...]
A run can be left out of one case family with DIR:-StepBench,ConvBench (e.g. a run whose
warm-up was too short for them)."""
import json
import os
import statistics
import sys


def main():
    cells = {}
    for arg in sys.argv[1:]:
        path, _, skip = arg.partition(":-")
        skip = set(skip.split(",")) if skip else set()
        for r in json.load(open(os.path.join(path, "suite.json")))["rows"]:
            if r["case"].split("/")[0] in skip:
                continue
            c = cells.setdefault((r["case"], r["threads"]), {"jgrad": [], "numpy": [], "torch": [], "alloc": [],
                                                               "jgrad_best": [], "numpy_best": [], "torch_best": []})
            c["jgrad"].append(r["jgrad_us"])
            c["jgrad_best"].append(r["jgrad_best_us"])
            for lib in ("numpy", "torch"):
                if r.get(lib + "_us") is not None:
                    c[lib].append(r[lib + "_us"])
                if r.get(lib + "_best_us") is not None:
                    c[lib + "_best"].append(r[lib + "_best_us"])
            if r.get("alloc_bytes_per_op") is not None:
                c["alloc"].append(r["alloc_bytes_per_op"])
    med = lambda v: statistics.median(v) if v else None
    fmt = lambda v: "-" if v is None else ("%.3g" % v if v < 100 else "%.0f" % v)
    ratio = lambda p, j: "-" if p is None else "%.2f" % (p / j)
    low = lambda v: min(v) if v else None
    print("| case | T | runs | jgrad us | numpy us | torch us | numpy/jgrad | torch/jgrad | best: jgrad us | numpy | torch "
          "| numpy/jgrad | torch/jgrad | alloc B/op |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (case, t), c in sorted(cells.items()):
        j, n, p, a = med(c["jgrad"]), med(c["numpy"]), med(c["torch"]), med(c["alloc"])
        jb, nb, pb = low(c["jgrad_best"]), low(c["numpy_best"]), low(c["torch_best"])
        print("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            case, t, len(c["jgrad"]), fmt(j), fmt(n), fmt(p), ratio(n, j), ratio(p, j),
            fmt(jb), fmt(nb), fmt(pb), ratio(nb, jb), ratio(pb, jb), "-" if a is None else "%.0f" % a))


if __name__ == "__main__":
    main()
