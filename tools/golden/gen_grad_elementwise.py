"""Golden gradients for the elementwise ops (tensor/src/test/resources/golden/grad_elementwise.json).

Every differentiable elementwise op: the output, the gradient of out.sum(), of a random
weighted sum and (for the smooth ops) a double-backward value, from PyTorch. Inputs are
drawn inside each op's domain and away from its kinks (the kinks are pinned by
ElementwiseGradEdgeTest). Shapes: a matrix, a vector, a 0-dim scalar, a transposed
(non-contiguous) input, float32 and float64; binary ops also on the broadcast pairs
[3,1]x[1,4], [5]x[2,5], 0-dim x [3,4], and float32 x float64 0-dim (mixed dtypes).

Run: /usr/bin/python3 tools/golden/gen_grad_elementwise.py
"""
import math

import torch
import torch.nn.functional as F

from golden import GradGolden, Input

g = GradGolden("grad_elementwise")
f32, f64 = torch.float32, torch.float64


def uniform(shape, lo, hi, dtype=f64):
    return (torch.rand(shape, dtype=f64) * (hi - lo) + lo).to(dtype)


def away_from_zero(shape, lo=0.2, hi=2.0, dtype=f64):
    sign = torch.where(torch.rand(shape) < 0.5, -1.0, 1.0).to(f64)
    return (uniform(shape, lo, hi) * sign).to(dtype)


def away_from_int(shape, dtype=f64):
    """Values whose fractional part is in [0.15, 0.35] or [0.65, 0.85]: away from steps and ties."""
    whole = torch.randint(-3, 3, shape).to(f64)
    frac = uniform(shape, 0.15, 0.35) + torch.where(torch.rand(shape) < 0.5, 0.0, 0.5).to(f64)
    return (whole + frac).to(dtype)


def scalar(v):
    """The torch scalar jgrad makes of a Java double."""
    return int(v) if math.isfinite(v) and v == int(v) else v


# name -> (torch function, domain sampler(shape, dtype), smooth)
POS = lambda s, d: uniform(s, 0.3, 2.5, d)
ANY = lambda s, d: uniform(s, -2.0, 2.0, d)
NZ = lambda s, d: away_from_zero(s, dtype=d)
UNARY = {
    "neg": (torch.neg, ANY, True), "abs": (torch.abs, NZ, False), "sign": (torch.sign, NZ, False),
    "exp": (torch.exp, ANY, True), "expm1": (torch.expm1, ANY, True), "log": (torch.log, POS, True),
    "log1p": (torch.log1p, lambda s, d: uniform(s, -0.6, 2.0, d), True), "log2": (torch.log2, POS, True),
    "sqrt": (torch.sqrt, POS, True), "rsqrt": (torch.rsqrt, POS, True), "reciprocal": (torch.reciprocal, NZ, True),
    "sin": (torch.sin, ANY, True), "cos": (torch.cos, ANY, True), "tan": (torch.tan, lambda s, d: uniform(s, -1.2, 1.2, d), True),
    "asin": (torch.asin, lambda s, d: uniform(s, -0.8, 0.8, d), True),
    "acos": (torch.acos, lambda s, d: uniform(s, -0.8, 0.8, d), True), "atan": (torch.atan, ANY, True),
    "sinh": (torch.sinh, ANY, True), "cosh": (torch.cosh, ANY, True), "tanh": (torch.tanh, ANY, True),
    "sigmoid": (torch.sigmoid, lambda s, d: uniform(s, -4, 4, d), True),
    "logSigmoid": (F.logsigmoid, lambda s, d: uniform(s, -4, 4, d), True),
    "relu": (torch.relu, NZ, True), "silu": (F.silu, lambda s, d: uniform(s, -4, 4, d), True),
    "erf": (torch.erf, ANY, True), "erfc": (torch.erfc, ANY, True),
    "floor": (torch.floor, away_from_int, False), "ceil": (torch.ceil, away_from_int, False),
    "round": (torch.round, away_from_int, False), "trunc": (torch.trunc, away_from_int, False),
}
# (name, args, torch function, sampler, smooth)
PARAM_UNARY = [
    ("softplus", {"beta": 1.0, "threshold": 20.0}, lambda x: F.softplus(x, 1.0, 20.0), lambda s, d: uniform(s, -4, 4, d), True),
    ("softplus", {"beta": 2.0, "threshold": 5.0}, lambda x: F.softplus(x, 2.0, 5.0), lambda s, d: uniform(s, -4, 4, d), True),
    ("leakyRelu", {"slope": 0.01}, lambda x: F.leaky_relu(x, 0.01), NZ, True),
    ("leakyRelu", {"slope": 0.2}, lambda x: F.leaky_relu(x, 0.2), NZ, True),
    ("elu", {"alpha": 1.0}, lambda x: F.elu(x, 1.0), NZ, True),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, 0.5), NZ, True),
    ("gelu", {"tanh": False}, lambda x: F.gelu(x), lambda s, d: uniform(s, -3, 3, d), True),
    ("gelu", {"tanh": True}, lambda x: F.gelu(x, approximate="tanh"), lambda s, d: uniform(s, -3, 3, d), True),
    ("clamp", {"min": -0.5, "max": 0.5}, lambda x: torch.clamp(x, -0.5, 0.5), NZ, True),
    ("clamp", {"min": None, "max": 0.3}, lambda x: torch.clamp(x, max=0.3), NZ, True),
    ("clamp", {"min": -0.25, "max": None}, lambda x: torch.clamp(x, min=-0.25), NZ, True),
    ("powScalar", {"exponent": 2.0}, lambda x: torch.pow(x, 2), ANY, True),
    ("powScalar", {"exponent": 3.0}, lambda x: torch.pow(x, 3), ANY, True),
    ("powScalar", {"exponent": 0.5}, lambda x: torch.pow(x, 0.5), POS, True),
    ("powScalar", {"exponent": -1.5}, lambda x: torch.pow(x, -1.5), POS, True),
    ("powScalar", {"exponent": 0.0}, lambda x: torch.pow(x, 0), ANY, True),
    ("nanToNum", {"nan": 0.0, "posinf": 5.0, "neginf": -5.0}, lambda x: torch.nan_to_num(x, 0.0, 5.0, -5.0), ANY, True),
]


