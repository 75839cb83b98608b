"""Shared state and functions of gen_catalog_weight_reg.py."""
import os

import torch

import golden
from catalog_golden import FamilyGrads


golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D, S = torch.float64, torch.float32


g = FamilyGrads("weight_reg", seed=20261201)


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def t(values, dtype=D):
    return torch.tensor(values, dtype=dtype)


def matrix(w):
    return w.reshape(w.shape[0], -1)
