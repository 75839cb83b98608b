"""Golden cases for the elementwise family (tensor/src/test/resources/golden/elementwise.json).

Unary ops over SHAPES in float32/float64 plus non-contiguous views and edge values (0, -0,
+-inf, NaN, rounding ties, kinks, overflow points); integer and bool inputs wherever torch
accepts them; binary ops with broadcasting, non-contiguous operands, dtype promotion and
Java-style scalars; where; the in-place ops. Java doubles become torch scalars the way
jgrad wraps them: integral values as int scalars, others as float scalars.

Run: /usr/bin/python3 tools/golden/gen_elementwise.py
"""
import math

import torch
import torch.nn.functional as F

from golden import SHAPES, Golden, Input

g = Golden("elementwise")
f32, f64, i32, i64, b8 = torch.float32, torch.float64, torch.int32, torch.int64, torch.bool
INF, NAN = float("inf"), float("nan")
EDGES = [0.0, -0.0, INF, -INF, NAN, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.0, -1.0, 88.0, -88.0, 1e-38, 20.0, -20.0,
         100.0, -100.0, 3.0, 1e-7, 0.9999, -0.9999, 720.0, 1e30, 0.25, -3.5, 7.0, 4.5, 40.0, -40.0, 1e-30]


def scalar(v):
    """The torch scalar jgrad makes of a Java double."""
    return int(v) if math.isfinite(v) and v == int(v) else v


UNARY = {
    "neg": torch.neg, "abs": torch.abs, "sign": torch.sign, "exp": torch.exp, "expm1": torch.expm1,
    "log": torch.log, "log1p": torch.log1p, "log2": torch.log2, "sqrt": torch.sqrt, "rsqrt": torch.rsqrt,
    "reciprocal": torch.reciprocal, "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "asin": torch.asin,
    "acos": torch.acos, "atan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh, "tanh": torch.tanh,
    "sigmoid": torch.sigmoid, "logSigmoid": F.logsigmoid, "relu": torch.relu, "silu": F.silu, "erf": torch.erf,
    "erfc": torch.erfc, "floor": torch.floor, "ceil": torch.ceil, "round": torch.round, "trunc": torch.trunc,
    "isnan": torch.isnan, "isinf": torch.isinf, "isfinite": torch.isfinite, "logicalNot": torch.logical_not,
}
# (name, args, torch function of x)
PARAM_UNARY = [
    ("softplus", {"beta": 1.0, "threshold": 20.0}, lambda x: F.softplus(x, 1.0, 20.0)),
    ("softplus", {"beta": 2.0, "threshold": 5.0}, lambda x: F.softplus(x, 2.0, 5.0)),
    ("leakyRelu", {"slope": 0.01}, lambda x: F.leaky_relu(x, 0.01)),
    ("leakyRelu", {"slope": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    ("elu", {"alpha": 1.0}, lambda x: F.elu(x, 1.0)),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, 0.5)),
    ("gelu", {"tanh": False}, lambda x: F.gelu(x)),
    ("gelu", {"tanh": True}, lambda x: F.gelu(x, approximate="tanh")),
    ("clamp", {"min": -0.5, "max": 0.5}, lambda x: torch.clamp(x, -0.5, 0.5)),
    ("clamp", {"min": None, "max": 0.3}, lambda x: torch.clamp(x, max=0.3)),
    ("clamp", {"min": -0.2, "max": None}, lambda x: torch.clamp(x, min=-0.2)),
    ("clamp", {"min": 0.5, "max": -0.5}, lambda x: torch.clamp(x, 0.5, -0.5)),
    ("powScalar", {"exponent": 2.0}, lambda x: torch.pow(x, 2)),
    ("powScalar", {"exponent": 0.5}, lambda x: torch.pow(x, 0.5)),
    ("powScalar", {"exponent": -1.5}, lambda x: torch.pow(x, -1.5)),
    ("powScalar", {"exponent": 3.0}, lambda x: torch.pow(x, 3)),
    ("nanToNum", {"nan": 0.0, "posinf": None, "neginf": None}, lambda x: torch.nan_to_num(x)),
    ("nanToNum", {"nan": 1.5, "posinf": 100.0, "neginf": -100.0}, lambda x: torch.nan_to_num(x, 1.5, 100.0, -100.0)),
]
VECTOR_HEAVY = {"exp", "log", "tanh", "sigmoid", "relu", "gelu", "silu", "clamp"}
POSITIVE = {"log", "log2", "sqrt", "rsqrt"}
UNIT = {"asin", "acos"}


