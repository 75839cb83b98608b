"""Golden gradients for the matrix products (tensor/src/test/resources/golden/grad_linalg.json).

matmul in every torch.matmul form (1-D x 1-D, 1-D x N-D, N-D x 1-D, batched with batch
broadcasting, transposed operands), mm, bmm, dot, outer (also mixed float32 x float64), einsum
(contractions, diagonals "ii", lone letters summed away, size-1 broadcast letters, implicit
output, three operands) and cdist (p = 0, 0.5, 1, 1.5, 2, 3, inf; batched and broadcast; the
matrix-product path above 25 rows; coincident points, where torch's gradient is 0). float64
mostly, float32 for a few; double-backward values for matmul/mm/bmm/dot/outer/einsum.

Run: /usr/bin/python3 tools/golden/gen_grad_linalg.py
"""
import torch

from golden import GradGolden, Input

g = GradGolden("grad_linalg")
f32, f64 = torch.float32, torch.float64


def rn(*shape, dtype=f64):
    return torch.randn(shape, dtype=f64).to(dtype)


MATMUL = [([4], [4]), ([3], [3, 2]), ([2, 3], [3]), ([2, 3], [3, 4]), ([3], [2, 3, 2]), ([2, 2, 3], [3]),
          ([2, 1, 2, 3], [3, 3, 2]), ([2, 2, 3], [3, 2]), ([2, 3], [4, 3, 2]), ([1, 2, 3], [2, 3, 4]),
          ([5, 7], [7, 17]), ([17], [17, 3]), ([3, 1, 4], [1, 4, 2]), ([1, 5], [5, 1])]
for dt in (f64, f32):
    for a, b in MATMUL:
        g.add_grad("matmul", [rn(*a, dtype=dt), rn(*b, dtype=dt)], torch.matmul, double=True)
# empty operands: K = 0 gives a zero product and zero gradients, M = 0 an empty one
for a, b in [([0, 3], [3, 4]), ([2, 0], [0, 3]), ([0], [0]), ([2, 0, 3], [3, 2])]:
    g.add_grad("matmul", [rn(*a), rn(*b)], torch.matmul, double=True, note="zero-size")
# non-contiguous operands: a transposed matrix, a batch sliced with a step
g.add_grad("matmul", [Input(rn(3, 2), ["transpose", 0, 1]), rn(3, 4)], torch.matmul, double=True)
g.add_grad("matmul", [rn(2, 3), Input(rn(4, 3), ["transpose", 0, 1])], torch.matmul, double=True)
g.add_grad("matmul", [Input(rn(4, 2, 3), ["slice", 0, 0, 4, 2]), rn(2, 3, 2)], torch.matmul, double=True)
g.add_grad("matmul", [Input(rn(2, 3), ["expand", [4, 2, 3]]), rn(4, 3, 2)], torch.matmul, double=True)

for dt in (f64, f32):
    for a, b in [([2, 3], [3, 4]), ([1, 5], [5, 1]), ([4, 1], [1, 3]), ([3, 17], [17, 2])]:
        g.add_grad("mm", [rn(*a, dtype=dt), rn(*b, dtype=dt)], torch.mm, double=True)
g.add_grad("mm", [Input(rn(3, 2), ["transpose", 0, 1]), rn(3, 4)], torch.mm, double=True)
for dt in (f64, f32):
    for a, b in [([2, 2, 3], [2, 3, 4]), ([1, 3, 1], [1, 1, 2]), ([3, 1, 5], [3, 5, 2])]:
        g.add_grad("bmm", [rn(*a, dtype=dt), rn(*b, dtype=dt)], torch.bmm, double=True)
g.add_grad("bmm", [Input(rn(2, 4, 3), ["transpose", 1, 2]), rn(2, 4, 2)], torch.bmm, double=True)
for dt in (f64, f32):
    for n in (1, 5, 17):
        g.add_grad("dot", [rn(n, dtype=dt), rn(n, dtype=dt)], torch.dot, double=True)
        g.add_grad("outer", [rn(n, dtype=dt), rn(3, dtype=dt)], torch.outer, double=True)
