// Stable sort along one axis: a bitonic network over (key, position) pairs. Each line of len
// elements is padded to P = next power of two with keys that sort last; comparing positions on
// equal keys makes the network stable, as torch.sort(stable=True) and CpuSort.
// Keys are longs whose signed order is the element order: floats by their IEEE bits with the
// sign folded in, -0.0 made equal to 0.0 and every NaN the largest key (NaN last ascending);
// descending complements the keys (NaN first), exactly as CpuSort, so ties keep their order in
// both directions. Compiled with ClTypes.define("T", dtype).
inline long sort_key(T v) {
#if T_FP && T_SIZE == 4
  if (isnan(v)) return INT_MAX;
  const int b = as_int(v == 0.0f ? 0.0f : v);
  return (long) (b ^ ((b >> 31) & 0x7fffffff));
#elif T_FP
  if (isnan(v)) return LONG_MAX;
  const long b = as_long(v == 0.0 ? 0.0 : v);
  return b ^ ((b >> 63) & LONG_MAX);
#else
  return (long) v;
#endif
}

// keys/perm [lines, P]; xl walks the lines (x's shape without the axis).
__kernel void sort_init(__global const T* x, view_t xl, int axisStride, int len, int P, int descending,
                        __global long* keys, __global int* perm, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int line = i / P, p = i % P;
  long k = LONG_MAX;  // padding: the largest key, and positions >= len sort it after every real one
  if (p < len) {
    k = sort_key(x[view_at(xl, line) + p * axisStride]);
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

// The network's steps whose pairs lie inside one chunk of C consecutive elements (C a power of
// two dividing P, or P itself), run in local memory: one work-group per chunk, its work-items
// taking the chunk's C/2 pairs in turn. Runs steps (k, j) for k = k0..k1 (doubling), j from
// j0 (for k0; k/2 for the others) down to 1. With k0 = 2, k1 = C it sorts each chunk (half of
// them descending, as the global network wants); with k0 = k1 = k > C and j0 = C/2 it finishes
// stage k after the global steps with j >= C. Saves one launch per step on the GPU.
__kernel void sort_local(__global long* keys, __global int* perm, int P, int C, int k0, int k1, int j0,
                         __local long* lk, __local int* lp) {
  const int base = get_group_id(0) * C, lid = get_local_id(0), wg = get_local_size(0);
  for (int t = lid; t < C; t += wg) {
    lk[t] = keys[base + t];
    lp[t] = perm[base + t];
  }
  for (int k = k0; k <= k1; k <<= 1) {
    for (int j = k == k0 ? j0 : k >> 1; j > 0; j >>= 1) {
      barrier(CLK_LOCAL_MEM_FENCE);
      for (int t = lid; t < C / 2; t += wg) {
        const int a = 2 * t - (t & (j - 1)), b = a + j;
        const bool ascending = (((base + a) % P) & k) == 0;
        const long ka = lk[a], kb = lk[b];
        const int pa = lp[a], pb = lp[b];
        const bool aAfterB = ka > kb || (ka == kb && pa > pb);
        if (aAfterB == ascending) {
          lk[a] = kb; lk[b] = ka;
          lp[a] = pb; lp[b] = pa;
        }
      }
    }
  }
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int t = lid; t < C; t += wg) {
    keys[base + t] = lk[t];
    perm[base + t] = lp[t];
  }
}

// values/indices from the sorted permutation; xl, vl, il walk the lines of x, values, indices.
__kernel void sort_write(__global const T* x, view_t xl, view_t vl, view_t il, int xa, int va, int ia, int len, int P,
                         __global const int* perm, __global T* values, __global long* indices, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int line = i / len, p = i % len;
  const int xo = view_at(xl, line), vo = view_at(vl, line), io = view_at(il, line);
  const int src = perm[line * P + p];
  values[vo + p * va] = x[xo + src * xa];
  indices[io + p * ia] = src;
}
