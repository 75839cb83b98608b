"""Golden cases of the classification family (gen_catalog_classification.py): nested_dropout."""
import numpy as np
import torch
import torch.nn.functional as F

from catalog_classification.common import D, S, grad_case, rn, value_case


# ---- nested_dropout: P(k) -----------------------------------------------------------------------------
def gaussian_dist(mu, std, n):
    dist = np.array([np.exp(-((i - mu) / std) ** 2) for i in range(1, n + 1)])
    return dist / np.sum(dist)


def add_entropy_min_and_spectral_decoupling():
    """Cases of: entropy_min_loss and spectral_decoupling"""
    for dt in (D, S):
        for shape in ((5, 4), (2, 3, 2), (1, 6)):
            grad_case("entropy_min_loss", "entropy", [rn(*shape, dtype=dt, scale=2.0)],
                      lambda x: -(F.softmax(x, 1) * F.log_softmax(x, 1)).sum(1).mean(), {}, double=dt == D)
            grad_case("spectral_decoupling", "spectralDecoupling", [rn(*shape, dtype=dt)], lambda x: (x ** 2).mean(), {},
                      double=dt == D)
        yb = torch.tensor([1, 0, 1, 1, 0, 0])


        def spw3(yhat, y, g1, g0):
            pos, neg = (y == 1), (y == 0)
            out = torch.zeros((), dtype=yhat.dtype)
            if pos.any():
                out = out + ((yhat[torch.where(pos)] - g1) ** 2).mean()
            if neg.any():
                out = out + ((yhat[torch.where(neg)] - g0) ** 2).mean()
            return out


        for yy in (yb, torch.ones(6, dtype=torch.int64)):
            grad_case("spectral_decoupling", "spectralDecouplingPerClass", [rn(6, 1, dtype=dt), yy],
                      lambda x, t: spw3(x, t, 2.5, 0.44), {"gamma_pos": 2.5, "gamma_neg": 0.44}, diff=[0],
                      note=None if yy is yb else "empty class")
    grad_case("entropy_min_loss", "entropy", [torch.tensor([[1e4, -1e4, 0.0], [0.0, 0.0, 0.0]], dtype=D)],
              lambda x: -(F.softmax(x, 1) * F.log_softmax(x, 1)).sum(1).mean(), {}, note="+-1e4; uniform row gives log 3")


def add_nested_dropout():
    """Cases of: nested_dropout: P(k)"""
    for n, mu, std in ((8, 0.0, 2.0), (64, 0.0, 10.0), (5, 2.0, 1.0), (1, 0.0, 3.0)):
        value_case("nested_dropout", "nestedDistribution", [], [torch.tensor(gaussian_dist(mu, std, n), dtype=D)],
                   {"n": n, "mu": mu, "sigma": std}, note="reference N=8, sigma=2" if n == 8 else None)