def q(x):
    """Inputs on a 1/256 grid: exact in float32 and short in JSON."""
    return torch.round(x * 256) / 256


def sample(name, shape, dtype):
    return q(_sample(name, shape)).to(dtype) if name not in NONFINITE else _sample(name, shape).to(dtype)


NONFINITE = {"isnan", "isinf", "isfinite", "nanToNum"}


def _sample(name, shape, dtype=f64):
    if name in POSITIVE:
        return torch.rand(shape, dtype=f64) * 10 + 1 / 256
    if name == "log1p":
        return torch.rand(shape, dtype=f64) * 5 - 0.9
    if name in UNIT:
        return torch.rand(shape, dtype=f64) * 1.98 - 0.99
    if name in ("round",):
        return torch.randint(-8, 8, shape, dtype=f64) / 2 + (torch.rand(shape, dtype=f64) < 0.5) * 0.125
    if name in ("isnan", "isinf", "isfinite", "nanToNum"):
        x = torch.randn(shape, dtype=f64)
        pick = torch.rand(shape)
        x[pick < 0.15] = NAN
        x[(pick >= 0.15) & (pick < 0.25)] = INF
        x[(pick >= 0.25) & (pick < 0.35)] = -INF
        return x
    return torch.randn(shape, dtype=f64) * 2


def unary_cases(name, fn, args=None):
    for shape in ([0], [1], [17], [97] if name in VECTOR_HEAVY else [15], [2, 3, 4]):
        x = sample(name, shape, f32)
        g.add(name, [x], fn(x), args)
    for shape in ([33], [3, 5]):
        x = sample(name, shape, f64)
        g.add(name, [x], fn(x), args)
    base = sample(name, [5, 7], f32)
    inp = Input(base, ["transpose", 0, 1])
    g.add(name, [inp], fn(inp.tensor()), args)
    inp = Input(sample(name, [9, 4], f64), ["slice", 0, None, None, 2])
    g.add(name, [inp], fn(inp.tensor()), args)
    for dt in (f32, f64):
        e = torch.tensor(EDGES, dtype=dt)
        g.add(name, [e], fn(e), args, note="edge values")
    ints = {i32: torch.tensor([-7, -2, -1, 0, 1, 2, 3, 5, 9, 100, -100, 2**31 - 1, -2**31], dtype=i32),
            i64: torch.tensor([-7, -2, -1, 0, 1, 2, 3, 5, 9, 100, -100, 2**40, -2**40], dtype=i64),
            b8: torch.tensor([True, False, True, True, False], dtype=b8)}
    for dt, x in ints.items():
        if name in ("powScalar",) and args["exponent"] < 0:
            continue
        if name in POSITIVE | UNIT | {"log1p"}:
            x = x.abs() if dt != b8 else x
        try:
            y = fn(x)
        except RuntimeError:
            continue
        g.add(name, [x], y, args, note="integral input")


for name, fn in UNARY.items():
    unary_cases(name, fn)
for name, args, fn in PARAM_UNARY:
    unary_cases(name, fn, args)

# integer-specific unary cases: clamp with int and float bounds, int pow with overflow
ix = torch.tensor([-5, -1, 0, 1, 2, 7, 300], dtype=i64)
g.add("clamp", [ix], torch.clamp(ix, 0, 2), {"min": 0.0, "max": 2.0})
g.add("clamp", [ix], torch.clamp(ix, 0.5), {"min": 0.5, "max": None}, note="float bound promotes to float32")
g.add("clamp", [ix.to(i32)], torch.clamp(ix.to(i32), None, 3), {"min": None, "max": 3.0})
g.add("clamp", [ix.to(b8)], torch.clamp(ix.to(b8), 0, 1), {"min": 0.0, "max": 1.0}, note="bool -> int64")
g.add("powScalar", [torch.tensor([3, -3, 2], dtype=i32)], torch.pow(torch.tensor([3, -3, 2], dtype=i32), 40),
      {"exponent": 40.0}, note="int32 overflow wraps")
