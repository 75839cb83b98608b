"""Golden cases of the weight_reg family (gen_catalog_weight_reg.py): hypersparse_reg;
art_schedule; soft_threshold; lobster_sensitivity_decay.
"""
import math

import torch

from catalog_weight_reg.common import D, S, g, rn, t


# ---- hypersparse_reg (paper 45): HyperSparse/loss/HyperSparse.py -------------------------------
def hyper_sparse(*ws, prune_rate):
    w = torch.cat([x.reshape(-1) for x in ws])
    w_abs = w.abs()
    w_sort, _ = torch.sort(w_abs.detach())
    s = 0.6585 / w_sort[math.floor(prune_rate * w_sort.shape[0])]
    w_sum = torch.sum(torch.tanh(s * w_abs))
    hs = w_abs * w_sum
    hs = hs / w_sum.detach()
    hs = hs - w.abs()
    return hs.sum()


# ---- art_schedule (paper 45): the ART term and magnitude pruning, HyperSparse train.py/pruner.py --
def mag_prune(ws, rate):
    flat = torch.cat([w.abs().reshape(-1) for w in ws])
    thresh = torch.sort(flat)[0][math.floor(flat.shape[0] * rate)]
    return [w * (w.abs() > thresh).to(w.dtype) for w in ws]


# ---- soft_threshold (paper 53): soft / hard thresholding and the lasso objective --------------
def away(v, theta, margin=0.05):
    """Moves entries off the kinks |v| = theta."""
    bad = (v.abs() - theta).abs() < margin
    return torch.where(bad, v + torch.sign(v) * 2 * margin, v)


# ---- lobster_sensitivity_decay (paper 73): w - lambda w relu(1 - |g|) ------------------------
def lobster(w, grad, lam, rescaled):
    s = grad.abs()
    if rescaled:
        s = s / max(s.max().item(), 1e-10)
        sbar = 1 - s
    else:
        sbar = torch.relu(1 - s)
    return w - lam * w * sbar


def add_hypersparse():
    """Cases of: hypersparse_reg (paper 45): HyperSparse/loss/HyperSparse.py"""
    HS = "hypersparse_reg"


    g.grad(HS, "hyperSparse", [t([0.01, -0.5, 2.0, 0.05, -1.0])], lambda w: hyper_sparse(w, prune_rate=0.6), {"prune_rate": 0.6},
           note="catalog reference: dHS/d|w| = [1.30177144, 1.17030874, 0.32543324, 1.30041765, 0.86786416]")
    for dt, shapes, kappa in [(D, [(4, 3), (2, 3, 2, 2)], 0.9), (D, [(10,)], 0.0), (D, [(6, 5), (5,)], 0.5), (S, [(8, 4), (3, 8)], 0.9),
                              (S, [(33,)], 0.7)]:
        ins = [rn(*s, dtype=dt) for s in shapes]
        g.grad(HS, "hyperSparse", ins, lambda *ws: hyper_sparse(*ws, prune_rate=kappa), {"prune_rate": kappa})
    w = t([0.0, 0.3, -0.2, 0.0, 1.1, -0.7])
    g.grad(HS, "hyperSparse", [w], lambda w: hyper_sparse(w, prune_rate=0.5), {"prune_rate": 0.5},
           note="exact zeros: d|w|/dw = 0 there (torch's abs)")


def add_art_schedule():
    """Cases of: art_schedule (paper 45): the ART term and magnitude pruning, HyperSparse train.py/pruner.py"""
    ART = "art_schedule"
    for dt, shapes, epoch, warm in [(D, [(5, 4), (3, 2, 2)], 1, 0), (D, [(6, 3)], 7, 3), (S, [(8, 4), (4, 3)], 12, 2)]:
        # train.py: alpha = lambda_init * eta ** (epoch - warmup_epochs) with a 0-based epoch; 'epoch' here is 1-based
        alpha = 5e-3 * 1.05 ** float((epoch - 1) - warm)
        g.grad(ART, "artPenalty", [rn(*s, dtype=dt) for s in shapes], lambda *ws: alpha * hyper_sparse(*ws, prune_rate=0.6),
               {"epoch": epoch, "warmup_epochs": warm, "lambda_init": 5e-3, "eta": 1.05, "prune_rate": 0.6})


    for dt, shapes, rate in [(D, [(5, 4), (3, 6)], 0.9), (D, [(10,)], 0.5), (S, [(7, 3), (2, 2, 2)], 0.75)]:
        ws = [rn(*s, dtype=dt) for s in shapes]
        g.value(ART, "magnitudePrune", ws, mag_prune(ws, rate), {"prune_rate": rate})


def add_soft_threshold():
    """Cases of: soft_threshold (paper 53): soft / hard thresholding and the lasso objective"""
    ST = "soft_threshold"


    for dt in (D, S):
        th = t(0.4, dt)
        v = away(rn(3, 5, dtype=dt), 0.4)
        g.grad(ST, "softThreshold", [v, th], lambda v, th: torch.sign(v) * torch.relu(v.abs() - th))
        g.grad(ST, "hardThreshold", [v, th], lambda v, th: v * (v.abs() > th).to(v.dtype), note="d theta = 0")
        y, a, x = rn(4, 3, dtype=dt), rn(3, 6, dtype=dt), rn(4, 6, dtype=dt)
        for red in ("none", "mean", "sum"):
            def lasso(y, a, x, red=red):
                r = 0.5 * ((y - x @ a.t()) ** 2).sum(-1) + 0.2 * x.abs().sum(-1)
                return r if red == "none" else (r.mean() if red == "mean" else r.sum())
            g.grad(ST, "lassoObjective", [y, a, x], lasso, {"lambda": 0.2, "reduction": red}, diff=[0, 1, 2])


def add_proximal_l1():
    """Cases of: proximal_l1_step (paper 66): sign(w) max(|w| - tau, 0)"""
    PL1 = "proximal_l1_step"
    for dt in (D, S):
        for tau in (0.0, 0.25, 3.0):
            w = rn(4, 5, dtype=dt)
            g.value(PL1, "proxL1", [w], [torch.sign(w) * torch.clamp(w.abs() - tau, min=0)], {"tau": tau})


def add_lobster():
    """Cases of: lobster_sensitivity_decay (paper 73): w - lambda w relu(1 - |g|)"""
    LOB = "lobster_sensitivity_decay"


    w, gr = t([0.5, -0.2, 0.01]), t([0.1, 2.0, 0.0])
    want = lobster(w, gr, 1e-4, False)
    assert torch.allclose(want, t([0.499955, -0.2, 0.009999]), atol=1e-12)
    g.value(LOB, "lobsterStep", [w, gr], [want], {"lambda": 1e-4, "rescaled": False}, note="catalog reference step")
    for dt in (D, S):
        for rescaled in (False, True):
            w, gr = rn(4, 6, dtype=dt), rn(4, 6, dtype=dt)
            g.value(LOB, "lobsterStep", [w, gr], [lobster(w, gr, 0.05, rescaled)], {"lambda": 0.05, "rescaled": rescaled})