def unary_inputs(sampler):
    """Inputs for the unary shapes: matrix, vector, 0-dim, transposed, float32."""
    return [[sampler([3, 4], f64)], [sampler([7], f64)], [sampler([], f64)],
            [Input(sampler([4, 3], f64), ["transpose", 0, 1])], [sampler([2, 5], f32)]]


for name, (fn, sampler, smooth) in UNARY.items():
    for ins in unary_inputs(sampler):
        g.add_grad(name, ins, fn, double=smooth)

for name, args, fn, sampler, smooth in PARAM_UNARY:
    for ins in unary_inputs(sampler):
        g.add_grad(name, ins, fn, args, double=smooth)

# nanToNum passes no gradient at NaN/inf.
g.add_grad("nanToNum", [torch.tensor([1.0, float("nan"), float("inf"), -float("inf"), -2.0], dtype=f64)],
           lambda x: torch.nan_to_num(x, 0.0, 5.0, -5.0), {"nan": 0.0, "posinf": 5.0, "neginf": -5.0}, double=True)

# ---- binary ops ----------------------------------------------------------------------------
# (name, args, torch fn(a, b), sampler a, sampler b, smooth)
BINARY = [
    ("add", {"alpha": 1.0}, lambda a, b: torch.add(a, b), ANY, ANY, True),
    ("add", {"alpha": 2.5}, lambda a, b: torch.add(a, b, alpha=2.5), ANY, ANY, True),
    ("sub", {}, torch.sub, ANY, ANY, True),
    ("mul", {}, torch.mul, ANY, ANY, True),
    ("div", {}, torch.div, ANY, NZ, True),
    ("atan2", {}, torch.atan2, NZ, NZ, True),
    ("pow", {}, torch.pow, POS, ANY, True),
    ("maximum", {}, torch.maximum, ANY, ANY, True),
    ("minimum", {}, torch.minimum, ANY, ANY, True),
]

PAIRS = [([3, 4], [3, 4]), ([3, 1], [1, 4]), ([5], [2, 5]), ([], [3, 4]), ([3, 4], [])]


def remainder_sample(shape_a, shape_b, dtype=f64):
    """a = b * (q + frac) with frac away from 0 and 1, so a / b is away from the jumps of floor."""
    b = away_from_zero(shape_b, 0.5, 2.0)
    q = away_from_int(torch.broadcast_shapes(torch.Size(shape_a), torch.Size(shape_b)))
    a = (b * q)
    # Reduce a to its own shape by taking a slice where it was broadcast: keep values consistent.
    while a.dim() > len(shape_a):
        a = a[0]
    for d, s in enumerate(shape_a):
        if s == 1 and a.shape[d] != 1:
            a = a.narrow(d, 0, 1)
    return a.contiguous().to(dtype), b.to(dtype)


