"""Golden values of the catalog's optimization family: adamw (variants adamw and sgdw) and
one_cycle_schedule (three-phase and per-group forms).

Writes nn/src/test/resources/golden/optim_train.json (io.jgrad.nn.optim's SGDW and OneCycleLR,
two parameter groups) and losses/src/test/resources/golden/catalog/optimization.json (the same
components built by the registry from their catalog parameters; every case names its component).
Run: /usr/bin/python3 tools/golden/gen_catalog_optimization.py

SGDW ("Decoupled Weight Decay Regularization", Loshchilov & Hutter; catalog component adamw,
variant sgdw): torch has no SGDW, so this is a float64 reimplementation of the authors' code,
github.com/loshchil/AdamW-and-SGDW, UPDATETORCHFILES/sgd.lua with sgd_type = 1 and train.lua:
    buf = g (first step) else momentum * buf + (1 - dampening) * g
    d   = g + momentum * buf (nesterov) else buf
    x   = x - lr_t * d - (lr_t / lr_0) * weight_decay * x_old
where lr_t is the scheduled lr and lr_0 the base lr (the paper's eta_t = lr_t / alpha). With a
constant lr this equals Algorithm 1 of the paper (m_t = beta1 m_{t-1} + eta_t alpha g_t,
theta_t = theta_{t-1} - m_t - eta_t lambda theta_{t-1}); the script asserts that equivalence.
The problem (loss, data, initial weights) is the one of gen_optim.py, read from golden/optim.json.

OneCycleLR: torch.optim.lr_scheduler.OneCycleLR itself (three_phase=True, per-group max_lr lists).
"""
import json
import math
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDEN = os.path.join(ROOT, "nn", "src", "test", "resources", "golden")
OUT = os.path.join(GOLDEN, "optim_train.json")
CATALOG_OUT = os.path.join(ROOT, "losses", "src", "test", "resources", "golden", "catalog", "optimization.json")
STEPS = 20

with open(os.path.join(GOLDEN, "optim.json")) as f:
    PROBLEM = json.load(f)["problem"]
X = torch.tensor(PROBLEM["x"], dtype=torch.float64).reshape(6, 3)
Y = torch.tensor(PROBLEM["y"], dtype=torch.float64)
W1 = torch.tensor(PROBLEM["w1"], dtype=torch.float64).reshape(3, 4)
B1 = torch.tensor(PROBLEM["b1"], dtype=torch.float64)
W2 = torch.tensor(PROBLEM["w2"], dtype=torch.float64)


def loss_fn(w1, b1, w2):
    return ((torch.tanh(X @ w1 + b1) @ w2 - Y) ** 2).mean() + 0.1 * ((1 - w2) ** 2).sum()


def flat(ps):
    return [p.detach().reshape(-1).tolist() for p in ps]


class SGDW(torch.optim.Optimizer):
    """The authors' SGD with decoupled weight decay (sgd.lua, sgd_type = 1), float64."""

    def __init__(self, params, lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0, maximize=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening, nesterov=nesterov,
                                      weight_decay=weight_decay, maximize=maximize))
        for g in self.param_groups:
            g["initial_lr"] = g["lr"]

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                d = -p.grad if g["maximize"] else p.grad.clone()
                if g["momentum"] != 0:
                    st = self.state[p]
                    if "buf" not in st:
                        st["buf"] = d.clone()
                    else:
                        st["buf"].mul_(g["momentum"]).add_(d, alpha=1 - g["dampening"])
                    d = d.add(st["buf"], alpha=g["momentum"]) if g["nesterov"] else st["buf"]
                old = p.clone()
                p.add_(d, alpha=-g["lr"])
                p.add_(old, alpha=-(g["lr"] / g["initial_lr"]) * g["weight_decay"])


def paper_algorithm1(lr, momentum, weight_decay, steps):
    """Algorithm 1 of the paper (SGDW, no dampening) with eta_t = 1: m = b m + alpha g; x = x - m - lambda x."""
    w1, b1, w2 = (t.clone().requires_grad_(True) for t in (W1, B1, W2))
    ms = [torch.zeros_like(t) for t in (w1, b1, w2)]
    for _ in range(steps):
        for t in (w1, b1, w2):
            t.grad = None
        loss_fn(w1, b1, w2).backward()
        with torch.no_grad():
            for t, m in zip((w1, b1, w2), ms):
                m.mul_(momentum).add_(t.grad, alpha=lr)
                t.sub_(m + weight_decay * t)
    return flat([w1, b1, w2])


