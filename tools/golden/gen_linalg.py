"""Golden cases for the linear-algebra family: matmul (1-D/2-D/batched/broadcast, non-contiguous
operands, empty dims, tails around the vector width), mm, bmm, dot, outer, einsum, cdist.

Run: /usr/bin/python3 tools/golden/gen_linalg.py
float32 inputs are multiples of 1/8 in [-2, 2]: every product and partial sum is exact in
float32, so any summation order (torch's or jgrad's blocked kernel) gives the same bits and the
default tolerances hold even for outputs that cancel to ~0. float64 inputs are plain normals.
"""
import torch

from golden import Golden, Input

g = Golden("linalg")
F32, F64 = torch.float32, torch.float64


def rnd(shape, dtype=F32):
    if dtype == torch.bool:
        return torch.rand(shape) < 0.5
    if not dtype.is_floating_point:
        return torch.randint(-5, 6, shape, dtype=dtype)
    if dtype == F32:
        return (torch.randint(-16, 17, shape) / 8).to(F32)
    return torch.randn(shape, dtype=dtype)


def add(op, ins, fn, args=None):
    tensors = [i.tensor() if isinstance(i, Input) else i for i in ins]
    g.add(op, ins, fn(*tensors), args)


mm = lambda a, b: torch.matmul(a, b)

# ---- matmul: 1-D forms ----
for n in [0, 1, 7, 15, 16, 17, 33]:
    for dt in [F32, F64]:
        add("matmul", [rnd([n], dt), rnd([n], dt)], mm)
for (m, k) in [(3, 5), (17, 33), (0, 4), (16, 0)]:
    add("matmul", [rnd([m, k]), rnd([k])], mm)
    add("matmul", [rnd([k]), rnd([k, m])], mm)
add("matmul", [rnd([5, 7], F64), rnd([7], F64)], mm)
add("matmul", [rnd([7], F64), rnd([7, 5], F64)], mm)

# ---- matmul: 2-D, tails around 16 lanes and around the register tile ----
for (m, k, n) in [(1, 1, 1), (2, 3, 4), (15, 16, 17), (17, 33, 15), (16, 16, 16), (0, 3, 4), (3, 0, 4), (3, 4, 0),
                  (33, 97, 7), (5, 40, 70), (13, 17, 33), (4, 31, 32), (12, 8, 97)]:
    add("matmul", [rnd([m, k]), rnd([k, n])], mm)
for (m, k, n) in [(2, 3, 4), (15, 16, 17), (33, 20, 31), (0, 3, 4), (3, 0, 4)]:
    add("matmul", [rnd([m, k], F64), rnd([k, n], F64)], mm)

# ---- matmul: batched and broadcast ----
for dt in [F32, F64]:
    add("matmul", [rnd([2, 3, 4], dt), rnd([2, 4, 5], dt)], mm)
    add("matmul", [rnd([2, 1, 3, 4], dt), rnd([5, 4, 6], dt)], mm)
    add("matmul", [rnd([3, 4, 5], dt), rnd([5, 2], dt)], mm)
    add("matmul", [rnd([4, 5], dt), rnd([3, 5, 2], dt)], mm)
    add("matmul", [rnd([2, 3, 4], dt), rnd([4], dt)], mm)
    add("matmul", [rnd([4], dt), rnd([2, 4, 3], dt)], mm)
add("matmul", [rnd([1, 3, 4]), rnd([5, 4, 2])], mm)
add("matmul", [rnd([0, 3, 4]), rnd([4, 2])], mm)
add("matmul", [rnd([2, 3, 0]), rnd([2, 0, 5])], mm)
add("matmul", [rnd([2, 2, 17, 16]), rnd([2, 16, 15])], mm)

# ---- matmul: non-contiguous operands ----
for dt in [F32, F64]:
    add("matmul", [Input(rnd([9, 7], dt), ["transpose", 0, 1]), rnd([9, 5], dt)], mm)      # A^T B
    add("matmul", [rnd([7, 9], dt), Input(rnd([5, 9], dt), ["transpose", 0, 1])], mm)      # A B^T
    add("matmul", [Input(rnd([14, 9], dt), ["slice", 0, 0, 14, 2]), rnd([9, 17], dt)], mm)  # every other row
    add("matmul", [Input(rnd([1, 6, 4], dt), ["expand", [3, 6, 4]]),
                   Input(rnd([3, 5, 4], dt), ["transpose", 1, 2])], mm)
add("matmul", [Input(rnd([33, 20]), ["transpose", 0, 1]), Input(rnd([17, 33]), ["transpose", 0, 1])], mm)
add("matmul", [Input(rnd([2, 4, 3, 5]), ["permute", [1, 0, 2, 3]]), rnd([5, 6])], mm)
add("matmul", [rnd([6, 20]), Input(rnd([20, 40]), ["slice", 1, 1, 40, 3])], mm)

# ---- matmul: integers ----
for dt in [torch.int32, torch.int64]:
    add("matmul", [rnd([3, 4], dt), rnd([4, 5], dt)], mm)
    add("matmul", [rnd([2, 3, 4], dt), rnd([4], dt)], mm)
add("matmul", [rnd([7], torch.int64), rnd([7], torch.int64)], mm)

# ---- mm, bmm ----
for dt in [F32, F64]:
    add("mm", [rnd([5, 17], dt), rnd([17, 16], dt)], torch.mm)
    add("mm", [Input(rnd([17, 5], dt), ["transpose", 0, 1]), rnd([17, 3], dt)], torch.mm)
    add("bmm", [rnd([3, 4, 5], dt), rnd([3, 5, 6], dt)], torch.bmm)
    add("bmm", [rnd([2, 16, 17], dt), Input(rnd([2, 15, 17], dt), ["transpose", 1, 2])], torch.bmm)