g.add("powScalar", [ix], torch.pow(ix, 2.5), {"exponent": 2.5}, note="int ** float -> float32")
g.add("powScalar", [torch.tensor([True, False])], torch.pow(torch.tensor([True, False]), 2), {"exponent": 2.0})

# ---- binary ops -------------------------------------------------------------------------------
BINARY = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "remainder": torch.remainder,
    "pow": torch.pow, "atan2": torch.atan2, "maximum": torch.maximum, "minimum": torch.minimum,
    "eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt, "ge": torch.ge,
    "logicalAnd": torch.logical_and, "logicalOr": torch.logical_or, "logicalXor": torch.logical_xor,
}


def operands(name, sa, sb, dt_a, dt_b):
    """Random operands suited to the op; comparisons get some equal pairs."""
    def make(shape, dt, role):
        if dt == b8:
            return torch.rand(shape) < 0.5
        if not dt.is_floating_point:
            if name == "pow" and role == "b":
                return torch.randint(0, 4, shape, dtype=dt)
            if name == "remainder" and role == "b":
                v = torch.randint(1, 6, shape, dtype=dt)
                return v * (torch.randint(0, 2, shape, dtype=dt) * 2 - 1)
            return torch.randint(-9, 10, shape, dtype=dt)
        if name == "pow" and role == "a":
            return q(torch.rand(shape, dtype=f64) * 3 + 0.1).to(dt)
        if name in ("remainder", "div") and role == "b":
            v = torch.rand(shape, dtype=f64) * 2.5 + 0.5
            return q(v * (torch.randint(0, 2, shape, dtype=f64) * 2 - 1)).to(dt)
        return q(torch.randn(shape, dtype=f64) * 2).to(dt)
    a, b = make(sa, dt_a, "a"), make(sb, dt_b, "b")
    if name in ("eq", "ne", "lt", "le", "gt", "ge") and list(sa) == list(sb) and dt_a == dt_b:
        same = torch.rand(sa) < 0.3
        b = torch.where(same, a, b)
    return a, b


def binary_case(name, fn, sa, sb, dt_a, dt_b, note=None):
    a, b = operands(name, sa, sb, dt_a, dt_b)
    try:
        y = fn(a, b)
    except RuntimeError:
        return
    g.add(name, [a, b], y, note=note)


for name, fn in BINARY.items():
    for shape in ([0], [1], [15], [17], [97] if name in ("add", "mul", "div") else [16], [2, 3, 4]):
        binary_case(name, fn, shape, shape, f32, f32)
    for shape in ([33], [3, 5]):
        binary_case(name, fn, shape, shape, f64, f64)
    for sa, sb in (([3, 1], [1, 4]), ([5], [2, 5]), ([], [3, 4]), ([2, 1, 17], [3, 1]), ([5, 1], [5, 19])):
        binary_case(name, fn, sa, sb, f32, f32, note="broadcast")
    binary_case(name, fn, [3, 17], [17], f64, f64, note="broadcast row")
    binary_case(name, fn, [9, 1], [9, 17], f64, f64, note="broadcast column")
    for dt_a, dt_b in ((i32, i32), (i64, i64), (b8, b8), (i32, i64), (b8, i32), (i64, f32), (i32, f64)):
        binary_case(name, fn, [7], [7], dt_a, dt_b, note="dtypes")
    # promotion with a 0-dim operand
    for dt_a, dt_b in ((i32, f64), (f32, f64), (i64, i32), (b8, i64)):
        binary_case(name, fn, [6], [], dt_a, dt_b, note="0-dim promotion")
        binary_case(name, fn, [], [6], dt_b, dt_a, note="0-dim promotion")
    # non-contiguous operands
    a, b = operands(name, [6, 5], [5, 6], f32, f32)
    ia, ib = Input(a), Input(b, ["transpose", 0, 1])
    g.add(name, [ia, ib], fn(ia.tensor(), ib.tensor()), note="transposed")
    a, b = operands(name, [10, 3], [3, 5], f64, f64)
    ia, ib = Input(a, ["slice", 0, None, None, 2]), Input(b, ["transpose", 0, 1])
    g.add(name, [ia, ib], fn(ia.tensor(), ib.tensor()), note="sliced and transposed")
    a, b = operands(name, [1, 20], [4, 20], f32, f32)
    ia = Input(a, ["expand", [4, 20]])
    g.add(name, [ia, b], fn(ia.tensor(), b), note="expanded")