g.add_grad("dot", [Input(rn(8), ["slice", 0, 0, 8, 2]), rn(4)], torch.dot, double=True)
g.add_grad("outer", [rn(3, dtype=f32), rn(4)], torch.outer, double=True, note="float32 x float64 promotes")

EINSUM = [("ij,jk->ik", [2, 3], [3, 4]), ("bij,bjk->bik", [2, 2, 3], [2, 3, 2]), ("ii->i", [3, 3]), ("ii->", [3, 3]),
          ("ii", [4, 4]), ("ij->", [2, 3]), ("ij->ji", [2, 3]), ("ij", [2, 3]), ("i,j->ij", [3], [2]),
          ("ij,kj->ik", [2, 3], [4, 3]), ("ij,ij->i", [2, 3], [2, 3]), ("ijk->ik", [2, 3, 2]), ("ij,jk", [2, 3], [3, 2]),
          ("iij,j->i", [2, 2, 3], [3]), ("ij,j->ij", [2, 3], [1]), ("ij,jk,kl->il", [2, 3], [3, 2], [2, 2]),
          ("ik,jk->", [2, 3], [4, 3]), ("i,i->", [4], [4]), ("bii->bi", [2, 3, 3]), ("bij,bkj->bik", [1, 2, 3], [3, 4, 3]),
          ("ij,kl->ijkl", [2, 2], [2, 3]), ("iji->j", [2, 3, 2]), ("ab,bc->ca", [3, 2], [2, 4]),
          ("i,i,i->", [3], [3], [3]), ("ij,jk->ik", [5, 17], [17, 3])]
for eq, *shapes in EINSUM:
    g.add_grad("einsum", [rn(*s) for s in shapes], lambda *t, eq=eq: torch.einsum(eq, *t), {"equation": eq},
               double=True)
for eq, *shapes in EINSUM[:6]:
    g.add_grad("einsum", [rn(*s, dtype=f32) for s in shapes], lambda *t, eq=eq: torch.einsum(eq, *t),
               {"equation": eq}, double=True)
g.add_grad("einsum", [Input(rn(3, 2), ["transpose", 0, 1]), rn(2, 4)], lambda a, b: torch.einsum("ij,ik->jk", a, b),
           {"equation": "ij,ik->jk"}, double=True, note="transposed operand")


def pstr(p):
    return "Infinity" if p == float("inf") else p


for p in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, float("inf")):
    for a, b in [([3, 2], [4, 2]), ([2, 3, 4], [2, 5, 4]), ([2, 1, 3, 2], [3, 4, 2])]:
        g.add_grad("cdist", [rn(*a), rn(*b)], lambda x, y, p=p: torch.cdist(x, y, p), {"p": pstr(p)})
for p in (1.0, 2.0, 3.0):
    g.add_grad("cdist", [rn(3, 4, dtype=f32), rn(2, 4, dtype=f32)], lambda x, y, p=p: torch.cdist(x, y, p), {"p": pstr(p)})
# more than 25 rows: torch (and jgrad) take the ||x||^2 + ||y||^2 - 2 x.y path for p = 2
g.add_grad("cdist", [rn(30, 3), rn(4, 3)], lambda x, y: torch.cdist(x, y, 2.0), {"p": 2.0}, note="matrix-product path")
g.add_grad("cdist", [rn(2, 3, 3), rn(2, 27, 3)], lambda x, y: torch.cdist(x, y, 2.0), {"p": 2.0}, note="matrix-product path")
# p = inf ties: every coordinate reaching the max gets the full gradient (integer-valued inputs)
g.add_grad("cdist", [torch.tensor([[0., 0.], [1., 2.], [3., -1.]], dtype=f64), torch.tensor([[1., 1.], [2., 0.]], dtype=f64)],
           lambda a, b: torch.cdist(a, b, float("inf")), {"p": "Infinity"}, note="ties at the max")
# coincident points: zero distance has a zero gradient in torch
for p in (1.0, 2.0, 3.0, 0.5, float("inf")):
    x = rn(3, 2)
    y = torch.cat([x[1:2], rn(2, 2)])
    g.add_grad("cdist", [x, y], lambda a, b, p=p: torch.cdist(a, b, p), {"p": pstr(p)}, note="a zero distance")

g.write()
