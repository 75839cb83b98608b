"""Golden trajectories for io.jgrad.nn.optim: optimizers, lr schedules and gradient clipping.

Writes nn/src/test/resources/golden/optim.json. Run: /usr/bin/python3 tools/golden/gen_optim.py

Problem: loss = mean((tanh(x @ w1 + b1) @ w2 - y)^2) + 0.1 * sum((1 - w2)^2), float64,
x [6,3], y [6] seeded; groups: [w1, b1] and [w2] (the second with its own lr).
"""
import json
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "golden", "optim.json")
STEPS = 20

torch.manual_seed(1234)
X = torch.randn(6, 3, dtype=torch.float64)
Y = torch.randn(6, dtype=torch.float64)
W1 = torch.randn(3, 4, dtype=torch.float64) * 0.5
B1 = torch.randn(4, dtype=torch.float64) * 0.1
W2 = torch.randn(4, dtype=torch.float64) * 0.5


def loss_fn(w1, b1, w2):
    return ((torch.tanh(X @ w1 + b1) @ w2 - Y) ** 2).mean() + 0.1 * ((1 - w2) ** 2).sum()


def flat(ps):
    return [p.detach().reshape(-1).tolist() for p in ps]


def py(v):
    return list(v) if isinstance(v, tuple) else v


def trajectory(name, cls, defaults, g0, g1, steps=STEPS):
    w1, b1, w2 = (t.clone().requires_grad_(True) for t in (W1, B1, W2))
    opt = cls([dict(params=[w1, b1], **g0), dict(params=[w2], **g1)], **defaults)
    traj = []
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(w1, b1, w2).backward()
        opt.step()
        traj.append(flat([w1, b1, w2]))
    return {"name": name, "optimizer": cls.__name__,
            "defaults": {k: py(v) for k, v in defaults.items()},
            "groups": [{k: py(v) for k, v in g0.items()}, {k: py(v) for k, v in g1.items()}],
            "trajectory": traj}


O = torch.optim
optim_cases = [
    trajectory("sgd_plain", O.SGD, dict(lr=0.1), {}, dict(lr=0.05)),
    trajectory("sgd_momentum", O.SGD, dict(lr=0.1, momentum=0.9), {}, dict(lr=0.05)),
    trajectory("sgd_dampening_wd", O.SGD, dict(lr=0.1, momentum=0.8, dampening=0.3, weight_decay=0.01), {}, dict(lr=0.05, momentum=0.5)),
    trajectory("sgd_nesterov", O.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.02), {}, dict(lr=0.03)),
    trajectory("sgd_maximize", O.SGD, dict(lr=0.01, momentum=0.5, maximize=True), {}, dict(lr=0.02)),
    trajectory("adam", O.Adam, dict(lr=0.05), {}, dict(lr=0.01)),
    trajectory("adam_wd_betas", O.Adam, dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), {}, dict(lr=0.02, betas=(0.5, 0.9))),
    trajectory("adam_amsgrad", O.Adam, dict(lr=0.05, amsgrad=True), {}, dict(lr=0.02, weight_decay=0.05)),
    trajectory("adam_maximize", O.Adam, dict(lr=0.01, maximize=True), {}, dict(lr=0.005)),
    trajectory("adamw", O.AdamW, dict(lr=0.05, weight_decay=0.1), {}, dict(lr=0.02, weight_decay=0.5)),
    trajectory("adamw_amsgrad", O.AdamW, dict(lr=0.05, amsgrad=True, betas=(0.85, 0.995)), {}, dict(lr=0.02)),
    trajectory("rmsprop", O.RMSprop, dict(lr=0.01), {}, dict(lr=0.005)),
    trajectory("rmsprop_centered_momentum", O.RMSprop, dict(lr=0.01, alpha=0.9, eps=1e-6, momentum=0.7, centered=True, weight_decay=0.01), {}, dict(lr=0.005, centered=False)),
    trajectory("rmsprop_maximize", O.RMSprop, dict(lr=0.001, momentum=0.3, maximize=True), {}, dict(lr=0.002)),
    trajectory("adagrad", O.Adagrad, dict(lr=0.1), {}, dict(lr=0.05)),
    trajectory("adagrad_decay", O.Adagrad, dict(lr=0.1, lr_decay=0.05, weight_decay=0.01, initial_accumulator_value=0.2, eps=1e-8), {}, dict(lr=0.3)),
    trajectory("adagrad_maximize", O.Adagrad, dict(lr=0.01, maximize=True), {}, dict(lr=0.02)),
]


