"""Golden values and gradients for the weight, spectral, sparsity and quantization regularizers
of the research catalog (work package 4), against PyTorch 1.13 reimplementations of the cited
reference code (or of the formula where there is none).

Writes losses/src/test/resources/golden/catalog/weight_reg.json (read by WeightRegGoldenTest).
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_weight_reg.py
Every case carries "component": the catalog id. Cases with args.grad are gradient cases
(golden.GradGolden: out, w, grad of sum, grad of weighted sum, optional double backward);
the others are value cases (inputs -> outputs).
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

import golden
from golden import GradGolden, Input

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D, S = torch.float64, torch.float32


class Catalog(GradGolden):
    def grad(self, component, op, inputs, fn, args=None, diff=None, double=False, note=None):
        self.add_grad(op, inputs, fn, args, diff, double, note)
        self.cases[-1]["component"] = component

    def value(self, component, op, inputs, outputs, args=None, note=None):
        self.add(op, inputs, outputs, args, note)
        self.cases[-1]["component"] = component


g = Catalog("weight_reg", seed=20261201)


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def t(values, dtype=D):
    return torch.tensor(values, dtype=dtype)


def matrix(w):
    return w.reshape(w.shape[0], -1)


# ---- nuclear_norm_regularizer (paper 76): torch.linalg.matrix_norm(W, 'nuc') and SVT ---------
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


# ---- spectral_sigma_reg (paper 11): sigma as torch.nn.utils.spectral_norm, (sigma^k - 1)^2 ----
SPEC = "spectral_sigma_reg"


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


# ---- wasserstein_init_reg (paper 11 v1): 1-D W2^2 between sorted current and initial weights --
WAS = "wasserstein_init_reg"


def wasserstein(theta, theta0, red="mean"):
    d = (torch.sort(theta.reshape(-1))[0] - torch.sort(theta0.reshape(-1))[0]) ** 2
    return d.mean() if red == "mean" else d.sum()


g.grad(WAS, "wasserstein", [t([0.3, -0.1, 0.5]), t([0.0, 0.2, -0.2])], wasserstein, {"reduction": "mean"}, diff=[0],
       note="catalog reference value 0.0633333")
for dt, shape, red in [(D, (4, 5), "mean"), (D, (2, 3, 2, 2), "sum"), (D, (7,), "mean"), (S, (17,), "mean"), (S, (3, 4), "sum")]:
    g.grad(WAS, "wasserstein", [rn(*shape, dtype=dt), rn(*shape, dtype=dt)], lambda a, b: wasserstein(a, b, red),
           {"reduction": red}, diff=[0], double=dt == D)


# ---- norm_loss (paper 14): sum_f (1 - ||w_f||)^2 -----------------------------------------------
NORM = "norm_loss"


def norm_loss(w, red):
    d = (1 - matrix(w).norm(dim=1)) ** 2
    return d.sum() if red == "sum" else d.mean()


for dt, shape, red in [(D, (4, 3), "sum"), (D, (5, 2, 3, 3), "mean"), (D, (3, 7), "mean"), (S, (6, 4), "sum")]:
    g.grad(NORM, "normLoss", [rn(*shape, dtype=dt) * 0.6], lambda w: norm_loss(w, red), {"reduction": red}, double=dt == D)
w = rn(3, 4)
w[1] = 0
g.grad(NORM, "normLoss", [w], lambda w: norm_loss(w, "sum"), {"reduction": "sum"}, note="a zero filter: gradient 0 there")


# ---- hypersparse_reg (paper 45): HyperSparse/loss/HyperSparse.py -------------------------------
HS = "hypersparse_reg"


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


g.grad(HS, "hyperSparse", [t([0.01, -0.5, 2.0, 0.05, -1.0])], lambda w: hyper_sparse(w, prune_rate=0.6), {"prune_rate": 0.6},
       note="catalog reference: dHS/d|w| = [1.30177144, 1.17030874, 0.32543324, 1.30041765, 0.86786416]")
for dt, shapes, kappa in [(D, [(4, 3), (2, 3, 2, 2)], 0.9), (D, [(10,)], 0.0), (D, [(6, 5), (5,)], 0.5), (S, [(8, 4), (3, 8)], 0.9),
                          (S, [(33,)], 0.7)]:
    ins = [rn(*s, dtype=dt) for s in shapes]
    g.grad(HS, "hyperSparse", ins, lambda *ws: hyper_sparse(*ws, prune_rate=kappa), {"prune_rate": kappa})
w = t([0.0, 0.3, -0.2, 0.0, 1.1, -0.7])
g.grad(HS, "hyperSparse", [w], lambda w: hyper_sparse(w, prune_rate=0.5), {"prune_rate": 0.5},
       note="exact zeros: d|w|/dw = 0 there (torch's abs)")


# ---- art_schedule (paper 45): the ART term and magnitude pruning, HyperSparse train.py/pruner.py --
ART = "art_schedule"
for dt, shapes, epoch, warm in [(D, [(5, 4), (3, 2, 2)], 1, 0), (D, [(6, 3)], 7, 3), (S, [(8, 4), (4, 3)], 12, 2)]:
    # train.py: alpha = lambda_init * eta ** (epoch - warmup_epochs) with a 0-based epoch; 'epoch' here is 1-based
    alpha = 5e-3 * 1.05 ** float((epoch - 1) - warm)
    g.grad(ART, "artPenalty", [rn(*s, dtype=dt) for s in shapes], lambda *ws: alpha * hyper_sparse(*ws, prune_rate=0.6),
           {"epoch": epoch, "warmup_epochs": warm, "lambda_init": 5e-3, "eta": 1.05, "prune_rate": 0.6})


def mag_prune(ws, rate):
    flat = torch.cat([w.abs().reshape(-1) for w in ws])
    thresh = torch.sort(flat)[0][math.floor(flat.shape[0] * rate)]
    return [w * (w.abs() > thresh).to(w.dtype) for w in ws]


for dt, shapes, rate in [(D, [(5, 4), (3, 6)], 0.9), (D, [(10,)], 0.5), (S, [(7, 3), (2, 2, 2)], 0.75)]:
    ws = [rn(*s, dtype=dt) for s in shapes]
    g.value(ART, "magnitudePrune", ws, mag_prune(ws, rate), {"prune_rate": rate})


# ---- cauchy_schwarz_reg (paper 5): ||u||^2 ||v||^2 - <u, v>^2 ---------------------------------
CS = "cauchy_schwarz_reg"


def gap(uu, vv, uv, normalized):
    r = uu * vv - uv ** 2
    return r / (uu * vv) if normalized else r


def cs(w, variant, normalized):
    if variant == "bin":
        n = torch.tensor(float(w.shape[-1]), dtype=w.dtype)
        return gap((w ** 4).sum(-1), n, (w ** 2).sum(-1), normalized).sum()
    if variant == "ter":
        return gap((w ** 2).sum(-1), (w ** 6).sum(-1), (w ** 4).sum(-1), normalized).sum()
    if variant == "osb":
        return gap((w ** 2).sum(-1), (w ** 4).sum(-1), (w ** 3).sum(-1), normalized).sum()
    m = matrix(w)
    gram = m.t() @ m
    n = torch.tensor(float(m.shape[1]), dtype=w.dtype)
    return gap((gram ** 2).sum(), n, (m ** 2).sum(), normalized)


for variant, want in (("bin", 9.0), ("ter", 36.0), ("osb", 4.0)):
    x = t([1.0, 2.0])
    out = cs(x, variant, False)
    assert abs(out.item() - want) < 1e-12, (variant, out)
    g.grad(CS, "cauchySchwarz", [x], lambda w: cs(w, variant, False), {"variant": variant, "normalized": False},
           note="catalog reference value %g" % want)
for variant, zero in (("bin", [0.5, -0.5, 0.5]), ("ter", [0.0, 2.0, -2.0]), ("osb", [0.0, 3.0, 3.0])):
    g.value(CS, "cauchySchwarz", [t(zero)], [cs(t(zero), variant, False)], {"variant": variant, "normalized": False},
            note="a point of the zero set")
for variant in ("bin", "ter", "osb", "orth"):
    for dt, shape, normalized in [(D, (6,), False), (D, (3, 5), True), (D, (4, 3), False), (S, (2, 7), False)]:
        if variant == "orth" and len(shape) == 1:
            shape = (5, 3)
        g.grad(CS, "cauchySchwarz", [rn(*shape, dtype=dt)], lambda w: cs(w, variant, normalized),
               {"variant": variant, "normalized": normalized}, double=dt == D)
for normalized in (False, True):
    a = rn(4, 4)
    a = a + a.t()
    g.grad(CS, "csEigenvector", [rn(4), a], lambda x, a: gap((x ** 2).sum(), ((a @ x) ** 2).sum(), (x * (a @ x)).sum(), normalized),
           {"normalized": normalized}, double=True)


# ---- mhe_reg (paper 55): MHE code/architecture.py _add_thomson_constraint ----------------------
MHE = "mhe_reg"


def mhe(w, power, half, eps):
    filt = matrix(w).t()  # [d, N]: the TF reference's layout, filters in columns
    n = filt.shape[1]
    if half:
        filt = torch.cat((filt, -filt), dim=1)
        n *= 2
    filt_norm = torch.sqrt(torch.sum(filt * filt, dim=0, keepdim=True) + eps)
    norm_mat = filt_norm.t() @ filt_norm
    inner = (filt.t() @ filt) / norm_mat
    diag = torch.eye(n, dtype=w.dtype)
    if power == "0":
        final = -torch.log(2.0 - 2.0 * inner + diag)
    elif power == "1":
        final = (2.0 - 2.0 * inner + diag) ** -0.5
    elif power == "2":
        final = (2.0 - 2.0 * inner + diag) ** -1
    else:
        acos = torch.acos(inner) / math.pi + 1e-4
        final = -torch.log(acos) if power == "a0" else acos ** (-1 if power == "a1" else -2)
    final = final - torch.tril(final)
    return final.sum() / (n * (n - 1) / 2.0)


fix = t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
for power, want in (("1", 1.10674424), ("2", 1.30473785), ("0", 0.12548427)):
    assert abs(mhe(fix, power, False, 0.0).item() - want) < 1e-7
    g.grad(MHE, "mhe", [fix], lambda w: mhe(w, power, False, 0.0), {"power": power, "half_space": False, "eps": 0.0},
           note="catalog reference value %.8f" % want)
for power in ("0", "1", "2", "a0", "a1", "a2"):
    for dt, shape, half in [(D, (5, 3), False), (D, (4, 2, 2, 2), True), (S, (6, 4), False)]:
        g.grad(MHE, "mhe", [rn(*shape, dtype=dt)], lambda w: mhe(w, power, half, 1e-4),
               {"power": power, "half_space": half, "eps": 1e-4}, double=dt == D and not half)


# ---- weight_moment_regularizer (paper 60): EQ-Net runner/criterion.py --------------------------
WDR = "weight_moment_regularizer"


def std_moments(w):
    z = (w - w.mean()) / w.std()
    return (z ** 4).mean(), (z ** 3).mean()


fix = t([0.1, -0.3, 0.25, 0.9, -0.05, 0.0])
kf, sf = std_moments(fix)
assert abs(kf.item() - 2.123636) < 1e-6 and abs(sf.item() - 0.775129) < 1e-6
g.grad(WDR, "kurtosis", [fix], lambda w: std_moments(w)[0], note="catalog reference value 2.123636")
g.grad(WDR, "skewness", [fix], lambda w: std_moments(w)[1], note="catalog reference value 0.775129")


def wdr(*ws, kr, sr, kt, st, drop):
    ws = ws[1:] if drop else ws
    k = sum((std_moments(w)[0] - kt) ** 2 for w in ws) / len(ws)
    s = sum((std_moments(w)[1] - st) ** 2 for w in ws) / len(ws)
    return kr * k + sr * s


for dt, shapes, drop in [(D, [(4, 3), (5, 4), (3, 2, 2, 2)], True), (D, [(6, 5), (2, 7)], False), (S, [(8, 4), (4, 8), (10,)], True)]:
    args = {"kurt_rate": 0.015, "skew_rate": 1.0, "kurtosis_target": 1.8, "skewness_target": 0.0, "drop_first": drop}
    g.grad(WDR, "weightMoments", [rn(*s, dtype=dt) for s in shapes],
           lambda *ws: wdr(*ws, kr=0.015, sr=1.0, kt=1.8, st=0.0, drop=drop), args, double=dt == D)


# ---- group_orthogonality_regularizer (paper 68): GOR weight_regularization.py -----------------
GOR = "group_orthogonality_regularizer"


def dist(m):
    r, c = m.shape[-2], m.shape[-1]
    gram = m.transpose(-1, -2) @ m if r >= c else m @ m.transpose(-1, -2)
    return ((gram - torch.eye(min(r, c), dtype=m.dtype)) ** 2).sum()


def gor(w, num_groups, min_num_filters, mode):
    m = matrix(w)
    c_out = m.shape[0]
    n = min(num_groups, c_out // min_num_filters)
    assert c_out % n == 0
    size = c_out // n
    total = 0
    if mode in ("inter", "both"):
        for gi in range(n):
            total = total + dist(m[gi * size:(gi + 1) * size])
    if mode in ("intra", "both"):
        for i in range(size):
            total = total + dist(m[i::size])
    return total


fix = torch.arange(24, dtype=D).reshape(8, 3) / 10
assert abs(gor(fix, 2, 4, "inter").item() - 1402.404) < 1e-9
g.grad(GOR, "gor", [fix], lambda w: gor(w, 2, 4, "inter"), {"num_groups": 2, "min_num_filters": 4, "mode": "inter"},
       note="catalog reference value 1402.404")
for dt, shape, ng, mnf, mode in [(D, (8, 3), 2, 4, "intra"), (D, (8, 9), 2, 4, "both"), (D, (8, 2, 3, 3), 32, 4, "inter"),
                                 (D, (6, 5), 6, 1, "intra"), (D, (4, 7), 4, 4, "intra"), (S, (12, 4), 3, 2, "both")]:
    g.grad(GOR, "gor", [rn(*shape, dtype=dt) * 0.4], lambda w: gor(w, ng, mnf, mode),
           {"num_groups": ng, "min_num_filters": mnf, "mode": mode}, double=dt == D)


# ---- parameter_repulsion_regularizer (paper 109): Adapt-then-Unlearn ---------------------------
REP = "parameter_repulsion_regularizer"


def repulsion(a, b, na, nb, kind, gamma):
    d = (F.mse_loss(a, na) + F.mse_loss(b, nb)) / 2
    return {"exp": lambda: 100 * torch.exp(-gamma * d), "l2": lambda: -gamma * d, "reci": lambda: gamma / d}[kind]()


for dt in (D, S):
    for kind, gamma in (("exp", 0.8), ("l2", 1.2), ("reci", 0.5)):
        g.grad(REP, "repulsion", [rn(4, 3, dtype=dt), rn(5, dtype=dt), rn(4, 3, dtype=dt), rn(5, dtype=dt)],
               lambda a, b, na, nb: repulsion(a, b, na, nb, kind, gamma), {"loss_type": kind, "gamma": gamma}, diff=[0, 1],
               double=dt == D)


# ---- soft_threshold (paper 53): soft / hard thresholding and the lasso objective --------------
ST = "soft_threshold"


def away(v, theta, margin=0.05):
    """Moves entries off the kinks |v| = theta."""
    bad = (v.abs() - theta).abs() < margin
    return torch.where(bad, v + torch.sign(v) * 2 * margin, v)


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


# ---- proximal_l1_step (paper 66): sign(w) max(|w| - tau, 0) -----------------------------------
PL1 = "proximal_l1_step"
for dt in (D, S):
    for tau in (0.0, 0.25, 3.0):
        w = rn(4, 5, dtype=dt)
        g.value(PL1, "proxL1", [w], [torch.sign(w) * torch.clamp(w.abs() - tau, min=0)], {"tau": tau})


# ---- lobster_sensitivity_decay (paper 73): w - lambda w relu(1 - |g|) ------------------------
LOB = "lobster_sensitivity_decay"


def lobster(w, grad, lam, rescaled):
    s = grad.abs()
    if rescaled:
        s = s / max(s.max().item(), 1e-10)
        sbar = 1 - s
    else:
        sbar = torch.relu(1 - s)
    return w - lam * w * sbar


w, gr = t([0.5, -0.2, 0.01]), t([0.1, 2.0, 0.0])
want = lobster(w, gr, 1e-4, False)
assert torch.allclose(want, t([0.499955, -0.2, 0.009999]), atol=1e-12)
g.value(LOB, "lobsterStep", [w, gr], [want], {"lambda": 1e-4, "rescaled": False}, note="catalog reference step")
for dt in (D, S):
    for rescaled in (False, True):
        w, gr = rn(4, 6, dtype=dt), rn(4, 6, dtype=dt)
        g.value(LOB, "lobsterStep", [w, gr], [lobster(w, gr, 0.05, rescaled)], {"lambda": 0.05, "rescaled": rescaled})


# ---- learned_clip_fake_quant (paper 64): qat-pretrain, mathematically consistent backward ------
LCQ = "learned_clip_fake_quant"


class LearnedClip(torch.autograd.Function):
    """Forward as the CUDA kernel (q = rint(x_c s - s c_n), x^ = (q + s c_n) / s); the backward of the
    catalog's transcription with the consistent inside u = (x_c - c_n) s."""

    @staticmethod
    def forward(ctx, x, cp, cn, bits):
        n = 2 ** bits - 1
        s = n / (cp - cn)
        xc = torch.minimum(torch.maximum(x, cn), cp)
        q = torch.round(xc * s - s * cn)
        ctx.save_for_backward(x, cp, cn)
        ctx.bits = bits
        return (q + s * cn) / s

    @staticmethod
    def backward(ctx, grad):
        x, cp, cn = ctx.saved_tensors
        n = 2 ** ctx.bits - 1
        s = n / (cp - cn)
        inside = (x > cn) & (x < cp)
        u = (x - cn) * s
        frac = (torch.round(u) - u) / n
        dx = torch.where(inside, grad, torch.zeros_like(grad))
        dcp = (grad * (x >= cp)).sum() + (grad * frac * inside).sum()
        dcn = (grad * (x <= cn)).sum() - (grad * frac * inside).sum()
        return dx, dcp, dcn, None