# edge values for binary float ops
ea = torch.tensor([0.0, -0.0, INF, -INF, NAN, 1.0, -1.0, 5.0, -5.0, 2.5, NAN, INF, 3.0, -7.5, 0.0, 2.0, -2.0])
eb = torch.tensor([0.0, 1.0, INF, INF, 1.0, NAN, 0.0, -3.0, 3.0, -0.0, NAN, -INF, INF, 2.0, -1.0, 0.5, 3.0])
for name, fn in BINARY.items():
    for dt in (f32, f64):
        g.add(name, [ea.to(dt), eb.to(dt)], fn(ea.to(dt), eb.to(dt)), note="edge values")
# int remainder signs, int pow with negative exponents (torch: 1, +-1, else 0)
ra, rb = torch.tensor([7, -7, 7, -7, 0, 5, -1]), torch.tensor([2, 2, -2, -2, 3, -5, 4])
g.add("remainder", [ra, rb], torch.remainder(ra, rb))
pa, pb = torch.tensor([1, -1, -1, 2, -2, 0, 3]), torch.tensor([-1, -3, -2, -1, -2, 0, 2])
g.add("pow", [pa, pb], torch.pow(pa, pb), note="int pow with negative exponents")
g.add("add", [torch.tensor([2**31 - 1, -2**31], dtype=i32), torch.tensor([1, -1], dtype=i32)],
      torch.tensor([2**31 - 1, -2**31], dtype=i32) + torch.tensor([1, -1], dtype=i32), note="int32 wraps")

# scalar operands (Java doubles)
SCALAR_OPS = {"addScalar": torch.add, "subScalar": torch.sub, "mulScalar": torch.mul, "divScalar": torch.div,
              "remainderScalar": torch.remainder, "eqScalar": torch.eq, "neScalar": torch.ne, "ltScalar": torch.lt,
              "leScalar": torch.le, "gtScalar": torch.gt, "geScalar": torch.ge}
for name, fn in SCALAR_OPS.items():
    for dt, v in ((f32, 2.5), (f32, -3.0), (f64, 0.75), (i64, 2.5), (i64, 3.0), (i32, -2.0), (b8, 2.0), (f32, 0.0)):
        x = (torch.randn(33, dtype=f64) * 3).round().to(dt) if dt != b8 else torch.rand(33) < 0.5
        if dt.is_floating_point:
            x = (torch.randn(33, dtype=f64) * 3).to(dt)
            x[::4] = v
        try:
            y = fn(x, scalar(v))
        except RuntimeError:
            continue
        g.add(name, [x], y, {"value": v})

# add with alpha
for dt_a, dt_b, alpha in ((f32, f32, 2.5), (f64, f64, -0.5), (i64, i64, 3.0), (i32, f32, 0.5), (b8, b8, 2.0)):
    a, b = operands("add", [4, 5], [5], dt_a, dt_b)
    try:
        y = torch.add(a, b, alpha=scalar(alpha))
    except RuntimeError:
        continue
    g.add("addAlpha", [a, b], y, {"alpha": alpha})

# where
for dt in (f32, f64, i32, i64, b8):
    c = torch.rand(3, 4) < 0.5
    a, b = operands("add", [3, 4], [3, 4], dt, dt)
    g.add("where", [c, a, b], torch.where(c, a, b))
c = torch.rand(3, 1) < 0.5
a, b = torch.randn(1, 4), torch.randn(3, 4, dtype=f64)
g.add("where", [c, a, b], torch.where(c, a, b), note="broadcast and promotion")
c = torch.rand(20) < 0.5
ia = Input(torch.randn(20, 2), ["transpose", 0, 1])
g.add("where", [c, ia, torch.tensor(1.5, dtype=f64)], torch.where(c, ia.tensor(), torch.tensor(1.5, dtype=f64)))
g.add("where", [c, torch.arange(20), torch.arange(20, dtype=i32) * 2], torch.where(c, torch.arange(20),
      torch.arange(20, dtype=i32) * 2), note="int64 and int32")
for dt, v in ((f32, 2.5), (i64, 2.5), (i64, -1.0), (f64, NAN)):
    c = torch.rand(17) < 0.5
    x = (torch.randn(17, dtype=f64) * 3).to(dt)
    g.add("whereScalar", [c, x], torch.where(c, x, scalar(v)), {"value": v})

