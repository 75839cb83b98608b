"""Golden values for the attacks and curvature tools of the losses module
(io.jgrad.losses.attack, io.jgrad.losses.curvature) against PyTorch 1.13, float64.

Writes losses/src/test/resources/golden/robustness.json (read by RobustnessGoldenTest).
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_robustness.py

- op "attack": FGSM / PGD, L-inf and L2, re-implemented from torchattacks' PGD and PGDL2
  (github.com/Harry24k/adversarial-attacks-pytorch, torchattacks/attacks/pgd.py, pgdl2.py):
  cross entropy (mean), step alpha sign(g) or alpha g / (||g||_2 + 1e-10), projection by clamp
  or by min(1, eps / ||delta||_2), then clamp to the data range. The random start is supplied
  as data (delta0), added to x, projected and clamped, as in torchattacks' random start.
  Model: Flatten, Linear(4, 8), Tanh, Linear(8, 3) on x [6, 2, 2].
  inputs: x, y, delta0 (zeros when none), 1.weight, 1.bias, 3.weight, 3.bias[, lo, hi]
  outputs: x_adv
- op "hessian": the exact Hessian of a model's cross-entropy loss w.r.t. all its parameters
  (torch.autograd.functional.hessian on the flat parameter vector, namedParameters order).
  Model: Linear(3, 4), Tanh, Linear(4, 3); x [8, 3].
  inputs: x, y, 0.weight, 0.bias, 2.weight, 2.bias, v
  outputs: dominant eigenvalue (largest |lambda|) [1], its unit eigenvector [P], trace [1],
           every eigenvalue [P] ascending, H v [P]
- op "per_sample_grads": the loop of torch's per-sample-gradient tutorial: for each example b
  the gradient of loss(model(x[b:b+1]), y[b:b+1]), flattened and concatenated.
  inputs: x, y, params...; args loss "cross_entropy" or "mse"; outputs: G [B, P]
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

import golden
from golden import Golden

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden")
g = Golden("robustness")
D = torch.float64


def attack_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).to(D)


def per_example_norm(t):
    return t.reshape(t.shape[0], -1).norm(p=2, dim=1).reshape(-1, *([1] * (t.dim() - 1)))


def clamp_range(x, lo, hi):
    if lo is None:
        return x
    if torch.is_tensor(lo):
        return torch.max(torch.min(x, hi), lo)
    return torch.clamp(x, lo, hi)


def project(norm, delta, eps):
    if norm == "linf":
        return torch.clamp(delta, -eps, eps)
    factor = torch.clamp(eps / per_example_norm(delta), max=1.0)
    return delta * factor


def attack(model, x, y, norm, eps, alpha, steps, delta0, lo, hi, targeted):
    model.eval()
    adv = x.clone().detach()
    if delta0 is not None:
        adv = clamp_range(x + project(norm, delta0, eps), lo, hi).detach()
    for _ in range(steps):
        adv.requires_grad_(True)
        cost = F.cross_entropy(model(adv), y)
        if targeted:
            cost = -cost
        grad = torch.autograd.grad(cost, adv)[0]
        if norm == "linf":
            adv = adv.detach() + alpha * grad.sign()
            delta = torch.clamp(adv - x, min=-eps, max=eps)
        else:
            grad = grad / (per_example_norm(grad) + 1e-10)
            adv = adv.detach() + alpha * grad
            delta = adv - x
            factor = torch.min(eps / per_example_norm(delta), torch.ones_like(per_example_norm(delta)))
            delta = delta * factor
        adv = clamp_range(x + delta, lo, hi).detach()
    return adv


def linf_start(x, eps):
    return torch.empty_like(x).uniform_(-eps, eps)


def l2_start(x, eps):
    d = torch.randn_like(x)
    n = per_example_norm(d)
    r = torch.zeros_like(n).uniform_(0, 1)
    return d * r / n * eps


def add_attack(name, norm, eps, alpha, steps, start, lo=0.0, hi=1.0, targeted=False):
    model = attack_model()
    x = torch.rand(6, 2, 2, dtype=D)
    if torch.is_tensor(lo):
        x = lo + (hi - lo) * x
    y = torch.randint(0, 3, (6,))
    delta0 = start(x, eps) if start is not None else None
    adv = attack(model, x, y, norm, eps, alpha, steps, delta0, lo, hi, targeted)
    ps = [p.detach() for p in model.parameters()]
    ins = [x, y, delta0 if delta0 is not None else torch.zeros_like(x)] + ps
    rng = {"lo": lo, "hi": hi} if not torch.is_tensor(lo) and lo is not None else {}
    if torch.is_tensor(lo):
        ins += [lo, hi]
    args = dict(name=name, norm=norm, eps=eps, alpha=alpha, steps=steps, has_start=delta0 is not None,
                targeted=targeted, range="per_feature" if torch.is_tensor(lo) else ("none" if lo is None else "scalar"),
                **rng)
    g.add("attack", ins, [adv], args)


add_attack("fgsm", "linf", 0.1, 0.1, 1, None)
add_attack("fgsm", "l2", 0.3, 0.3, 1, None)
add_attack("pgd", "linf", 0.1, 0.03, 7, linf_start)
add_attack("pgd", "l2", 0.4, 0.15, 7, l2_start)
add_attack("pgd", "linf", 0.2, 0.05, 5, linf_start, targeted=True)
add_attack("pgd", "l2", 0.5, 0.2, 6, None, lo=None, hi=None)
add_attack("pgd", "linf", 0.15, 0.04, 6, linf_start, lo=torch.tensor([[0.0, -0.5], [0.2, 0.0]], dtype=D),
           hi=torch.tensor([[1.0, 0.5], [0.6, 2.0]], dtype=D))
add_attack("pgd", "l2", 0.6, 0.25, 5, l2_start, lo=torch.tensor([[0.0], [0.1]], dtype=D),
           hi=torch.tensor([[0.8], [1.0]], dtype=D))


# ---- Hessian ---------------------------------------------------------------------------------
def hessian_case(seed_shift):
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3)).to(D)
    x = torch.randn(8, 3, dtype=D)
    y = torch.randint(0, 3, (8,))
    params = [p.detach().clone() for p in model.parameters()]
    shapes = [p.shape for p in params]
    flat = torch.cat([p.reshape(-1) for p in params])

    def loss_of(theta):
        ps, k = [], 0
        for s in shapes:
            n = int(torch.tensor(s).prod())
            ps.append(theta[k:k + n].reshape(s))
            k += n
        h = torch.tanh(x @ ps[0].T + ps[1])
        return F.cross_entropy(h @ ps[2].T + ps[3], y)

    H = torch.autograd.functional.hessian(loss_of, flat)
    evals, evecs = torch.linalg.eigh(H)
    k = int(evals.abs().argmax())
    v = torch.randn(flat.numel(), dtype=D)
    ratio = float(evals.abs().sort().values[-2] / evals.abs().max())
    g.add("hessian", [x, y] + params + [v],
          [evals[k:k + 1], evecs[:, k], H.trace().reshape(1), evals, H @ v],
          {"second_to_first_ratio": ratio})


hessian_case(0)
hessian_case(1)


# ---- per-sample gradients -------------------------------------------------------------------
def per_sample(loss_name):
    model = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3)).to(D)
    x = torch.randn(5, 4, dtype=D)
    y = torch.randint(0, 3, (5,)) if loss_name == "cross_entropy" else torch.randn(5, 3, dtype=D)
    rows = []
    for b in range(x.shape[0]):
        out = model(x[b:b + 1])
        loss = F.cross_entropy(out, y[b:b + 1]) if loss_name == "cross_entropy" else F.mse_loss(out, y[b:b + 1])
        gs = torch.autograd.grad(loss, list(model.parameters()))
        rows.append(torch.cat([t.reshape(-1) for t in gs]))
    g.add("per_sample_grads", [x, y] + [p.detach() for p in model.parameters()], [torch.stack(rows)], {"loss": loss_name})


per_sample("cross_entropy")
per_sample("mse")
g.write()