add("mm", [rnd([0, 3]), rnd([3, 4])], torch.mm)
add("bmm", [rnd([0, 3, 4]), rnd([0, 4, 2])], torch.bmm)

# ---- dot, outer ----
for n in [0, 1, 16, 17, 97]:
    add("dot", [rnd([n]), rnd([n])], torch.dot)
add("dot", [rnd([33], F64), rnd([33], F64)], torch.dot)
add("dot", [Input(rnd([34]), ["slice", 0, 0, 34, 2]), rnd([17])], torch.dot)
add("dot", [rnd([9], torch.int64), rnd([9], torch.int64)], torch.dot)
for (m, n) in [(3, 4), (17, 1), (0, 5)]:
    add("outer", [rnd([m]), rnd([n])], torch.outer)
add("outer", [rnd([4], F64), rnd([3], F64)], torch.outer)
add("outer", [rnd([4]), rnd([3], F64)], torch.outer)  # promotes to float64
add("outer", [rnd([4], torch.int32), rnd([3], torch.int64)], torch.outer)
add("outer", [rnd([4], torch.bool), rnd([3], torch.bool)], torch.outer)
add("outer", [rnd([4], torch.int32), rnd([3])], torch.outer)

# ---- einsum ----
E_FORMS = [
    ("ij,jk->ik", [[3, 4], [4, 5]]), ("bij,bjk->bik", [[2, 3, 4], [2, 4, 5]]), ("ij->ji", [[3, 4]]),
    ("ii->i", [[4, 4]]), ("ii->", [[5, 5]]), ("ij->", [[3, 4]]), ("i,i->", [[7], [7]]), ("i,j->ij", [[3], [4]]),
    ("bi,bi->b", [[4, 5], [4, 5]]), ("ij,kj->ik", [[3, 5], [4, 5]]), ("ij,jk", [[2, 3], [3, 4]]), ("ij", [[2, 3]]),
    ("ba", [[2, 3]]), ("ji,jk->ik", [[5, 3], [5, 2]]), ("ijk,jl->ikl", [[2, 3, 4], [3, 5]]), ("ij->j", [[3, 4]]),
    ("iij->j", [[3, 3, 4]]), ("bij,bkj->bik", [[2, 3, 17], [2, 4, 17]]), ("ij,ij->ij", [[3, 4], [3, 4]]),
    ("ij,jk->", [[3, 4], [4, 5]]), ("i,i", [[16], [16]]), ("ik,k->i", [[5, 33], [33]]), ("ij,j->i", [[0, 3], [3]]),
    ("bi,bj->bij", [[2, 3], [2, 4]]), ("ab,bc,cd->ad", [[2, 3], [3, 4], [4, 5]]), ("Ab,bC->AC", [[2, 3], [3, 4]]),
]
for eq, shapes in E_FORMS:
    add("einsum", [rnd(s) for s in shapes], lambda *t, eq=eq: torch.einsum(eq, *t), {"equation": eq})
for eq, shapes in E_FORMS[:12]:
    add("einsum", [rnd(s, F64) for s in shapes], lambda *t, eq=eq: torch.einsum(eq, *t), {"equation": eq})
add("einsum", [Input(rnd([4, 3]), ["transpose", 0, 1]), rnd([4, 5])], lambda a, b: torch.einsum("ij,jk->ik", a, b),
    {"equation": "ij,jk->ik"})
add("einsum", [rnd([1, 5]), rnd([4, 5])], lambda a, b: torch.einsum("bi,bi->b", a, b), {"equation": "bi,bi->b"})
add("einsum", [rnd([3, 4], torch.int64), rnd([4, 2], torch.int64)], lambda a, b: torch.einsum("ij,jk->ik", a, b),
    {"equation": "ij,jk->ik"})
add("einsum", [rnd([3, 4], torch.int64)], lambda a: torch.einsum("ij->", a), {"equation": "ij->"})

# ---- cdist ----
INF = float("inf")
for p in [0, 1, 2, 3, INF]:
    jp = "Infinity" if p == INF else p
    cd = lambda a, b, p=p: torch.cdist(a, b, p=p)
    add("cdist", [rnd([4, 5]), rnd([6, 5])], cd, {"p": jp})
    add("cdist", [rnd([30, 7]), rnd([27, 7])], cd, {"p": jp})  # p=2: torch's matrix-product form
    add("cdist", [rnd([2, 4, 3]), rnd([2, 5, 3])], cd, {"p": jp})
    add("cdist", [rnd([4, 5], F64), rnd([6, 5], F64)], cd, {"p": jp})
    add("cdist", [rnd([2, 30, 17], F64), rnd([1, 26, 17], F64)], cd, {"p": jp})
add("cdist", [rnd([0, 3]), rnd([4, 3])], lambda a, b: torch.cdist(a, b), {"p": 2})
add("cdist", [rnd([3, 0]), rnd([4, 0])], lambda a, b: torch.cdist(a, b, p=1), {"p": 1})
add("cdist", [Input(rnd([5, 40]), ["transpose", 0, 1]), rnd([33, 5])], lambda a, b: torch.cdist(a, b), {"p": 2})
add("cdist", [rnd([3, 4]), rnd([5, 4])], lambda a, b: torch.cdist(a, b, p=0.5), {"p": 0.5})

g.write()