def cosine(t):
    return 0.5 * (1 + math.cos(math.pi * t / STEPS))


def sgdw_case(name, g0, g1, schedule=True):
    w1, b1, w2 = (t.clone().requires_grad_(True) for t in (W1, B1, W2))
    opt = SGDW([dict(params=[w1, b1], **g0), dict(params=[w2], **g1)], lr=g0["lr"])
    base = [g["lr"] for g in opt.param_groups]
    traj, lrs = [], []
    for t in range(STEPS):
        for g, b in zip(opt.param_groups, base):
            g["lr"] = b * (cosine(t) if schedule else 1.0)
        lrs.append([g["lr"] for g in opt.param_groups])
        opt.zero_grad()
        loss_fn(w1, b1, w2).backward()
        opt.step()
        traj.append(flat([w1, b1, w2]))
    return {"name": name, "component": "adamw", "variant": "sgdw", "groups": [g0, g1], "lr": lrs, "trajectory": traj}


sgdw_cases = [
    sgdw_case("sgdw_momentum", dict(lr=0.1, momentum=0.9, weight_decay=0.05), dict(lr=0.05, momentum=0.9, weight_decay=0.2)),
    sgdw_case("sgdw_nesterov", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1), dict(lr=0.03, momentum=0.5, nesterov=True)),
    sgdw_case("sgdw_dampening", dict(lr=0.1, momentum=0.8, dampening=0.3, weight_decay=0.05), dict(lr=0.05, weight_decay=0.1)),
    sgdw_case("sgdw_plain", dict(lr=0.2, weight_decay=0.1), dict(lr=0.1, weight_decay=0.3)),
    sgdw_case("sgdw_maximize", dict(lr=0.01, momentum=0.5, maximize=True, weight_decay=0.01), dict(lr=0.02, maximize=True)),
    sgdw_case("sgdw_constant_lr", dict(lr=0.1, momentum=0.9, weight_decay=0.05), dict(lr=0.1, momentum=0.9, weight_decay=0.05),
              schedule=False),
]
# With a constant lr the code's form is Algorithm 1's: check it here, where both are independent of jgrad.
alg1 = paper_algorithm1(0.1, 0.9, 0.05, STEPS)
for a, b in zip(alg1, sgdw_cases[-1]["trajectory"][-1]):
    assert max(abs(u - v) for u, v in zip(a, b)) < 1e-12, "Algorithm 1 and the authors' code disagree at a constant lr"


def onecycle_case(name, make, n, groups_lr, opt_cls, opt_kw, momentum_key, **extra):
    ps = [torch.zeros(1, requires_grad=True) for _ in groups_lr]
    opt = opt_cls([dict(params=[p], lr=lr) for p, lr in zip(ps, groups_lr)], **opt_kw)
    sched = make(opt)
    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = []

    def mom():
        v = opt.param_groups[0][momentum_key]
        return v[0] if isinstance(v, tuple) else v

    if momentum_key:
        moms.append(mom())
    for _ in range(n - 1):
        opt.step()
        sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        if momentum_key:
            moms.append(mom())
    case = {"name": name, "component": "one_cycle_schedule", "optimizer": opt_cls.__name__, "groups": len(groups_lr), "lr": lrs}
    if momentum_key:
        case["momentum"] = moms
    case.update(extra)
    return case


S = torch.optim.lr_scheduler
O = torch.optim
schedule_cases = [
    onecycle_case("onecycle_three_phase", lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=100, three_phase=True), 100, [0.1],
                  O.SGD, dict(momentum=0.9), "momentum", args=dict(max_lr=[1.0], total_steps=100, three_phase=True)),
    onecycle_case("onecycle_three_phase_linear_adam",
                  lambda o: S.OneCycleLR(o, max_lr=0.01, total_steps=40, pct_start=0.25, anneal_strategy="linear", three_phase=True,
                                         div_factor=10, final_div_factor=100, base_momentum=0.8, max_momentum=0.9), 40, [0.001],
                  O.Adam, {}, "betas", args=dict(max_lr=[0.01], total_steps=40, pct_start=0.25, anneal_strategy="linear", three_phase=True,
                                                 div_factor=10, final_div_factor=100, base_momentum=0.8, max_momentum=0.9)),
    onecycle_case("onecycle_groups", lambda o: S.OneCycleLR(o, max_lr=[0.5, 0.05], total_steps=50), 50, [0.1, 0.1],
                  O.SGD, dict(momentum=0.9), "momentum", args=dict(max_lr=[0.5, 0.05], total_steps=50)),
    onecycle_case("onecycle_groups_three_phase",
                  lambda o: S.OneCycleLR(o, max_lr=[0.3, 0.02, 1.5], total_steps=31, pct_start=0.4, three_phase=True, cycle_momentum=False),
                  31, [0.1, 0.2, 0.3], O.SGD, {}, None,
                  args=dict(max_lr=[0.3, 0.02, 1.5], total_steps=31, pct_start=0.4, three_phase=True, cycle_momentum=False)),
]

