"""Golden cases of the weight_reg family (gen_catalog_weight_reg.py): cauchy_schwarz_reg; mhe_reg;
weight_moment_regularizer; group_orthogonality_regularizer; parameter_repulsion_regularizer.
"""
import math

import torch
import torch.nn.functional as F

from catalog_weight_reg.common import D, S, g, matrix, rn, t


# ---- cauchy_schwarz_reg (paper 5): ||u||^2 ||v||^2 - <u, v>^2 ---------------------------------
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


def lplq_layer(param, variant, granularity, normalization):
    """One layer's term of the authors' lplq_regularization_CNN (IIP-Group/CS_regularizers @ ef70f7e6,
    quantized_nns/tools/regularization_modules.py) with main_train.py's p = 4, q = 2, r = 4:
    bin = n^(r/q - r/p) sum ||x||_p^r - sum ||x||_q^r, ter = sum ||x||_2^2 ||x||_6^6 - ||x||_4^8, over the
    vectors x (rows; conv binary_input_ch = output channels; conv binary = each kernel), / the normalizing factor."""
    p, q, r = 4, 2, 4
    if granularity == "kernel" and param.dim() == 4:
        x, dim = param.reshape(param.shape[0], param.shape[1], -1), 2
    else:
        x, dim = param.reshape(param.shape[0], -1), 1
    if variant == "bin":
        val = (x.shape[-1] ** (r / q - r / p) * torch.sum(torch.linalg.norm(x, ord=p, dim=dim) ** r)
               - torch.sum(torch.linalg.norm(x, ord=q, dim=dim) ** r))
    else:
        val = torch.sum(torch.linalg.norm(x, ord=2, dim=dim) ** 2 * torch.linalg.norm(x, ord=6, dim=dim) ** 6
                        - torch.linalg.norm(x, ord=4, dim=dim) ** 8)
    factor = {"elenum": x.numel(), "zero_norm": len(x.nonzero()), "none": 1}[normalization]
    return val / factor


# ---- mhe_reg (paper 55): MHE code/architecture.py _add_thomson_constraint ----------------------
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


# ---- weight_moment_regularizer (paper 60): EQ-Net runner/criterion.py --------------------------
def std_moments(w):
    z = (w - w.mean()) / w.std()
    return (z ** 4).mean(), (z ** 3).mean()


def wdr(*ws, kr, sr, kt, st, drop):
    ws = ws[1:] if drop else ws
    k = sum((std_moments(w)[0] - kt) ** 2 for w in ws) / len(ws)
    s = sum((std_moments(w)[1] - st) ** 2 for w in ws) / len(ws)
    return kr * k + sr * s


# ---- group_orthogonality_regularizer (paper 68): GOR weight_regularization.py -----------------
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


# ---- parameter_repulsion_regularizer (paper 109): Adapt-then-Unlearn ---------------------------
def repulsion(a, b, na, nb, kind, gamma):
    d = (F.mse_loss(a, na) + F.mse_loss(b, nb)) / 2
    return {"exp": lambda: 100 * torch.exp(-gamma * d), "l2": lambda: -gamma * d, "reci": lambda: gamma / d}[kind]()


def add_cauchy_schwarz():
    """Cases of: cauchy_schwarz_reg (paper 5): ||u||^2 ||v||^2 - <u, v>^2"""
    CS = "cauchy_schwarz_reg"


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
    # model level, against the reference's lplq_regularization_CNN (bin and ter)
    for variant in ("bin", "ter"):
        for dt, shape, gran, norm in [(D, (4, 6), "channel", "elenum"), (D, (3, 2, 2, 2), "channel", "elenum"),
                                      (D, (3, 2, 2, 2), "kernel", "elenum"), (D, (4, 6), "channel", "none"),
                                      (S, (3, 2, 3, 3), "kernel", "elenum"), (S, (5, 4), "kernel", "none")]:
            g.grad(CS, "cauchySchwarzLayer", [rn(*shape, dtype=dt)], lambda w: lplq_layer(w, variant, gran, norm),
                   {"variant": variant, "normalized": False, "granularity": gran, "normalization": norm}, double=dt == D,
                   note="IIP-Group/CS_regularizers lplq_regularization_CNN, p=4 q=2 r=4")
        w = rn(3, 2, 2, 2)
        w[0, 1] = 0.0
        w[2, 0, 1, 1] = 0.0
        g.grad(CS, "cauchySchwarzLayer", [w], lambda w: lplq_layer(w, variant, "channel", "zero_norm"),
               {"variant": variant, "normalized": False, "granularity": "channel", "normalization": "zero_norm"}, double=True,
               note="zero_norm: 5 zeros, divided by the 19 nonzero weights")
    for dt, shape, gran in [(D, (4, 6), "layer"), (D, (3, 2, 2, 2), "layer")]:
        g.grad(CS, "cauchySchwarzLayer", [rn(*shape, dtype=dt)], lambda w: cs(w.reshape(-1), "osb", False) / w.numel(),
               {"variant": "osb", "normalized": False, "granularity": gran, "normalization": "elenum"}, double=True)
    g.grad(CS, "cauchySchwarzLayer", [rn(3, 2, 2, 2)], lambda w: cs(w, "orth", True),
           {"variant": "orth", "normalized": True, "granularity": "channel", "normalization": "none"}, double=True)
    for normalized in (False, True):
        a = rn(4, 4)
        a = a + a.t()
        g.grad(CS, "csEigenvector", [rn(4), a], lambda x, a: gap((x ** 2).sum(), ((a @ x) ** 2).sum(), (x * (a @ x)).sum(), normalized),
               {"normalized": normalized}, double=True)


