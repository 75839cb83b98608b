#!/usr/bin/python3
"""Peer timings for FftBench: numpy.fft (pocketfft, float64, one thread) and torch.fft at the same shapes.

Usage: /usr/bin/python3 bench/peers/fft_peer.py [--reps 15] [--torch-threads 2]
Prints one JSON object: {"results": [{"lib", "shape", "median_us", "best_us", "reps"}], ...}.
Shapes are FftBench's "BxN:kind:dtype": kind fft (real input, full spectrum), rfft, c2c (complex input).
numpy computes float32 inputs in float64 (numpy < 2), so its float32 row is a float64 transform.
"""
import argparse
import json
import time

import numpy as np

SHAPES = ["256x4096:fft:float64", "256x4099:fft:float64", "256x4096:rfft:float64", "256x4099:rfft:float64",
          "256x4096:c2c:float64", "256x4099:c2c:float64", "256x4096:rfft:float32"]


def make(lib, shape):
    dims, kind, dt = shape.split(":")
    b, n = (int(v) for v in dims.split("x"))
    rng = np.random.default_rng(42)
    if kind == "c2c":
        x = (rng.uniform(-1, 1, (b, n)) + 1j * rng.uniform(-1, 1, (b, n))).astype(np.complex128)
    else:
        x = rng.uniform(-1, 1, (b, n)).astype(np.float32 if dt == "float32" else np.float64)
    if lib == "numpy":
        f = np.fft.rfft if kind == "rfft" else np.fft.fft
        return lambda: f(x, axis=-1)
    import torch
    t = torch.from_numpy(x)
    f = torch.fft.rfft if kind == "rfft" else torch.fft.fft
    return lambda: f(t, dim=-1)


def measure(lib, shape, reps):
    f = make(lib, shape)
    for _ in range(3):
        f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1e6)
    times.sort()
    return {"lib": lib, "shape": shape, "median_us": times[len(times) // 2], "best_us": times[0], "reps": reps}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--torch-threads", type=int, default=2)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    a = ap.parse_args()
    import torch
    torch.set_num_threads(a.torch_threads)
    res = [measure(lib, s, a.reps) for s in a.shapes.split(",") for lib in ("numpy", "torch")]
    print(json.dumps({"results": res, "numpy": np.__version__, "torch": torch.__version__,
                      "torch_threads": a.torch_threads}, indent=1))


if __name__ == "__main__":
    main()
