#!/usr/bin/env python3
"""PyTorch twin of `bin/jgrad train --dataset fashion-mnist --model mlp|cnn` for time-per-epoch
comparisons on the same machine in the same run (bench/run-train.sh runs both).

Same data (the IDX files), same model shapes, optimizer (AdamW lr 3e-3, weight decay 1e-4),
cosine schedule stepped per epoch, batch 32, shuffled each epoch. Prints one JSON line per
epoch: {"epoch", "seconds", "train_loss", "test_accuracy"}. Run with /usr/bin/python3
(Debian's python3-torch 1.13).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic == 0x0803:
        n, r, c = struct.unpack(">III", data[4:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, r, c).astype(np.float32) / 255.0
    n = struct.unpack(">I", data[4:8])[0]
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


def model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 7 * 7, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--model", default="mlp", choices=["mlp", "cnn"])
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.manual_seed(42)
    torch.set_num_threads(a.threads)
    d = a.data_dir
    xtr = torch.from_numpy(idx(os.path.join(d, "train-images-idx3-ubyte.gz"))).unsqueeze(1)
    ytr = torch.from_numpy(idx(os.path.join(d, "train-labels-idx1-ubyte.gz")))
    xte = torch.from_numpy(idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"))).unsqueeze(1)
    yte = torch.from_numpy(idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz")))
    m = model(a.model)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, a.epochs)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        m.train()
        perm = torch.randperm(len(ytr))
        total = 0.0
        for i in range(0, len(ytr), 32):
            idx_b = perm[i:i + 32]
            loss = loss_fn(m(xtr[idx_b]), ytr[idx_b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx_b)
        sched.step()
        secs = time.perf_counter() - t0
        m.eval()
        with torch.no_grad():
            acc = (m(xte).argmax(1) == yte).float().mean().item()
        print(json.dumps({"epoch": epoch, "seconds": round(secs, 3), "train_loss": total / len(ytr),
                          "test_accuracy": acc, "torch": torch.__version__, "threads": a.threads}), flush=True)


if __name__ == "__main__":
    main()
