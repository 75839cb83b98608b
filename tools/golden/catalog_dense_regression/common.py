"""Shared state and functions of gen_catalog_dense_regression.py."""
import os

import torch
import torch.nn.functional as F

import golden
from catalog_golden import FamilyGrads, FamilyValues


golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


g = FamilyGrads("dense_regression", seed=20261127)
v = FamilyValues("dense_regression_values", seed=20261128)


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def act(x, activation):
    if activation == "softmax":
        return torch.sigmoid(x) if x.shape[1] == 1 else torch.softmax(x, 1)
    if activation == "sigmoid":
        return torch.sigmoid(x)
    return x


def dense_target(t, probs):
    """MONAI's one_hot(target[:, None], C) for class indices; float targets as given."""
    if t.dtype.is_floating_point:
        return t.to(probs.dtype) if t.dim() == probs.dim() else t.unsqueeze(1).to(probs.dtype)
    c = probs.shape[1]
    if c == 1:
        return t.unsqueeze(1).to(probs.dtype)
    return F.one_hot(t, c).movedim(-1, 1).to(probs.dtype)


def reduce(f, red):
    return f.mean() if red == "mean" else f.sum() if red == "sum" else f
