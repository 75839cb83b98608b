#!/usr/bin/python3
"""Matmul rows of one or more run-suite.sh runs as GFLOP/s (2*M*N*K / time): for each shape and
thread count, the median over the runs of each run's median time per call, for jgrad, numpy and
PyTorch, the ratio jgrad / numpy (above 1: jgrad faster), and jgrad's 2-thread / 1-thread speed-up
where both thread counts ran; then the same from the fastest repetition over all runs ("best": the
one least disturbed by other processes on a shared machine). Usage: /usr/bin/python3 bench/peers/suite_gflops.py DIR [DIR ...]
(directories holding suite.json)."""
import json
import os
import statistics
import sys


def flops(case):
    m, n, k = (int(v) for v in case.split("/", 1)[1].split(":")[0].split("x"))
    return 2.0 * m * n * k


def main():
    cells = {}
    for path in sys.argv[1:]:
        for r in json.load(open(os.path.join(path, "suite.json")))["rows"]:
            if not r["case"].startswith("MatmulBench/"):
                continue
            c = cells.setdefault((r["case"], r["threads"]), {"jgrad": [], "numpy": [], "torch": [],
                                                               "jgrad_best": [], "numpy_best": [], "torch_best": []})
            for lib in ("jgrad", "numpy", "torch"):
                if r.get(lib + "_us") is not None:
                    c[lib].append(r[lib + "_us"])
                if r.get(lib + "_best_us") is not None:
                    c[lib + "_best"].append(r[lib + "_best_us"])
    gf = lambda case, v: flops(case) / (statistics.median(v) * 1e3) if v else None
    gb = lambda case, v: flops(case) / (min(v) * 1e3) if v else None
    fmt = lambda v: "-" if v is None else "%.1f" % v
    print("| shape (MxNxK:form) | T | runs | jgrad GFLOP/s | numpy GFLOP/s | torch GFLOP/s | jgrad/numpy | jgrad T2/T1 "
          "| best: jgrad | numpy | torch | jgrad/numpy | jgrad T2/T1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    order = lambda key: (key[0].split(":")[1], flops(key[0]), key[0], key[1])
    for (case, t) in sorted(cells, key=order):
        c = cells[(case, t)]
        j, n, p = gf(case, c["jgrad"]), gf(case, c["numpy"]), gf(case, c["torch"])
        jb, nb, pb = gb(case, c["jgrad_best"]), gb(case, c["numpy_best"]), gb(case, c["torch_best"])
        scale = scale_best = "-"
        if t == 2 and (case, 1) in cells:
            scale = "%.2f" % (j / gf(case, cells[(case, 1)]["jgrad"]))
            scale_best = "%.2f" % (jb / gb(case, cells[(case, 1)]["jgrad_best"]))
        print("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            case.split("/", 1)[1], t, len(c["jgrad"]), fmt(j), fmt(n), fmt(p),
            "-" if n is None else "%.2f" % (j / n), scale, fmt(jb), fmt(nb), fmt(pb),
            "-" if nb is None else "%.2f" % (jb / nb), scale_best))


if __name__ == "__main__":
    main()
