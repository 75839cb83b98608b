"""Golden cases of the classification family (gen_catalog_classification.py): sparsemax;
sparsemax_loss.
"""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, REDS, S, classes, grad_case, reduce, rn, rows
from golden import Input


# ---- sparsemax: entmax ----------------------------------------------------------------------
def sparsemax_threshold(x, dim):
    srt, _ = torch.sort(x, dim=dim, descending=True)
    cs = srt.cumsum(dim) - 1
    d = x.shape[dim]
    shape = [1] * x.dim()
    shape[dim] = d
    rho = torch.arange(1, d + 1, dtype=x.dtype).view(shape)
    support = rho * srt > cs
    k = support.sum(dim=dim, keepdim=True)
    tau = cs.gather(dim, k - 1) / k.to(x.dtype)
    return tau, k


class SparsemaxFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        tau, k = sparsemax_threshold(x, dim)
        out = torch.clamp(x - tau, min=0)
        ctx.save_for_backward(k, out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        k, out = ctx.saved_tensors
        dim = ctx.dim
        gi = grad_output.clone()
        gi = torch.where(out == 0, torch.zeros_like(gi), gi)
        v_hat = gi.sum(dim=dim, keepdim=True) / k.to(out.dtype)
        gi = torch.where(out != 0, gi - v_hat, gi)
        return gi, None


def sparsemax(x, dim):
    return SparsemaxFunction.apply(x, dim)


# ---- sparsemax_loss: OpenNMT ------------------------------------------------------------------
class SparsemaxLossFunction(torch.autograd.Function):
    """OpenNMT's forward; its backward multiplied by grad_output (OpenNMT drops it)."""

    @staticmethod
    def forward(ctx, x, q):
        tau, _ = sparsemax_threshold(x, 1)
        support = x > tau
        sq = torch.where(support, x ** 2 - tau ** 2, torch.zeros_like(x)).sum(dim=1)
        z_q = (x * q).sum(1)
        ctx.save_for_backward(x, q, tau)
        return torch.clamp(sq / 2 - z_q + 0.5 * (q * q).sum(1), min=0.0)

    @staticmethod
    def backward(ctx, grad_output):
        x, q, tau = ctx.saved_tensors
        return grad_output.unsqueeze(1) * (torch.clamp(x - tau, min=0) - q), None


def sparsemax_loss(x, t, red, ign=-100):
    if t.dtype.is_floating_point:
        return reduce(SparsemaxLossFunction.apply(x, t), red)
    shape = t.shape
    x, safe, keep = rows(x, t, ign)
    q = F.one_hot(safe, x.shape[1]).to(x.dtype)
    loss = reduce(SparsemaxLossFunction.apply(x, q), red, keep)
    return loss.reshape(shape) if red == "none" else loss


def add_sparsemax():
    """Cases of: sparsemax: entmax"""
    for dt in (D, S):
        for shape, dim in [((4, 6), 1), ((3, 5), -1), ((2, 3, 4), 1), ((1, 7), 1), ((5,), 0)]:
            x = rn(*shape, dtype=dt, scale=1.5)
            grad_case("sparsemax", "sparsemax", [x], lambda a: sparsemax(a, dim), {"dim": dim}, double=dt == D)
        xt = Input(rn(6, 4, dtype=dt), ["transpose", 0, 1])
        grad_case("sparsemax", "sparsemax", [xt], lambda a: sparsemax(a, 1), {"dim": 1}, note="non-contiguous")
    grad_case("sparsemax", "sparsemax", [torch.tensor([[-2.0, 0.0, 0.5], [0.3, 0.3, 0.3]], dtype=D)],
              lambda a: sparsemax(a, 1), {"dim": 1}, note="reference [-2,0,.5] -> [0,.25,.75]; ties")
    grad_case("sparsemax", "sparsemax", [torch.tensor([[1.5, 1.4, -0.3, 0.2], [1.0, 0.0, -3.0, -3.0]], dtype=D)],
              lambda a: sparsemax(a, 1), {"dim": 1}, note="reference [1.5,1.4,-.3,.2] -> [.55,.45,0,0]; entry at tau")
    grad_case("sparsemax", "sparsemax", [torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]], dtype=D)],
              lambda a: sparsemax(a, 1), {"dim": 1}, note="+-1e4")


def add_sparsemax_loss():
    """Cases of: sparsemax_loss: OpenNMT"""
    for dt in (D, S):
        for red in REDS:
            x, y = rn(6, 5, dtype=dt, scale=1.5), classes(5, 6)
            grad_case("sparsemax_loss", "sparsemaxLoss", [x, y], lambda a, t: sparsemax_loss(a, t, red),
                      {"reduction": red, "ignore_index": -100}, diff=[0])
            y2 = classes(4, 5)
            y2[1] = 2
            x2 = rn(5, 4, dtype=dt)
            grad_case("sparsemax_loss", "sparsemaxLoss", [x2, y2], lambda a, t: sparsemax_loss(a, t, red, 2),
                      {"reduction": red, "ignore_index": 2}, diff=[0])
            q = torch.softmax(rn(4, 3, dtype=dt) * 2, 1)
            grad_case("sparsemax_loss", "sparsemaxLoss", [rn(4, 3, dtype=dt), q], lambda a, t: sparsemax_loss(a, t, red),
                      {"reduction": red, "ignore_index": -100}, diff=[0], note="probability targets")
    for red in REDS:
        grad_case("sparsemax_loss", "sparsemaxLoss", [rn(3, 4), torch.full((3,), 1)],
                  lambda a, t: sparsemax_loss(a, t, red, 1), {"reduction": red, "ignore_index": 1}, diff=[0],
                  note="all ignored")
        grad_case("sparsemax_loss", "sparsemaxLoss", [rn(2, 3, 2), classes(3, 2, 2)],
                  lambda a, t: sparsemax_loss(a, t, red), {"reduction": red, "ignore_index": -100}, diff=[0], note="dense")
    zref = torch.tensor([[-2.0, 0.0, 0.5]] * 3, dtype=D)
    grad_case("sparsemax_loss", "sparsemaxLoss", [zref, torch.tensor([0, 1, 2])], lambda a, t: sparsemax_loss(a, t, "none"),
              {"reduction": "none", "ignore_index": -100}, diff=[0], note="reference 2.5625 / 0.5625 / 0.0625")
    grad_case("sparsemax_loss", "sparsemaxLoss", [torch.tensor([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]], dtype=D),
                                                  torch.tensor([0, 1])],
              lambda a, t: sparsemax_loss(a, t, "none"), {"reduction": "none", "ignore_index": -100}, diff=[0], note="+-1e4")
    grad_case("sparsemax_loss", "sparsemaxLoss", [rn(1, 4), torch.tensor([3])], lambda a, t: sparsemax_loss(a, t, "mean"),
              {"reduction": "mean", "ignore_index": -100}, diff=[0], note="batch of one")
