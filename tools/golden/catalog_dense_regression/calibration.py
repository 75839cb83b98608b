"""Golden cases of the dense_regression family (gen_catalog_dense_regression.py): calibration; LR-
QR objective; regression error metrics.
"""
import numpy as np
import torch
import torch.nn.functional as F

from catalog_dense_regression.common import D, S, g, rn, v


# ---- calibration (probabilistic-calibration-study) ----------------------------------------------------------
def centered_bins(n, dtype=D):
    return (torch.arange(n, dtype=dtype) + 0.5) / n


def quantile_based_regul(pit, l_exp):
    sorted_pit = torch.sort(pit, dim=-1)[0]
    n = pit.shape[-1]
    lin = (torch.arange(n, dtype=pit.dtype) + 1) / (n + 1)
    return (sorted_pit - lin).abs().pow(l_exp).mean(dim=-1)


def indicator(a, b, s=None):
    if s is None:
        return (a <= b).to(a.dtype)
    return torch.sigmoid(s * (b - a))


def cdf_based_regul_from_pit(pit, l_exp, alpha, s=None):
    p = indicator(pit[:, None], alpha, s=s).mean(dim=0)
    return (p - alpha).abs().pow(l_exp).mean()


def cdf_based_regul_from_quantiles(quantiles, y, l_exp, alpha, s=None):
    p = indicator(y[:, None], quantiles, s=s).mean(dim=0)
    return (p - alpha).abs().pow(l_exp).mean()


def pav_decreasing(y):
    """argmin_{v1 >= ... >= vn} ||v - y||^2 by pool-adjacent-violators (written for this generator)."""
    blocks = []
    for val in y:
        blocks.append([val, 1.0])
        while len(blocks) > 1 and blocks[-2][0] <= blocks[-1][0]:
            m2, w2 = blocks.pop()
            m1, w1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2])
    out = []
    for m, w in blocks:
        out += [m] * int(w)
    return np.array(out)


def isotonic_minmax(y, increasing=True):
    """Independent closed form: v_i = max_{j<=i} min_{k>=i} mean(y[j..k]) (increasing)."""
    y = np.asarray(y, dtype=np.float64)
    if not increasing:
        return -isotonic_minmax(-y, True)
    n = len(y)
    c = np.concatenate([[0.0], np.cumsum(y)])
    return np.array([max(min((c[k + 1] - c[j]) / (k + 1 - j) for k in range(i, n)) for j in range(i + 1)) for i in range(n)])


class SoftSortL2(torch.autograd.Function):
    """fast_soft_sort SoftSort (l2): sign*(w - iso(w - s)); vjp = block means routed through the sort."""

    @staticmethod
    def forward(ctx, values, strength, descending):
        x = values.detach().numpy()
        n = len(x)
        sign = 1.0 if descending else -1.0
        vals = sign * x
        perm = np.argsort(-vals, kind="stable")
        s = vals[perm]
        w = np.arange(1, n + 1)[::-1] / strength
        sol = pav_decreasing(w - s)
        sizes, start = [], 0
        for i in range(1, n + 1):
            if i == n or abs(sol[i] - sol[i - 1]) > 1e-9:
                sizes.append(i - start)
                start = i
        ctx.perm, ctx.sizes = perm, sizes
        return torch.from_numpy(sign * (w - sol)).to(values.dtype)

    @staticmethod
    def backward(ctx, grad):
        gv = grad.detach().numpy()
        out, start = np.zeros_like(gv), 0
        for size in ctx.sizes:
            out[start:start + size] = gv[start:start + size].sum() / size
            start += size
        inv = np.empty_like(ctx.perm)
        inv[ctx.perm] = np.arange(len(ctx.perm))
        return torch.from_numpy(out[inv]).to(grad.dtype), None, None


# ---- LR-QR objective (paper 61, Algorithm 1) ------------------------------------------------------------------
def lr_qr(h1, s, h2, h3, beta, alpha, lam):
    u = s - h1
    tau = 1 - alpha
    pin = (u * (tau - (u < 0).to(u.dtype))).mean()
    return pin + lam * (beta ** 2 * (h3 ** 2).mean()) + lam * (-2 * beta * h2).mean()


# ---- regression error metrics (numpy formulas) --------------------------------------------------------------------
def reg_metrics(y, p, normaliser, rrmse):
    r = y - p
    mse = np.mean(r ** 2)
    rmse = np.sqrt(mse)
    dev = y - y.mean()
    norm = {"std": y.std(), "mean": y.mean(), "range": y.max() - y.min(), "pred_std": p.std()}[normaliser]
    return np.array([mse, rmse, np.mean(np.abs(r)), 100 * np.mean(np.abs(r) / np.maximum(np.abs(y), 1e-7)),
                     1 - np.sum(r ** 2) / np.sum(dev ** 2), np.mean(r), np.sum(np.abs(r)) / np.sum(np.abs(dev)),
                     np.sum(r ** 2) / np.sum(dev ** 2), rmse / norm,
                     rmse / y.mean() if rrmse == "mean" else np.sqrt(np.sum(r ** 2) / np.sum(p ** 2))])


