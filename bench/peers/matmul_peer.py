#!/usr/bin/python3
"""Peer timings for MatmulBench: numpy and torch float32 matmul GFLOP/s at the same shapes.

Usage: /usr/bin/python3 bench/peers/matmul_peer.py [--threads 1,2] [--reps 9] [--shapes S,...]
Prints one JSON object: {"results": [{"lib", "coretype", "threads", "shape", "median", "best", "reps"}], ...}.

Shapes are MatmulBench's "MxNxK:form" (form NN; TN = A stored [K,M] and transposed; NT = B stored
[N,K] and transposed). Each (threads, OPENBLAS_CORETYPE) pair runs in a fresh subprocess, since
OpenBLAS reads OPENBLAS_NUM_THREADS / OPENBLAS_CORETYPE when it loads. Coretypes: unset (OpenBLAS
picks) and SkylakeX (AVX-512 kernels; PERF.md: Debian's OpenBLAS falls back to generic kernels on
some Xeons without it). A coretype the CPU cannot run (SIGILL) is reported, not fatal.
GFLOP/s = 2*M*N*K / median time over `reps` calls after 3 warm-up calls.
"""
import argparse
import ctypes
import json
import os
import subprocess
import sys
import time

SHAPES = ["64x64x64:NN", "128x128x128:NN", "256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN",
          "2048x2048x2048:NN", "1024x1024x1024:TN", "1024x1024x1024:NT",
          "128x256x784:NN", "128x256x784:NT", "784x256x128:TN",
          "128x10x256:NN", "128x10x256:NT", "256x10x128:TN"]


def operands(lib, shape):
    dims, form = shape.split(":")
    m, n, k = (int(v) for v in dims.split("x"))
    if lib == "numpy":
        import numpy as np
        rng = np.random.default_rng(42)
        r = lambda rows, cols: rng.uniform(-1, 1, (rows, cols)).astype(np.float32)
    else:
        import torch
        torch.manual_seed(42)
        r = lambda rows, cols: torch.rand(rows, cols) * 2 - 1
    a = r(k, m).T if form == "TN" else r(m, k)
    b = r(n, k).T if form == "NT" else r(k, n)
    return a, b, 2.0 * m * n * k


def measure(lib, shape, reps):
    a, b, flops = operands(lib, shape)
    if lib == "numpy":
        f = lambda: a @ b
    else:
        import torch
        f = lambda: torch.matmul(a, b)
    calls = max(1, int(2e8 // flops))  # time several calls per rep for tiny shapes
    for _ in range(3):
        f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            f()
        times.append((time.perf_counter() - t0) / calls)
    times.sort()
    return flops / times[len(times) // 2] / 1e9, flops / times[0] / 1e9


def child(threads, reps, shapes):
    import numpy  # noqa: F401  (loads OpenBLAS with the environment set by the parent)
    import torch
    torch.set_num_threads(threads)
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode()
    except OSError:
        core = "not OpenBLAS"
    out = []
    for lib_name in ["numpy", "torch"]:
        for s in shapes:
            med, best = measure(lib_name, s, reps)
            out.append({"lib": lib_name, "coretype": core, "threads": threads, "shape": s,
                        "median": round(med, 2), "best": round(best, 2), "reps": reps})
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--reps", type=int, default=9)
    p.add_argument("--shapes", default=",".join(SHAPES))
    p.add_argument("--coretypes", default="default,SkylakeX")
    p.add_argument("--child", type=int, default=0)
    args = p.parse_args()
    shapes = args.shapes.split(",")
    if args.child:
        child(args.child, args.reps, shapes)
        return
    results, notes = [], []
    for coretype in args.coretypes.split(","):
        for t in (int(v) for v in args.threads.split(",")):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), OMP_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
            env.pop("OPENBLAS_CORETYPE", None)
            if coretype != "default":
                env["OPENBLAS_CORETYPE"] = coretype
            cmd = [sys.executable, __file__, "--child", str(t), "--reps", str(args.reps), "--shapes", args.shapes]
            r = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                why = "illegal instruction (this CPU lacks the kernel's ISA)" if r.returncode == -4 else r.stderr[-300:]
                notes.append({"coretype": coretype, "threads": t, "error": why})
                continue
            for row in json.loads(r.stdout.strip().splitlines()[-1]):
                row["requested_coretype"] = coretype
                results.append(row)
    print(json.dumps({"results": results, "notes": notes,
                      "numpy": __import__("numpy").__version__, "torch": __import__("torch").__version__}, indent=1))


if __name__ == "__main__":
    main()
