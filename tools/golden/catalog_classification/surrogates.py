"""Golden cases of the classification family (gen_catalog_classification.py): anyloss;
z_loss_spherical; ensloss.
"""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, REDS, S, classes, grad_case, reduce, rn, rows


# ---- anyloss ---------------------------------------------------------------------------------------
def anyloss(p, y, metric, L, beta):
    a = 1 / (1 + torch.exp(-L * (p - 0.5)))
    tp, fn = (y * a).sum(), (y * (1 - a)).sum()
    fp, tn = ((1 - y) * a).sum(), ((1 - y) * (1 - a)).sum()
    if metric == "f1":
        m = 2 * tp / (2 * tp + fn + fp)
    elif metric == "fbeta":
        # the third-party port's form: (1 + b^2) sum(yA) / (b^2 sum(y) + sum(A))
        m = (1 + beta ** 2) * (y * a).sum() / (beta ** 2 * y.sum() + a.sum())
    elif metric == "accuracy":
        m = (tp + tn) / p.numel()
    else:
        m = 0.5 * (tp / (tp + fn) + tn / (tn + fp))
    return 1 - m


# ---- z_loss_spherical -----------------------------------------------------------------------------
def zloss(o, t, a, b, red, ign=-100):
    o, safe, keep = rows(o, t, ign)
    mu = o.mean(1, keepdim=True)
    sigma = o.std(1, unbiased=False, keepdim=True)
    z = ((o - mu) / sigma).gather(1, safe.unsqueeze(1)).squeeze(1)
    return reduce(F.softplus(b - z, beta=a), red, keep)


# ---- ensloss: the reference forward with the normals supplied -------------------------------------------
def ensloss(output, target, normals, lam):
    """statmlben/ensLoss losses.py ensLoss.forward, torch.randn replaced by the input 'normals' (CPU)."""
    target = 2. * target - 1.
    batch_size_tmp = len(target)
    s_batch = output.flatten() * target.flatten()
    g_batch = torch.zeros(batch_size_tmp, dtype=output.dtype)
    rd_grad = normals
    if lam == 0.:
        rd_grad = -torch.exp(rd_grad)
    else:
        diff = 1. + lam * rd_grad
        rd_grad = -(torch.where(diff > 0.0, diff, torch.zeros_like(diff))) ** (1.0 / lam)
    rd_grad, _ = torch.sort(rd_grad)
    rd_grad = torch.maximum(rd_grad, torch.tensor(-1.0, dtype=rd_grad.dtype))
    _, ind_tmp = torch.sort(s_batch)
    g_batch[ind_tmp] = rd_grad
    s_batch_no_grad = s_batch.detach()
    pos_ind = (s_batch_no_grad > 1.0)
    if len(s_batch_no_grad[pos_ind]) > 0:
        g_batch[pos_ind] *= (1 / s_batch_no_grad[pos_ind])
    g_batch = g_batch.detach() - 1e-6
    return (g_batch * s_batch).mean()


def add_anyloss():
    """Cases of: anyloss"""
    for dt in (D, S):
        p, y = torch.rand(12, dtype=dt) * 0.8 + 0.1, torch.randint(0, 2, (12,)).to(dt)
        for metric in ("f1", "accuracy", "fbeta", "balanced_accuracy"):
            for L, beta in ((73.0, 1.0), (5.0, 2.0)):
                grad_case("anyloss", "anyLoss", [p, y], lambda a, t: anyloss(a, t, metric, L, beta),
                          {"metric": metric, "L": L, "beta": beta}, diff=[0], double=dt == D)
    pa, ya = torch.tensor([0.9, 0.2, 0.6, 0.4], dtype=D), torch.tensor([1.0, 0.0, 1.0, 1.0], dtype=D)
    for metric in ("f1", "accuracy"):
        grad_case("anyloss", "anyLoss", [pa, ya], lambda a, t: anyloss(a, t, metric, 73.0, 1.0),
                  {"metric": metric, "L": 73.0, "beta": 1.0}, diff=[0], note="reference F1-loss 0.2, accuracy-loss 0.25")
    grad_case("anyloss", "anyLoss", [torch.tensor([0.7], dtype=D), torch.tensor([1.0], dtype=D)],
              lambda a, t: anyloss(a, t, "f1", 73.0, 1.0), {"metric": "f1", "L": 73.0, "beta": 1.0}, diff=[0], note="batch of one")


def add_z_loss_spherical():
    """Cases of: z_loss_spherical"""
    for dt in (D, S):
        for red in REDS:
            o, y = rn(6, 5, dtype=dt, scale=2.0), classes(5, 6)
            for a, b in ((1.0, 1.0), (0.5, 2.0), (8.0, -0.5)):
                grad_case("z_loss_spherical", "zLossSpherical", [o, y], lambda x, t: zloss(x, t, a, b, red),
                          {"reduction": red, "a": a, "b": b, "ignore_index": -100}, diff=[0], double=dt == D)
    oz = torch.tensor([[1.0, 2.0, 3.0]] * 2, dtype=D)
    grad_case("z_loss_spherical", "zLossSpherical", [oz, torch.tensor([2, 0])], lambda x, t: zloss(x, t, 1.0, 1.0, "none"),
              {"reduction": "none", "a": 1.0, "b": 1.0, "ignore_index": -100}, diff=[0], note="reference 0.58707528, 2.32738719")
    grad_case("z_loss_spherical", "zLossSpherical", [oz * 5 + 7, torch.tensor([2, 0])], lambda x, t: zloss(x, t, 1.0, 1.0, "none"),
              {"reduction": "none", "a": 1.0, "b": 1.0, "ignore_index": -100}, diff=[0], note="invariance o*5+7")
    grad_case("z_loss_spherical", "zLossSpherical", [torch.tensor([[1e4, -1e4, 0.0]], dtype=D), torch.tensor([1])],
              lambda x, t: zloss(x, t, 1.0, 1.0, "mean"), {"reduction": "mean", "a": 1.0, "b": 1.0, "ignore_index": -100},
              diff=[0], note="+-1e4")


def add_ensloss():
    """Cases of: ensloss: the reference forward with the normals supplied"""
    for dt in (D, S):
        for lam in (0.0, 0.5, -0.3):
            for n in (8, 1):
                out, tgt = rn(n, 1, dtype=dt, scale=2.0), torch.randint(0, 2, (n,)).to(dt)
                normals = rn(n, dtype=dt)
                grad_case("ensloss", "ensLoss", [out, tgt, normals], lambda o, t, z: ensloss(o, t, z, lam), {"lam": lam}, diff=[0],
                          note="batch of one" if n == 1 else None)
