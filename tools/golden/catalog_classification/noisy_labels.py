"""Golden cases of the classification family (gen_catalog_classification.py): comp_sum_loss;
elr_loss.
"""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, REDS, S, classes, grad_case, reduce, rn, rows, value_case


# ---- comp_sum_loss ------------------------------------------------------------------------------
def comp_sum(x, t, tau, red, ign=-100):
    x, safe, keep = rows(x, t, ign)
    log1pu = torch.logsumexp(x, 1) - x.gather(1, safe.unsqueeze(1)).squeeze(1)  # log(1 + u)
    loss = log1pu if tau == 1 else torch.expm1((1 - tau) * log1pu) / (1 - tau)
    return reduce(loss, red, keep)


# ---- elr_loss: the reference module over three steps -------------------------------------------------
class ElrRef(torch.nn.Module):
    """shengliu66/ELR ELR/model/loss.py elr_loss, lambda passed in instead of read from the config."""

    def __init__(self, num_examp, num_classes, beta, lam, dtype):
        super().__init__()
        self.target = torch.zeros(num_examp, num_classes, dtype=dtype)
        self.beta, self.lam = beta, lam

    def forward(self, index, output, label):
        y_pred = F.softmax(output, dim=1)
        y_pred = torch.clamp(y_pred, 1e-4, 1.0 - 1e-4)
        y_pred_ = y_pred.data.detach()
        self.target[index] = self.beta * self.target[index] + (1 - self.beta) * ((y_pred_) / (y_pred_).sum(dim=1, keepdim=True))
        ce_loss = F.cross_entropy(output, label)
        elr_reg = ((1 - (self.target[index] * y_pred).sum(dim=1)).log()).mean()
        return ce_loss + self.lam * elr_reg


def add_comp_sum_loss():
    """Cases of: comp_sum_loss"""
    for dt in (D, S):
        for red in REDS:
            x, y = rn(6, 4, dtype=dt, scale=1.5), classes(4, 6)
            for tau in (0.0, 0.5, 1.0, 1.3, 1.7, 2.0, 3.0):
                grad_case("comp_sum_loss", "compSumLoss", [x, y], lambda a, t: comp_sum(a, t, tau, red),
                          {"reduction": red, "tau": tau, "ignore_index": -100}, diff=[0], double=dt == D and tau in (0.5, 1.7))
    for red in REDS:
        x, y = rn(4, 3), classes(3, 4)
        y[2] = 0
        grad_case("comp_sum_loss", "compSumLoss", [x, y], lambda a, t: comp_sum(a, t, 1.5, red, 0),
                  {"reduction": red, "tau": 1.5, "ignore_index": 0}, diff=[0], note="some ignored")
        grad_case("comp_sum_loss", "compSumLoss", [x, torch.zeros(4, dtype=torch.int64)], lambda a, t: comp_sum(a, t, 1.5, red, 0),
                  {"reduction": red, "tau": 1.5, "ignore_index": 0}, diff=[0], note="all ignored")
    big = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype=D)
    for tau in (1.0, 1.5, 2.0):
        grad_case("comp_sum_loss", "compSumLoss", [big, torch.tensor([0, 0])], lambda a, t: comp_sum(a, t, tau, "none"),
                  {"reduction": "none", "tau": tau, "ignore_index": -100}, diff=[0], note="+-1e4")
    zc = torch.tensor([[2.0, 1.0, 0.1]], dtype=D)
    for tau in (0.0, 0.5, 1.0, 1.5, 2.0):
        grad_case("comp_sum_loss", "compSumLoss", [zc, torch.tensor([0])], lambda a, t: comp_sum(a, t, tau, "none"),
                  {"reduction": "none", "tau": tau, "ignore_index": -100}, diff=[0],
                  note="reference 0.51744806 0.46369484 0.41703002 0.37642230 0.34099886")


def add_elr_loss():
    """Cases of: elr_loss: the reference module over three steps"""
    for dt in (D, S):
        for beta, lam in ((0.7, 3.0), (0.3, 1.0)):
            ref = ElrRef(10, 4, beta, lam, dt)
            for step, idx in enumerate(([0, 3, 5, 7], [3, 1, 5, 9], [7, 0, 2, 3])):
                index = torch.tensor(idx)
                x, y = rn(4, 4, dtype=dt, scale=2.0), classes(4, 4)
                before = ref.target.clone()
                args = {"beta": beta, "lambda": lam, "num_examples": 10, "step": step}
                # the reference updates its table inside forward: run it on a copy for the gradient case
                probe = ElrRef(10, 4, beta, lam, dt)
                probe.target = before.clone()
                grad_case("elr_loss", "elrStep", [x, y, index, before], lambda a, t, i, b: probe(i, a, t), args, diff=[0])
                ref(index, x, y)
                value_case("elr_loss", "elrTable", [x, y, index, before], [ref.target.clone()], args)
    zelr = torch.tensor([[2.0, 0.5, -1.0]], dtype=D)
    ref = ElrRef(1, 3, 0.7, 3.0, D)
    grad_case("elr_loss", "elrStep", [zelr, torch.tensor([0]), torch.tensor([0]), torch.zeros(1, 3, dtype=D)],
              lambda a, t, i, b: ref(i, a, t), {"beta": 0.7, "lambda": 3.0, "num_examples": 1, "step": 0}, diff=[0],
              note="reference CE .241311, reg -.216697, total -.408778")
