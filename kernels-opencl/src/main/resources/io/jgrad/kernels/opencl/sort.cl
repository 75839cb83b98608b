// Stable sort along one axis: a bitonic network over (key, position) pairs. Each line of len
// elements is padded to P = next power of two with keys that sort last; comparing positions on
// equal keys makes the network stable, as torch.sort(stable=True) and CpuSort.
// Keys are longs whose signed order is the element order: floats by their IEEE bits with the
// sign folded in, -0.0 made equal to 0.0 and every NaN the largest key (NaN last ascending);
// descending complements the keys (NaN first), exactly as CpuSort, so ties keep their order in
// both directions. Compiled with -DT=<element type> and one of -DT_F32, -DT_F64 or nothing.
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

inline long sort_key(T v) {
#if defined(T_F32)
  if (isnan(v)) return INT_MAX;
  const int b = as_int(v == 0.0f ? 0.0f : v);
  return (long) (b ^ ((b >> 31) & 0x7fffffff));
#elif defined(T_F64)
  if (isnan(v)) return LONG_MAX;
  const long b = as_long(v == 0.0 ? 0.0 : v);
  return b ^ ((b >> 63) & LONG_MAX);
#else
  return (long) v;
#endif
}

// keys/perm [lines, P]; Geo over the lines (x's shape without the axis), operand 0 = x.
__kernel void sort_init(__global const T* x, Geo g, int axisStride, int len, int P, int descending,
                        int total, __global long* keys, __global int* perm) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int line = i / P, p = i % P;
  long k = LONG_MAX;  // padding: the largest key, and positions >= len sort it after every real one
  if (p < len) {
    int xo, o1, o2;
    geo_at(&g, line, &xo, &o1, &o2);
    k = sort_key(x[xo + p * axisStride]);
    if (descending) k = ~k;
  }
  keys[i] = k;
  perm[i] = p;
}

// One compare-exchange step (k, j) of the bitonic network over every line at once.
__kernel void sort_step(__global long* keys, __global int* perm, int P, int k, int j, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int p = i % P, q = p ^ j;
  if (q <= p) return;
  const int a = i, b = i - p + q;
  const long ka = keys[a], kb = keys[b];
  const int pa = perm[a], pb = perm[b];
  const bool aAfterB = ka > kb || (ka == kb && pa > pb);
  const bool ascending = (p & k) == 0;
  if (aAfterB == ascending) {
    keys[a] = kb; keys[b] = ka;
    perm[a] = pb; perm[b] = pa;
  }
}

// values/indices from the sorted permutation; Geo over the lines: 0 = x, 1 = values, 2 = indices.
__kernel void sort_write(__global const T* x, Geo g, int xa, int va, int ia, int len, int P,
                         __global const int* perm, __global T* values, __global long* indices, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int line = i / len, p = i % len;
  int xo, vo, io;
  geo_at(&g, line, &xo, &vo, &io);
  const int src = perm[line * P + p];
  values[vo + p * va] = x[xo + src * xa];
  indices[io + p * ia] = src;
}
