"""Golden cases of the procedures family (gen_catalog_procedures.py): the model and the training-
loop contract.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from catalog_procedures.common import D, add


# ---- the model and the training-loop contract ---------------------------------------------
def mlp(arch, bn):
    i, h, o = arch
    layers = [nn.Linear(i, h)]
    if bn:
        layers.append(nn.BatchNorm1d(h))
    layers += [nn.Tanh(), nn.Linear(h, o)]
    return nn.Sequential(*layers).to(D)


def flat_params(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def bn_stats(model):
    bufs = [b.detach().reshape(-1) for k, b in model.named_buffers() if "running" in k]
    return torch.cat(bufs) if bufs else torch.zeros(0, dtype=D)


class Ctx:
    """The StepContext contract, as the Java test loop (io.jgrad.losses.testing.StepLoop) implements it."""

    def __init__(self, model, opt, micro, clip, penalty=None):
        self.model, self.opt, self.micro, self.clip, self.penalty = model, opt, micro, clip, penalty
        self.params = [p for g in opt.param_groups for p in g["params"]]

    def loss(self, out, x, y):
        l = F.cross_entropy(out, y)
        if self.penalty is not None:
            l = l + self.penalty(self.model, x, y, out)
        return l

    def backward(self, l):
        (l / self.micro if self.micro > 1 else l).backward()

    def step(self, update):
        if not update:
            return
        if self.clip > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.opt.step()


def set_running_stats(model, on):
    """davda54/sam example/utility/bypass_bn.py: BatchNorm momentum 0 during the second pass."""
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if on and hasattr(m, "backup_momentum"):
                m.momentum = m.backup_momentum
            elif not on:
                m.backup_momentum = m.momentum
                m.momentum = 0


def make_opt(model, spec):
    kind = spec["optimizer"]
    if kind == "sgd":
        return torch.optim.SGD(model.parameters(), lr=spec["lr"], momentum=spec.get("momentum", 0.0),
                               weight_decay=spec.get("weight_decay", 0.0), nesterov=spec.get("nesterov", False))
    if kind == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=spec["lr"], weight_decay=spec.get("weight_decay", 0.01))
    raise ValueError(kind)


def trajectory(component, step_fn, args, spec, arch=(5, 7, 3), bn=False, batch=6, updates=3, micro=1, clip=0.0,
               extra_inputs=(), penalty=None, note=None):
    """Runs `updates` optimizer steps of `step_fn(ctx, x, y, t, update)` and records a case."""
    model = mlp(arch, bn)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.6)
    p0 = flat_params(model)
    nb = updates * micro
    X = torch.randn(nb, batch, arch[0], dtype=D)
    Y = torch.randint(0, arch[2], (nb, batch))
    opt = make_opt(model, spec)
    ctx = Ctx(model, opt, micro, clip, penalty)
    traj, losses = [], []
    model.train()
    for t in range(nb):
        if t % micro == 0:
            opt.zero_grad(set_to_none=False)
        update = t % micro == micro - 1
        losses.append(float(step_fn(ctx, X[t], Y[t], t, update)))
        if update:
            traj.append(flat_params(model))
    a = dict(args)
    a.update(spec)
    a.update({"arch": list(arch), "bn": bn, "micro": micro, "clip": clip, "updates": updates})
    add(component, "trajectory", [X, Y, p0] + list(extra_inputs),
        [torch.stack(traj), torch.tensor(losses, dtype=D), bn_stats(model)], a, note)


def no_grad_copy(params):
    return [p.detach().clone() for p in params]


def restore(params, saved):
    with torch.no_grad():
        for p, s in zip(params, saved):
            p.copy_(s)