doc = {"torch": torch.__version__, "steps": STEPS, "sgdw": sgdw_cases, "schedules": schedule_cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print(OUT, len(sgdw_cases), "SGDW cases,", len(schedule_cases), "one-cycle schedules")

# ---- the registry's cases: one parameter group, built from catalog parameters ------------------
def single_group_run(make_opt, lrs=None):
    w1, b1, w2 = (t.clone().requires_grad_(True) for t in (W1, B1, W2))
    opt = make_opt([w1, b1, w2])
    traj = []
    for t in range(STEPS):
        if lrs is not None:
            opt.param_groups[0]["lr"] = lrs[t]
        opt.zero_grad()
        loss_fn(w1, b1, w2).backward()
        opt.step()
        traj.append(flat([w1, b1, w2]))
    return traj


catalog_cases = []
for spec, kw in [("adamw", dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)),
                 ("adamw:lr=0.05,beta1=0.8,beta2=0.99,eps=1e-6,weight_decay=0.1,amsgrad=true",
                  dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True))]:
    catalog_cases.append({"component": "adamw", "kind": "optimizer", "spec": spec, "reference": "torch.optim.AdamW",
                          "trajectory": single_group_run(lambda ps: torch.optim.AdamW(ps, **kw))})
for spec, kw, sched in [("adamw:variant=sgdw,lr=0.1,momentum=0.9,weight_decay=0.01", dict(lr=0.1, momentum=0.9, weight_decay=0.01), True),
                        ("adamw:variant=sgdw,lr=0.05,momentum=0.5,nesterov=true,weight_decay=0.2",
                         dict(lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.2), False)]:
    lrs = [kw["lr"] * (cosine(t) if sched else 1.0) for t in range(STEPS)]
    catalog_cases.append({"component": "adamw", "kind": "optimizer", "spec": spec, "reference": "the authors' SGDW (sgd.lua), reimplemented",
                          "lr": lrs, "trajectory": single_group_run(lambda ps: SGDW(ps, **kw), lrs)})
for spec, n, group_lrs, opt_kw, make in [
    ("one_cycle_schedule:max_lr=0.5,three_phase=true", 60, [0.1], dict(momentum=0.9),
     lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=60, three_phase=True)),
    ("one_cycle_schedule:max_lr=0.4;0.04,pct_start=0.25,anneal_strategy=linear,div_factor=10,final_div_factor=100", 40, [0.1, 0.1],
     dict(momentum=0.9),
     lambda o: S.OneCycleLR(o, max_lr=[0.4, 0.04], total_steps=40, pct_start=0.25, anneal_strategy="linear", div_factor=10,
                            final_div_factor=100)),
    # max_lr left at its default: each group's lr when the schedule is made (fastai's lr_max=None).
    ("one_cycle_schedule:cycle_momentum=false", 30, [0.3, 0.03], {},
     lambda o: S.OneCycleLR(o, max_lr=[0.3, 0.03], total_steps=30, cycle_momentum=False)),
]:
    c = onecycle_case(spec, make, n, group_lrs, O.SGD, opt_kw, "momentum" if opt_kw else None)
    catalog_cases.append({"component": "one_cycle_schedule", "kind": "schedule", "spec": spec, "reference": "torch.optim.lr_scheduler.OneCycleLR",
                          "totalSteps": n, "groupLr": group_lrs, "lr": c["lr"], **({"momentum": c["momentum"]} if "momentum" in c else {})})

with open(CATALOG_OUT, "w") as f:
    json.dump({"family": "optimization", "torch": torch.__version__, "generator": "tools/golden/gen_catalog_optimization.py",
               "steps": STEPS, "problem": PROBLEM, "cases": catalog_cases}, f, separators=(",", ":"))
print(CATALOG_OUT, len(catalog_cases), "catalog cases")