for name, args, fn, sa, sb, smooth in BINARY:
    for shape_a, shape_b in PAIRS:
        g.add_grad(name, [sa(shape_a, f64), sb(shape_b, f64)], fn, args, double=smooth)
    # Non-contiguous left operand, float32, mixed float32 x float64 0-dim.
    g.add_grad(name, [Input(sa([4, 3], f64), ["transpose", 0, 1]), sb([3, 4], f64)], fn, args, double=smooth)
    g.add_grad(name, [sa([2, 3], f32), sb([2, 3], f32)], fn, args, double=smooth)
    g.add_grad(name, [sa([2, 3], f32), sb([], f64)], fn, args, double=smooth)

for shape_a, shape_b in PAIRS + [([2, 3], [2, 3])]:
    a, b = remainder_sample(shape_a, shape_b)
    g.add_grad("remainder", [a, b], torch.remainder, double=True)
a, b = remainder_sample([4, 3], [4, 3])
g.add_grad("remainder", [Input(a, ["transpose", 0, 1]), b.t().contiguous()], torch.remainder, double=True)
a, b = remainder_sample([2, 3], [2, 3], f32)
g.add_grad("remainder", [a, b], torch.remainder, double=True)

# Ties in maximum/minimum: equal elements split the gradient in half.
ta = torch.tensor([[1.0, 2.0, -0.5], [0.25, 3.0, -1.0]], dtype=f64)
tb = torch.tensor([[1.0, 1.0, -0.5], [0.5, 3.0, -2.0]], dtype=f64)
g.add_grad("maximum", [ta, tb], torch.maximum, double=True, note="ties")
g.add_grad("minimum", [ta, tb], torch.minimum, double=True, note="ties")
g.add_grad("maximum", [ta, torch.tensor(1.0, dtype=f64)], torch.maximum, double=True, note="ties, broadcast")

# pow at base 0: d/dbase = 0 where the exponent is 0, d/dexponent = 0 where base == 0, exponent >= 0.
g.add_grad("pow", [torch.tensor([0.0, 0.0, 2.0, 1.5, 0.0], dtype=f64), torch.tensor([2.0, 0.0, 0.0, -1.0, 3.0], dtype=f64)],
           torch.pow, note="base 0, exponent 0")

# Scalar forms (one recorded input; "value" is the Java double).
SCALAR = [
    ("addScalar", 1.5, lambda x, v: x + v), ("addScalar", 2.0, lambda x, v: x + v),
    ("subScalar", 0.75, lambda x, v: x - v), ("mulScalar", -2.5, lambda x, v: x * v),
    ("mulScalar", 3.0, lambda x, v: x * v), ("divScalar", 0.4, lambda x, v: x / v),
    ("divScalar", -2.0, lambda x, v: x / v), ("remainderScalar", 0.7, lambda x, v: torch.remainder(x, v)),
]
for name, v, fn in SCALAR:
    s = scalar(v)
    f = lambda x, fn=fn, s=s: fn(x, s)
    for ins in unary_inputs(ANY):
        g.add_grad(name, ins, f, {"value": v}, double=True)

# where(cond, a, b): cond gets no gradient; a and b broadcast.
for shape_c, shape_a, shape_b in [([3, 4], [3, 4], [3, 4]), ([3, 1], [1, 4], [3, 4]), ([3, 4], [], [4]),
                                  ([2, 5], [5], [2, 1])]:
    cond = torch.rand(shape_c) < 0.5
    g.add_grad("where", [cond, uniform(shape_a, -2, 2), uniform(shape_b, -2, 2)], torch.where, double=True)
cond = torch.rand([3, 4]) < 0.5
g.add_grad("where", [cond, Input(uniform([4, 3], -2, 2), ["transpose", 0, 1]), uniform([3, 4], -2, 2, f32)],
           torch.where, double=True)
for shape_c, shape_a, v in [([3, 4], [3, 4], 0.5), ([3, 1], [1, 4], -2.0), ([5], [], 1.25)]:
    cond = torch.rand(shape_c) < 0.5
    g.add_grad("whereScalar", [cond, uniform(shape_a, -2, 2)], lambda c, a, v=v: torch.where(c, a, scalar(v)),
               {"value": v}, double=True)

g.write()
