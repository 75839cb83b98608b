#!/usr/bin/python3
"""numpy and PyTorch twins of the jgrad JMH suite (bench/src/main/java/io/jgrad/bench/*Bench.java).

Usage: /usr/bin/python3 bench/peers/ops_peer.py --threads 2 --cases ElementwiseBench/add:16M,...
Prints one JSON object {"results": [{"case", "lib", "threads", "median_us", "best_us", "reps"}], "numpy",
"torch", "openblas_core"}. A case is "<Bench>/<name>:<size>" exactly as the JMH @Param; a library
with no such op (numpy has no conv2d or autograd) is left out. Float32, the same shapes, dtypes and
layouts as the Java side (values come from each library's own seeded generator). Time per call:
median of `reps` repetitions after warm-up, each repetition averaging enough calls to last ~20 ms.
MatmulBench cases ("MatmulBench/1024x1024x1024:NN") reuse matmul_peer.py's operands.
"""
import argparse
import ctypes
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def count(s):
    return int(s[:-1]) << 20 if s.endswith("M") else int(s)


def dims(s):
    return [int(v) for v in s.split("x")]


def uniform(lib, shape, seed):
    if lib == "numpy":
        return np.random.default_rng(seed).uniform(-1, 1, shape).astype(np.float32)
    g = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=g) * 2 - 1


def indices(lib, high, shape, seed):
    if lib == "numpy":
        return np.random.default_rng(seed).integers(0, high, shape, dtype=np.int64)
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, high, shape, generator=g)


def elementwise(lib, name, size):
    if name == "addBroadcast":
        d = dims(size)
        a, b = uniform(lib, d, 1), uniform(lib, [d[1]], 2)
    elif name == "addTransposed":
        d = dims(size)
        a, b = uniform(lib, d, 1), uniform(lib, [d[1], d[0]], 2).T
    else:
        a, b = uniform(lib, [count(size)], 1), uniform(lib, [count(size)], 2)
    if lib == "numpy":
        ops = {"add": lambda: a + b, "mul": lambda: a * b, "exp": lambda: np.exp(a),
               "sigmoid": lambda: 1 / (1 + np.exp(-a)), "tanh": lambda: np.tanh(a),
               "relu": lambda: np.maximum(a, 0), "addInPlace": lambda: np.add(a, b, out=a)}
    else:
        ops = {"add": lambda: a + b, "mul": lambda: a * b, "exp": lambda: torch.exp(a),
               "sigmoid": lambda: torch.sigmoid(a), "tanh": lambda: torch.tanh(a), "relu": lambda: torch.relu(a),
               "addInPlace": lambda: a.add_(b)}
    ops["addBroadcast"] = ops["add"]
    ops["addTransposed"] = ops["add"]
    return ops.get(name)


def reduction(lib, name, size):
    x = uniform(lib, dims(size) if "x" in size else [count(size)], 3)
    if lib == "numpy":
        return {"sum": lambda: x.sum(), "max": lambda: x.max(), "sumRows": lambda: x.sum(1),
                "sumCols": lambda: x.sum(0)}.get(name)
    return {"sum": lambda: x.sum(), "max": lambda: x.max(), "sumRows": lambda: x.sum(1), "sumCols": lambda: x.sum(0),
            "softmax": lambda: torch.softmax(x, 1), "logSoftmax": lambda: torch.log_softmax(x, 1)}.get(name)


