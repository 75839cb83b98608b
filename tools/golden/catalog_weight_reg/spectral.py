"""Golden cases of the weight_reg family (gen_catalog_weight_reg.py): spectral_sigma_reg;
wasserstein_init_reg; norm_loss.
"""
import torch
import torch.nn.functional as F

from catalog_weight_reg.common import D, S, g, matrix, rn, t


# ---- spectral_sigma_reg (paper 11): sigma as torch.nn.utils.spectral_norm, (sigma^k - 1)^2 ----
def power_sigma(w, u, n, eps=1e-12):
    m = matrix(w)
    with torch.no_grad():
        uu = u.clone()
        for _ in range(n):
            v = F.normalize(torch.mv(m.t(), uu), dim=0, eps=eps)
            uu = F.normalize(torch.mv(m, v), dim=0, eps=eps)
    return torch.dot(uu, torch.mv(m, v))


def torch_spectral_norm_sigma(w, u, n):
    """sigma from torch.nn.utils.spectral_norm itself (first training-mode forward)."""
    if w.dim() == 2:
        mod = torch.nn.Linear(w.shape[1], w.shape[0], bias=False).to(w.dtype)
    else:
        mod = torch.nn.Conv2d(w.shape[1], w.shape[0], w.shape[2:], bias=False).to(w.dtype)
    with torch.no_grad():
        mod.weight.copy_(w)
    mod = torch.nn.utils.spectral_norm(mod, n_power_iterations=n)
    with torch.no_grad():
        mod.weight_u.copy_(u)
    mod.train()
    mod(torch.zeros((1, w.shape[1]) + ((4, 4) if w.dim() == 4 else ()), dtype=w.dtype))
    return (mod.weight_orig / mod.weight).flatten()[0].detach()


# ---- wasserstein_init_reg (paper 11 v1): 1-D W2^2 between sorted current and initial weights --
def wasserstein(theta, theta0, red="mean"):
    d = (torch.sort(theta.reshape(-1))[0] - torch.sort(theta0.reshape(-1))[0]) ** 2
    return d.mean() if red == "mean" else d.sum()


# ---- norm_loss (paper 14): sum_f (1 - ||w_f||)^2, summed over filters as the Norm Loss step of
# lessw2020/Ranger21 ranger21/ranger21.py @ f5422d1a: w_f *= 1 - lr * 2 * factor * (1 - 1 / ||w_f||) ------
def norm_loss(w, red):
    d = (1 - matrix(w).norm(dim=1)) ** 2
    return d.sum() if red == "sum" else d.mean()


def add_nuclear_norm():
    """Cases of: nuclear_norm_regularizer (paper 76): torch.linalg.matrix_norm(W, 'nuc') and SVT"""
    NUC = "nuclear_norm_regularizer"
    for dt, shape, dbl in [(D, (4, 3), True), (D, (3, 5), True), (D, (4, 2, 2, 2), False), (D, (1, 5), False),
                           (D, (6, 6), True), (S, (5, 4), False), (S, (3, 2, 3), False)]:
        g.grad(NUC, "nuclearNorm", [rn(*shape, dtype=dt)], lambda w: torch.linalg.matrix_norm(matrix(w), "nuc"), double=dbl)
    for dt in (D, S):
        # rank-deficient: gradient undefined (repeated zero singular values), value only
        w = torch.zeros(4, 3, dtype=dt)
        w[0] = t([1.0, -2.0, 0.5], dt)
        w[2] = 2 * w[0]
        g.value(NUC, "nuclearNorm", [w], [torch.linalg.matrix_norm(w, "nuc")], note="rank 1")
        for tau in (0.0, 0.3, 1.5, 100.0):
            w = rn(5, 3, dtype=dt)
            u, s, vh = torch.linalg.svd(w, full_matrices=False)
            g.value(NUC, "svt", [w], [u @ torch.diag(torch.relu(s - tau)) @ vh], {"tau": tau})
        w = rn(3, 2, 2, dtype=dt)
        u, s, vh = torch.linalg.svd(matrix(w), full_matrices=False)
        g.value(NUC, "svt", [w], [(u @ torch.diag(torch.relu(s - 0.5)) @ vh).reshape(w.shape)], {"tau": 0.5})


def add_spectral_sigma():
    """Cases of: spectral_sigma_reg (paper 11): sigma as torch.nn.utils.spectral_norm, (sigma^k - 1)^2"""
    SPEC = "spectral_sigma_reg"


    for dt, shape, n, k, dbl in [(D, (4, 3), 1, 2.0, True), (D, (3, 5), 3, 2.0, True), (D, (5, 2, 2, 2), 2, 3.0, False),
                                 (D, (6, 4), 20, 1.0, True), (S, (4, 6), 1, 2.0, False), (S, (3, 2, 2, 2), 5, 2.0, False)]:
        w = rn(*shape, dtype=dt) * 0.5
        u = F.normalize(rn(shape[0], dtype=dt), dim=0)
        sig = power_sigma(w, u, n)
        ref = torch_spectral_norm_sigma(w, u, n)
        assert torch.allclose(sig, ref, rtol=1e-5 if dt == S else 1e-10), (sig, ref)
        g.grad(SPEC, "spectralSigma", [w, u], lambda w, u: (power_sigma(w, u, n) ** k - 1) ** 2, {"iterations": n, "k": k},
               diff=[0], double=dbl)
    for dt, k in [(D, 2.0), (D, 1.0), (S, 2.0)]:
        g.grad(SPEC, "spectralBias", [rn(5, dtype=dt)], lambda b: b.norm() ** (2 * k), {"k": k}, double=dt == D)


def add_wasserstein_init():
    """Cases of: wasserstein_init_reg (paper 11 v1): 1-D W2^2 between sorted current and initial weights"""
    WAS = "wasserstein_init_reg"


    g.grad(WAS, "wasserstein", [t([0.3, -0.1, 0.5]), t([0.0, 0.2, -0.2])], wasserstein, {"reduction": "mean"}, diff=[0],
           note="catalog reference value 0.0633333")
    for dt, shape, red in [(D, (4, 5), "mean"), (D, (2, 3, 2, 2), "sum"), (D, (7,), "mean"), (S, (17,), "mean"), (S, (3, 4), "sum")]:
        g.grad(WAS, "wasserstein", [rn(*shape, dtype=dt), rn(*shape, dtype=dt)], lambda a, b: wasserstein(a, b, red),
               {"reduction": red}, diff=[0], double=dt == D)


def add_norm_loss():
    """Cases of: norm_loss (paper 14): sum_f (1 - ||w_f||)^2"""
    NORM = "norm_loss"


    for dt, shape, red in [(D, (4, 3), "sum"), (D, (5, 2, 3, 3), "mean"), (D, (3, 7), "mean"), (S, (6, 4), "sum")]:
        g.grad(NORM, "normLoss", [rn(*shape, dtype=dt) * 0.6], lambda w: norm_loss(w, red), {"reduction": red}, double=dt == D)
    w = rn(3, 4)
    w[1] = 0
    g.grad(NORM, "normLoss", [w], lambda w: norm_loss(w, "sum"), {"reduction": "sum"}, note="a zero filter: gradient 0 there")