# ---- in place ---------------------------------------------------------------------------------
INPLACE = {"addInPlace": lambda s, o: s.add_(o), "subInPlace": lambda s, o: s.sub_(o),
           "mulInPlace": lambda s, o: s.mul_(o), "divInPlace": lambda s, o: s.div_(o),
           "copyFrom": lambda s, o: s.copy_(o)}


def inplace_case(name, fn, self_in, other, args=None, note=None):
    target = Input(self_in.base.clone(), *self_in.steps).tensor()
    o = other.tensor() if isinstance(other, Input) else other
    try:
        fn(target, o)
    except RuntimeError:
        return
    g.add(name, [self_in, other], target, args, note)


for name, fn in INPLACE.items():
    for dt_s, dt_o in ((f32, f32), (f64, f32), (f32, i64), (i64, i64), (i32, i64), (f64, f64)):
        s, o = operands("div" if name == "divInPlace" else "add", [4, 6], [4, 6], dt_s, dt_o)
        inplace_case(name, fn, Input(s), o, note="dtypes")
    s, o = operands("add", [4, 6], [6], f32, f32)
    inplace_case(name, fn, Input(s), o, note="broadcast other")
    s, o = operands("add", [6, 4], [4, 6], f32, f64)
    inplace_case(name, fn, Input(s, ["transpose", 0, 1]), Input(o, ["slice", 1, None, None, 1]),
                 note="transposed self")
    s, o = operands("add", [8, 97], [97], f32, f32)
    inplace_case(name, fn, Input(s, ["slice", 0, None, None, 2]), o, note="sliced self")
    s, o = operands("add", [33], [], f64, f64)
    inplace_case(name, fn, Input(s), o, note="0-dim other")
inplace_case("copyFrom", lambda s, o: s.copy_(o), Input(torch.zeros(5, dtype=i64)),
             torch.tensor([1.7, -2.7, 0.2, 3.9, -0.5]), note="float to int truncates")
inplace_case("copyFrom", lambda s, o: s.copy_(o), Input(torch.zeros(5, dtype=b8)),
             torch.tensor([1.7, 0.0, -0.2, NAN, 0.0]), note="float to bool")

for name, op, values in (("addInPlaceScalar", "add_", (2.5, 3.0)), ("mulInPlaceScalar", "mul_", (-1.5, 2.0)),
                         ("divInPlaceScalar", "div_", (4.0, -0.5))):
    for dt in (f32, f64, i64):
        for v in values:
            s = (torch.randn(17, dtype=f64) * 4).round().to(dt)
            inplace_case(name, lambda t, o, op=op: getattr(t, op)(scalar(o.item())), Input(s),
                         torch.tensor(v, dtype=f64), {"value": v})
for dt_s, alpha in ((f32, 0.5), (f64, -2.0), (i64, 3.0)):
    s, o = operands("add", [5, 3], [3], dt_s, dt_s)
    inplace_case("addInPlaceAlpha", lambda t, x, a=alpha: t.add_(x, alpha=scalar(a)), Input(s), o, {"alpha": alpha})
for dt, lo, hi in ((f32, -0.5, 0.5), (f64, None, 0.2), (i64, -2.0, 3.0), (f32, 0.3, None)):
    s = (torch.randn(33, dtype=f64) * 3).to(dt)
    s[::5] = NAN if dt.is_floating_point else 0
    target = s.clone().clamp_(scalar(lo) if lo is not None else None, scalar(hi) if hi is not None else None)
    g.add("clampInPlace", [s], target, {"min": lo, "max": hi})
ts = torch.randn(6, 5)
target = ts.clone().t()
target.clamp_(-0.1, 0.1)
g.add("clampInPlace", [Input(ts, ["transpose", 0, 1])], target, {"min": -0.1, "max": 0.1}, note="transposed self")
for dt, v in ((f32, 2.5), (f64, -1.0), (i64, 2.7), (i32, -3.9), (b8, 2.0), (f32, NAN)):
    s = torch.zeros(2, 17, dtype=dt)
    g.add("fill", [Input(s, ["slice", 1, None, None, 2])], s.clone()[:, ::2].fill_(v), {"value": v})

g.write()