def add_calibration():
    """Cases of: calibration (probabilistic-calibration-study)"""
    for dt in (D, S):
        for n in (7, 25):
            for l_exp in (1.0, 2.0):
                pit = torch.rand(n, dtype=dt) * 0.96 + 0.02
                g.grad("pit_calibration_error", "quantileCalibration", [pit], lambda p, l=l_exp: quantile_based_regul(p, l),
                       dict(L=l_exp), diff=[0])
                g.grad("calibration_regularizer", "cdfCalibration", [pit], lambda p, l=l_exp: cdf_based_regul_from_pit(
                    p, l, centered_bins(100, p.dtype), 100.0), dict(L=l_exp, levels=100, s=100.0), diff=[0],
                    double=(dt == D and l_exp == 2.0))
                g.grad("calibration_regularizer", "softQuantileCalibration", [pit], lambda p, l=l_exp: (
                    SoftSortL2.apply(p, 0.1, False) - (torch.arange(len(p), dtype=p.dtype) + 1) / (len(p) + 1)).abs().pow(l).mean(),
                    dict(L=l_exp, strength=0.1), diff=[0])
        mu_raw = rn(9, 2, dtype=dt)
        y = rn(9, dtype=dt)
        g.grad("calibration_regularizer", "pitNormal", [mu_raw, y], lambda o, y: torch.distributions.Normal(
            o[:, 0], F.softplus(o[:, 1]) + 1e-6).cdf(y), dict(min_std=1e-6), diff=[0, 1], double=(dt == D))
        g.grad("calibration_regularizer", "gaussianNll", [mu_raw, y], lambda o, y: -torch.distributions.Normal(
            o[:, 0], F.softplus(o[:, 1]) + 1e-6).log_prob(y).mean(), dict(min_std=1e-6), diff=[0, 1], double=(dt == D))
        q = torch.sort(rn(11, 3, dtype=dt), 1)[0]
        yq = rn(11, dtype=dt)
        g.grad("calibration_regularizer", "quantileHeadCalibration", [q, yq], lambda q, y: cdf_based_regul_from_quantiles(
            q, y, 2.0, torch.tensor([0.1, 0.5, 0.9], dtype=q.dtype), 50.0), dict(taus=[0.1, 0.5, 0.9], L=2.0, s=50.0), diff=[0, 1])
    for strength in (0.01, 0.5, 5.0):
        for desc in (False, True):
            vals = rn(10)
            g.grad("calibration_regularizer", "softSort", [vals], lambda x, s=strength, d=desc: SoftSortL2.apply(x, s, d),
                   dict(strength=strength, descending=desc), diff=[0])
    pit_ref = torch.tensor([0.1, 0.9, 0.4, 0.35, 0.8], dtype=D)
    assert abs(quantile_based_regul(pit_ref, 1).item() - 0.076667) < 1e-6
    assert abs(cdf_based_regul_from_pit(pit_ref, 1, centered_bins(4)).item() - 0.05) < 1e-12
    g.grad("pit_calibration_error", "quantileCalibration", [pit_ref], lambda p: quantile_based_regul(p, 1.0), dict(L=1.0),
           diff=[0], note="catalog reference value 0.076667")
    v.value("pit_calibration_error", "cdfCalibrationHard", [pit_ref], [cdf_based_regul_from_pit(pit_ref, 1, centered_bins(4))],
            dict(L=1.0, levels=4), note="catalog reference value 0.05")
    for n in (1, 6, 13):
        pit = torch.rand(n, dtype=D)
        v.value("pit_calibration_error", "cdfCalibrationHard", [pit], [cdf_based_regul_from_pit(pit, 2, centered_bins(10))],
                dict(L=2.0, levels=10))
    for n, inc in ((8, True), (15, False), (1, True), (6, True)):
        yv = np.round(np.random.RandomState(n).randn(n), 2) if n != 6 else np.array([1.0, 1.0, 0.5, 0.5, 2.0, 2.0])
        sol = isotonic_minmax(yv, inc)
        if not inc:
            assert np.allclose(sol, pav_decreasing(yv))
        v.value("calibration_regularizer", "pav", [torch.tensor(yv, dtype=D)], [torch.tensor(sol, dtype=D)],
                dict(increasing=inc), note="isotonic regression (the soft sort's PAV)")


def add_lr_qr():
    """Cases of: LR-QR objective (paper 61, Algorithm 1)"""
    for dt in (D, S):
        for alpha, lam in ((0.1, 1.0), (0.2, 0.3)):
            h1, s, h2, h3 = rn(8, dtype=dt), rn(8, dtype=dt).abs(), rn(5, dtype=dt), rn(6, dtype=dt)
            beta = torch.tensor(0.7, dtype=dt)
            g.grad("lr_qr_threshold_fit", "lrQrObjective", [h1, s, h2, h3, beta], lambda a, b, c, d, e, al=alpha, l=lam:
                   lr_qr(a, b, c, d, e, al, l), dict(alpha=alpha, **{"lambda": lam}), diff=[0, 2, 3, 4])


def add_regression_error_metrics():
    """Cases of: regression error metrics (numpy formulas)"""
    rs = np.random.RandomState(5)
    for normaliser, rr in (("std", "pred"), ("mean", "mean"), ("range", "pred"), ("pred_std", "mean")):
        yv = rs.randn(17) + 3
        pv = yv + 0.4 * rs.randn(17)
        v.value("regression_error_metrics", "regressionMetrics", [torch.tensor(yv), torch.tensor(pv)],
                [torch.tensor(reg_metrics(yv, pv, normaliser, rr))], dict(nrmse_normaliser=normaliser, rrmse=rr))
