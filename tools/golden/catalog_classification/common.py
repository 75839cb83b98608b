"""Shared state and functions of gen_catalog_classification.py."""
import os

import torch

import golden
from catalog_golden import FamilyGrads


golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
g = FamilyGrads("classification", seed=20261214)
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


grad_case, value_case = g.grad, g.value


def rn(*shape, dtype=D, scale=1.0):
    return torch.randn(*shape, dtype=dtype) * scale


def classes(c, *shape):
    return torch.randint(0, c, shape, dtype=torch.int64)


def reduce(loss, red, keep=None):
    """none / sum / mean over the kept rows (mean of none kept = 0, torch's cross entropy gives nan)."""
    if keep is not None:
        loss = loss * keep
    if red == "none":
        return loss
    if red == "sum":
        return loss.sum()
    if keep is None:
        return loss.mean()
    n = keep.sum()
    # jgrad's convention: 0 when every target is ignored, with a zero gradient (torch's cross
    # entropy gives 0 / 0 = nan there; a batch of padding must not make the loss nan)
    return loss.sum() / torch.clamp(n, min=1)


def rows(x, t, ign):
    """Logits as [M, C] rows, safe targets, keep mask (as the Java side flattens dense inputs)."""
    c = x.shape[1]
    if x.dim() > 2:
        x = x.movedim(1, -1).reshape(-1, c)
        t = t.reshape(-1)
    keep = (t != ign).to(x.dtype)
    safe = torch.where(t == ign, torch.zeros_like(t), t)
    return x, safe, keep
