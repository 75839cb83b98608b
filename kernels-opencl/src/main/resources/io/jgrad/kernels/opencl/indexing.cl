// gather, scatter (SET / ADD) and nonzero on strided views of any rank up to GEO_MAX_RANK.
// A Geo (passed by value) describes up to 3 operands walked over one shape: element i in
// row-major order of `shape` lives at off[j] + sum_d coord_d * st[j][d] in operand j.
// Compiled with -DT=<element type> (-DT_BOOL for bool, whose ADD is a logical or).
#if defined(cl_khr_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define GEO_MAX_RANK 8
typedef struct {
  int rank;
  int shape[GEO_MAX_RANK];
  int off[3];
  int st[3][GEO_MAX_RANK];
} Geo;

// Offsets of element i (row-major over g->shape) in the 3 operands.
inline void geo_at(const Geo* g, int i, int* o0, int* o1, int* o2) {
  int a = g->off[0], b = g->off[1], c = g->off[2];
  for (int d = g->rank - 1; d >= 0; d--) {
    const int s = g->shape[d];
    const int k = i % s;
    i /= s;
    a += k * g->st[0][d];
    b += k * g->st[1][d];
    c += k * g->st[2][d];
  }
  *o0 = a; *o1 = b; *o2 = c;
}

// out[p] = x[p with p[axis] = index[p]]; Geo over out's shape: 0 = out, 1 = index, 2 = x with
// its axis stride zeroed (the index supplies that coordinate). The tensor layer has checked the
// indices; an out-of-range one is skipped here so that it can never read outside x.
__kernel void gather(__global const T* x, __global const long* index, __global T* out, Geo g,
                     int axisStride, int size, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  int oo, io, xo;
  geo_at(&g, i, &oo, &io, &xo);
  const long k = index[io];
  if (k < 0 || k >= size) return;
  out[oo] = x[xo + (int) k * axisStride];
}

// target[p with p[axis] = index[p]] (= | +=) src[p]. One work-item per line along the axis (Geo
// over index's other dims: 0 = target without its axis, 1 = index, 2 = src), walking the axis
// serially: lines never collide, and repeated indices apply in index order, so ADD sums in
// the CPU's order and SET keeps the last write, deterministically and without atomics.
__kernel void scatter(__global T* target, __global const long* index, __global const T* src, Geo g,
                      int ta, int ia, int sa, int len, int size, int add, int lines) {
  const int line = get_global_id(0);
  if (line >= lines) return;
  int to, io, so;
  geo_at(&g, line, &to, &io, &so);
  for (int i = 0; i < len; i++) {
    const long k = index[io + i * ia];
    if (k < 0 || k >= size) continue;
    __global T* t = target + to + (int) k * ta;
    const T s = src[so + i * sa];
#ifdef T_BOOL
    *t = add ? (T) (*t | s) : s;
#else
    *t = add ? (T) (*t + s) : s;
#endif
  }
}

// nonzero, pass 1: counts[c] = nonzero elements among row-major elements [c*chunk, (c+1)*chunk).
// Geo over x's shape, operand 0 = x. NaN counts as nonzero, -0.0 does not (x != 0).
__kernel void nonzero_count(__global const T* x, Geo g, int chunk, int total, __global int* counts) {
  const int c = get_global_id(0);
  const int lo = c * chunk, hi = min(lo + chunk, total);
  if (lo >= total) return;
  int n = 0, o0, o1, o2;
  for (int i = lo; i < hi; i++) {
    geo_at(&g, i, &o0, &o1, &o2);
    if (x[o0] != (T) 0) n++;
  }
  counts[c] = n;
}

// nonzero, pass 2: chunk c writes its coordinates from row starts[c] of coords [count, rank].
__kernel void nonzero_write(__global const T* x, Geo g, int chunk, int total, __global const int* starts,
                            __global long* coords) {
  const int c = get_global_id(0);
  const int lo = c * chunk, hi = min(lo + chunk, total);
  if (lo >= total) return;
  long row = starts[c];
  int o0, o1, o2;
  for (int i = lo; i < hi; i++) {
    geo_at(&g, i, &o0, &o1, &o2);
    if (x[o0] == (T) 0) continue;
    int rem = i;
    for (int d = g.rank - 1; d >= 0; d--) {
      coords[row * g.rank + d] = rem % g.shape[d];
      rem /= g.shape[d];
    }
    row++;
  }
}
