// gather, scatter (SET / ADD) and nonzero on strided views (view_t, common.cl) of any rank up to
// MAX_RANK. Compiled with ClTypes.define("T", dtype); bool's ADD is a logical or, as on the CPU.

// out[p] = x[p with p[axis] = index[p]], one work-item per element of out. ov, iv and xv walk
// out's shape; xv has its axis stride zeroed (the index supplies that coordinate). The tensor
// layer has checked the indices; an out-of-range one is skipped so it never reads outside x.
__kernel void gather(__global const T* x, __global const long* index, __global T* out,
                     view_t ov, view_t iv, view_t xv, int axisStride, int size, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const long k = index[view_at(iv, i)];
  if (k < 0 || k >= size) return;
  out[view_at(ov, i)] = x[view_at(xv, i) + (int) k * axisStride];
}

// target[p with p[axis] = index[p]] (= | +=) src[p]. One work-item per line along the axis: tv,
// iv and sv walk index's shape without the axis (tv without target's axis), and the line's
// len elements are applied serially, in index order. Lines never collide, so this needs no
// atomics: ADD sums repeated indices in the CPU's order and SET keeps the last write, both
// deterministic (a float CAS loop would not be).
__kernel void scatter(__global T* target, __global const long* index, __global const T* src,
                      view_t tv, view_t iv, view_t sv, int ta, int ia, int sa, int len, int size,
                      int add, int lines) {
  const int line = get_global_id(0);
  if (line >= lines) return;
  const int to = view_at(tv, line), io = view_at(iv, line), so = view_at(sv, line);
  for (int i = 0; i < len; i++) {
    const long k = index[io + i * ia];
    if (k < 0 || k >= size) continue;
    __global T* t = target + to + (int) k * ta;
    const T s = src[so + i * sa];
#if T_BOOL
    *t = add ? (T) (*t | s) : s;
#else
    *t = add ? (T) (*t + s) : s;
#endif
  }
}

// scatter for long lines: keys/perm [lines, P] hold each line's index values sorted stably
// (sort.cl), so the elements aimed at one target are adjacent and still in index order. One
// work-item per sorted position; the first of each run of equal keys applies the whole run
// serially. As parallel as the distinct targets, and the same order (and bits) as the CPU.
// shared != 0: every line has the same index (an index expanded along the other dims, as
// indexAdd passes it), sorted once as line 0.
__kernel void scatter_sorted(__global T* target, __global const long* keys, __global const int* perm,
                             __global const T* src, view_t tv, view_t sv, int ta, int sa, int len, int P,
                             int size, int add, int shared, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int line = i / len, p = i % len;
  __global const long* k = keys + (shared ? 0 : (long) line * P);
  __global const int* pm = perm + (shared ? 0 : (long) line * P);
  const long key = k[p];
  if ((p > 0 && k[p - 1] == key) || key < 0 || key >= size) return;
  __global T* t = target + view_at(tv, line) + (int) key * ta;
  const int so = view_at(sv, line);
  T acc = *t;
  for (int q = p; q < len && k[q] == key; q++) {
    const T s = src[so + pm[q] * sa];
#if T_BOOL
    acc = add ? (T) (acc | s) : s;
#else
    acc = add ? (T) (acc + s) : s;
#endif
  }
  *t = acc;
}

// nonzero, pass 1: counts[c] = nonzero elements among the row-major elements
// [c*chunk, (c+1)*chunk) of x. NaN counts as nonzero, -0.0 does not (x != 0).
__kernel void nonzero_count(__global const T* x, view_t xv, int chunk, int n, __global int* counts, int chunks) {
  const int c = get_global_id(0);
  if (c >= chunks) return;
  const int lo = c * chunk, hi = min(lo + chunk, n);
  int count = 0;
  for (int i = lo; i < hi; i++) count += x[view_at(xv, i)] != (T) 0;
  counts[c] = count;
}

// nonzero, pass 2: chunk c writes its coordinates from row starts[c] of coords [count, rank],
// so rows come out in row-major order of x.
__kernel void nonzero_write(__global const T* x, view_t xv, int chunk, int n, __global const int* starts,
                            __global long* coords, int chunks) {
  const int c = get_global_id(0);
  if (c >= chunks) return;
  const int lo = c * chunk, hi = min(lo + chunk, n);
  long row = starts[c];
  for (int i = lo; i < hi; i++) {
    if (x[view_at(xv, i)] == (T) 0) continue;
    int rem = i;
    for (int d = xv.rank - 1; d >= 0; d--) {
      coords[row * xv.rank + d] = rem % xv.shape[d];
      rem /= xv.shape[d];
    }
    row++;
  }
}