def indexing(lib, name, size):
    if name in ("gather", "scatterAdd"):
        d = dims(size)
        x, idx, src = uniform(lib, [d[0], d[1]], 4), indices(lib, d[1], [d[0], d[2]], 5), uniform(lib, [d[0], d[2]], 6)
        if lib == "numpy":
            def scatter_add():
                out = x.copy()
                rows = np.broadcast_to(np.arange(d[0])[:, None], idx.shape)
                np.add.at(out, (rows, idx), src)
                return out
            return {"gather": lambda: np.take_along_axis(x, idx, 1), "scatterAdd": scatter_add}[name]
        return {"gather": lambda: torch.gather(x, 1, idx), "scatterAdd": lambda: x.scatter_add(1, idx, src)}[name]
    if name == "sort":
        x = uniform(lib, [count(size)], 4)
        return (lambda: np.sort(x, kind="stable")) if lib == "numpy" else (lambda: torch.sort(x, stable=True))
    x = uniform(lib, dims(size), 4)
    return (lambda: np.sort(x, 1, kind="stable")) if lib == "numpy" else (lambda: torch.sort(x, dim=1, stable=True))


def conv(lib, name, size):
    if lib == "numpy":
        return None
    shape, out = size.split("-")
    d = dims(shape)
    bwd = name == "fwdBwd"
    x = uniform(lib, d, 7).requires_grad_(bwd)
    w = uniform(lib, [int(out), d[1], 3, 3], 8).requires_grad_(bwd)
    b = uniform(lib, [int(out)], 9).requires_grad_(bwd)
    if not bwd:
        return lambda: F.conv2d(x, w, b, 1, 1)

    def step():
        x.grad = w.grad = b.grad = None
        F.conv2d(x, w, b, 1, 1).sum().backward()
    return step


def train_step(lib, name, size):
    if lib == "numpy":
        return None
    torch.manual_seed(42)
    batch = int(size)
    if name == "mlp":
        model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        x = uniform(lib, [batch, 64], 10)
    else:
        model = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3, padding=1),
                              nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 7 * 7, 10))
        x = uniform(lib, [batch, 1, 28, 28], 10)
    y = indices(lib, 10, [batch], 11)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()
    return step


def overhead(lib, name, size):
    if name == "mm":
        a, b = uniform(lib, [4, 4], 12), uniform(lib, [4, 4], 13)
        return lambda: a @ b
    a, b = uniform(lib, [4], 12), uniform(lib, [4], 13)
    if name == "addGrad":
        if lib == "numpy":
            return None
        a.requires_grad_(True)
    return lambda: a + b


def matmul(lib, name, size):
    import matmul_peer
    a, b, _ = matmul_peer.operands(lib, name + ":" + size)
    return (lambda: a @ b) if lib == "numpy" else (lambda: torch.matmul(a, b))


FAMILIES = {"ElementwiseBench": elementwise, "ReductionBench": reduction, "IndexingBench": indexing,
            "ConvBench": conv, "StepBench": train_step, "OverheadBench": overhead, "MatmulBench": matmul}


def build(lib, case):
    bench, c = case.split("/", 1)
    if bench == "MatmulBench":
        name, size = c.split(":")[0], c.split(":")[1]
        return FAMILIES[bench](lib, name, size)
    name, size = c.split(":", 1)
    if bench not in FAMILIES:
        raise SystemExit("unknown benchmark family '%s' in case '%s'" % (bench, case))
    return FAMILIES[bench](lib, name, size)


def measure(f, reps):
    f()
    t0 = time.perf_counter()
    f()
    one = max(time.perf_counter() - t0, 1e-7)
    calls = max(1, int(0.02 / one))
    for _ in range(max(2, calls)):
        f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            f()
        times.append((time.perf_counter() - t0) / calls)
    times.sort()
    return times[len(times) // 2] * 1e6, times[0] * 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--cases", required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode()
    except OSError:
        core = "not OpenBLAS"
    results = []
    for case in a.cases.split(","):
        for lib_name in ("numpy", "torch"):
            f = build(lib_name, case)
            if f is None:
                continue
            med, best = measure(f, a.reps)
            results.append({"case": case, "lib": lib_name, "threads": a.threads, "median_us": round(med, 3),
                            "best_us": round(best, 3), "reps": a.reps})
    print(json.dumps({"results": results, "numpy": np.__version__, "torch": torch.__version__,
                      "openblas_core": core}))


if __name__ == "__main__":
    main()