# ---- schedules -------------------------------------------------------------------------
def schedule(name, make, n, opt_cls=O.SGD, opt_kw=None, metrics=None, momentum_key=None):
    p = torch.zeros(1, requires_grad=True)
    opt = opt_cls([p], **(opt_kw or dict(lr=0.1)))
    sched = make(opt)
    lrs, moms = [opt.param_groups[0]["lr"]], []
    if momentum_key:
        moms.append(py(opt.param_groups[0][momentum_key]))
    for i in range(n):
        opt.step()
        if metrics is not None:
            sched.step(metrics[i])
        else:
            sched.step()
        lrs.append(opt.param_groups[0]["lr"])
        if momentum_key:
            moms.append(py(opt.param_groups[0][momentum_key]))
    case = {"name": name, "steps": n, "lr": lrs, "optimizer": opt_cls.__name__, "optimizerArgs": {k: py(v) for k, v in (opt_kw or dict(lr=0.1)).items()}}
    if momentum_key:
        case["momentum"] = [m[0] if isinstance(m, list) else m for m in moms]
    if metrics is not None:
        case["metrics"] = metrics
    return case


S = torch.optim.lr_scheduler
g = torch.Generator().manual_seed(7)
noise = torch.rand(80, generator=g, dtype=torch.float64).tolist()
plateau_metrics = [1.0 / (1 + min(i, 15)) + 0.01 * noise[i] for i in range(80)]
plateau_max = [min(i, 20) * 0.1 + 0.001 * noise[i] for i in range(60)]
sched_cases = [
    schedule("step", lambda o: S.StepLR(o, step_size=7, gamma=0.5), 40),
    schedule("multistep", lambda o: S.MultiStepLR(o, milestones=[5, 12, 30], gamma=0.3), 40),
    schedule("exponential", lambda o: S.ExponentialLR(o, gamma=0.93), 40),
    schedule("cosine", lambda o: S.CosineAnnealingLR(o, T_max=25, eta_min=0.001), 60),
    schedule("cosine_warm_restarts", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.002), 60),
    schedule("cosine_warm_restarts_t1", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=1), 40),
    schedule("linear", lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=10), 30),
    schedule("linear_down", lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=12), 30),
    schedule("plateau_min_rel", lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=3, threshold=1e-2, cooldown=2, min_lr=0.004), 80, metrics=plateau_metrics),
    schedule("plateau_max_abs", lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.3, patience=2, threshold=0.05, threshold_mode="abs"), 60, metrics=plateau_max),
    schedule("onecycle_cos", lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=50), 50, opt_kw=dict(lr=0.1, momentum=0.9), momentum_key="momentum"),
    schedule("onecycle_linear", lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=40, pct_start=0.4, anneal_strategy="linear", div_factor=10, final_div_factor=100, base_momentum=0.8, max_momentum=0.9), 40, opt_kw=dict(lr=0.1, momentum=0.9), momentum_key="momentum"),
    schedule("onecycle_adam", lambda o: S.OneCycleLR(o, max_lr=0.01, total_steps=30, pct_start=0.25), 30, opt_cls=O.Adam, opt_kw=dict(lr=0.001), momentum_key="betas"),
    schedule("onecycle_nomomentum", lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=35, cycle_momentum=False), 35),
]

# ---- clipping ---------------------------------------------------------------------------
clip_cases = []
gen = torch.Generator().manual_seed(11)
for norm_type, max_norm in [(2.0, 1.0), (2.0, 100.0), (1.0, 0.5), (float("inf"), 0.3), (3.0, 0.7)]:
    grads = [torch.randn(3, 4, generator=gen, dtype=torch.float64), torch.randn(5, generator=gen, dtype=torch.float64)]
    ps = [torch.zeros_like(gr, requires_grad=True) for gr in grads]
    for p, gr in zip(ps, grads):
        p.grad = gr.clone()
    total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=norm_type)
    clip_cases.append({"kind": "norm", "normType": "Infinity" if norm_type == float("inf") else norm_type, "maxNorm": max_norm,
                       "grads": flat(grads), "shapes": [list(gr.shape) for gr in grads], "total": total.item(), "clipped": flat([p.grad for p in ps])})
for clip in [0.5, 2.0]:
    grads = [torch.randn(3, 4, generator=gen, dtype=torch.float64) * 2, torch.randn(5, generator=gen, dtype=torch.float64)]
    ps = [torch.zeros_like(gr, requires_grad=True) for gr in grads]
    for p, gr in zip(ps, grads):
        p.grad = gr.clone()
    torch.nn.utils.clip_grad_value_(ps, clip)
    clip_cases.append({"kind": "value", "clip": clip, "grads": flat(grads), "shapes": [list(gr.shape) for gr in grads], "clipped": flat([p.grad for p in ps])})

doc = {"torch": torch.__version__, "steps": STEPS,
       "problem": {"x": X.reshape(-1).tolist(), "y": Y.tolist(), "w1": W1.reshape(-1).tolist(), "b1": B1.tolist(), "w2": W2.tolist()},
       "optimizers": optim_cases, "schedules": sched_cases, "clipping": clip_cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print(OUT, len(optim_cases), "optimizer cases,", len(sched_cases), "schedules,", len(clip_cases), "clip cases")