def add_mhe():
    """Cases of: mhe_reg (paper 55): MHE code/architecture.py _add_thomson_constraint"""
    MHE = "mhe_reg"


    fix = t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    for power, want in (("1", 1.10674424), ("2", 1.30473785), ("0", 0.12548427)):
        assert abs(mhe(fix, power, False, 0.0).item() - want) < 1e-7
        g.grad(MHE, "mhe", [fix], lambda w: mhe(w, power, False, 0.0), {"power": power, "half_space": False, "eps": 0.0},
               note="catalog reference value %.8f" % want)
    for power in ("0", "1", "2", "a0", "a1", "a2"):
        for dt, shape, half in [(D, (5, 3), False), (D, (4, 2, 2, 2), True), (S, (6, 4), False)]:
            g.grad(MHE, "mhe", [rn(*shape, dtype=dt)], lambda w: mhe(w, power, half, 1e-4),
                   {"power": power, "half_space": half, "eps": 1e-4}, double=dt == D and not half)


def add_weight_moments():
    """Cases of: weight_moment_regularizer (paper 60): EQ-Net runner/criterion.py"""
    WDR = "weight_moment_regularizer"


    fix = t([0.1, -0.3, 0.25, 0.9, -0.05, 0.0])
    kf, sf = std_moments(fix)
    assert abs(kf.item() - 2.123636) < 1e-6 and abs(sf.item() - 0.775129) < 1e-6
    g.grad(WDR, "kurtosis", [fix], lambda w: std_moments(w)[0], note="catalog reference value 2.123636")
    g.grad(WDR, "skewness", [fix], lambda w: std_moments(w)[1], note="catalog reference value 0.775129")


    for dt, shapes, drop in [(D, [(4, 3), (5, 4), (3, 2, 2, 2)], True), (D, [(6, 5), (2, 7)], False), (S, [(8, 4), (4, 8), (10,)], True)]:
        args = {"kurt_rate": 0.015, "skew_rate": 1.0, "kurtosis_target": 1.8, "skewness_target": 0.0, "drop_first": drop}
        g.grad(WDR, "weightMoments", [rn(*s, dtype=dt) for s in shapes],
               lambda *ws: wdr(*ws, kr=0.015, sr=1.0, kt=1.8, st=0.0, drop=drop), args, double=dt == D)


def add_group_orthogonality():
    """Cases of: group_orthogonality_regularizer (paper 68): GOR weight_regularization.py"""
    GOR = "group_orthogonality_regularizer"


    fix = torch.arange(24, dtype=D).reshape(8, 3) / 10
    assert abs(gor(fix, 2, 4, "inter").item() - 1402.404) < 1e-9
    g.grad(GOR, "gor", [fix], lambda w: gor(w, 2, 4, "inter"), {"num_groups": 2, "min_num_filters": 4, "mode": "inter"},
           note="catalog reference value 1402.404")
    for dt, shape, ng, mnf, mode in [(D, (8, 3), 2, 4, "intra"), (D, (8, 9), 2, 4, "both"), (D, (8, 2, 3, 3), 32, 4, "inter"),
                                     (D, (6, 5), 6, 1, "intra"), (D, (4, 7), 4, 4, "intra"), (S, (12, 4), 3, 2, "both")]:
        g.grad(GOR, "gor", [rn(*shape, dtype=dt) * 0.4], lambda w: gor(w, ng, mnf, mode),
               {"num_groups": ng, "min_num_filters": mnf, "mode": mode}, double=dt == D)


def add_parameter_repulsion():
    """Cases of: parameter_repulsion_regularizer (paper 109): Adapt-then-Unlearn"""
    REP = "parameter_repulsion_regularizer"


    for dt in (D, S):
        for kind, gamma in (("exp", 0.8), ("l2", 1.2), ("reci", 0.5)):
            g.grad(REP, "repulsion", [rn(4, 3, dtype=dt), rn(5, dtype=dt), rn(4, 3, dtype=dt), rn(5, dtype=dt)],
                   lambda a, b, na, nb: repulsion(a, b, na, nb, kind, gamma), {"loss_type": kind, "gamma": gamma}, diff=[0, 1],
                   double=dt == D)