for dt in (D, S):
    for bits, cp, cn in ((4, 2.0, -1.5), (2, 1.0, 0.0), (8, 3.0, -3.0), (3, 0.8, -0.2)):
        x = rn(5, 6, dtype=dt) * 1.5
        x[0, 0], x[0, 1] = cp, cn  # exactly on the clip values: d/dc, not d/dx
        g.grad(LCQ, "learnedClip", [x, t(cp, dt), t(cn, dt)], lambda x, a, b: LearnedClip.apply(x, a, b, bits), {"bits": bits})


# ---- bitwise_weight_layer (paper 116): to_bit / to_sign STEs, He-std scaling -------------------
BIT = "bitwise_weight_layer"


class ToBit(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.sign(torch.relu(x))

    @staticmethod
    def backward(ctx, g):
        return g


class ToSign(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return (-1) ** torch.sign(torch.relu(x))

    @staticmethod
    def backward(ctx, g):
        return -g


def bitwise(*latents):
    mags, sign = latents[:-1], latents[-1]
    k = ToSign.apply(sign) * sum(ToBit.apply(b) * 2 ** i for i, b in enumerate(mags))
    fan_in = int(np.prod(sign.shape[1:]))
    alpha = math.sqrt(2.0 / fan_in) / k.detach().std(unbiased=False).item()
    return k * alpha


for dt, bits, shape in [(D, 4, (5, 3)), (D, 2, (4, 6)), (D, 6, (3, 2, 2, 2)), (S, 4, (6, 5))]:
    g.grad(BIT, "bitwise", [rn(*shape, dtype=dt) for _ in range(bits)], bitwise, {"bits": bits})


# ---- weight_conditioning (paper 57): row / column equilibration -------------------------------
WC = "weight_conditioning"


def condition(w, mode, eps=1e-12):
    m = matrix(w)
    if mode != "column":
        m = m / m.norm(dim=1, keepdim=True).clamp_min(eps)
    if mode != "row":
        m = m / m.norm(dim=0, keepdim=True).clamp_min(eps)
    return m.reshape(w.shape)


for mode in ("row", "column", "row_column"):
    for dt, shape in [(D, (4, 3)), (D, (3, 2, 2, 2)), (S, (5, 6))]:
        w = rn(*shape, dtype=dt)
        g.grad(WC, "condition", [w], lambda w: condition(w, mode), {"mode": mode}, double=dt == D)
    w = rn(4, 3)
    g.value(WC, "conditionNumber", [w], [torch.linalg.cond(w), torch.linalg.cond(condition(w, "row"))], {"mode": "row"},
            note="row equilibration lowers cond here")


# ---- progressive_subnet_distillation (paper 60): EQ-Net KLLossSoft + CE ----------------------
PSD = "progressive_subnet_distillation"
for dt in (D, S):
    for alpha, temp in ((0.5, 1.0), (0.3, 2.0)):
        logits, soft = rn(4, 5, dtype=dt), rn(4, 5, dtype=dt)
        y = torch.randint(0, 5, (4,))

        def gpg(logits, soft, y, alpha=alpha, temp=temp):
            kl = F.kl_div(F.log_softmax(logits / temp, 1), F.softmax(soft.detach() / temp, 1), reduction="batchmean")
            return alpha * temp * temp * kl + (1 - alpha) * F.cross_entropy(logits, y)
        g.grad(PSD, "gpgLoss", [logits, soft, y], gpg, {"alpha": alpha, "T": temp}, diff=[0], double=dt == D)

g.write()
