/* Reductions (ReduceOp) and arg-reductions. Input T, output O, accumulator A (T for floats,
   long for ints and bools). Each output o reduces `count` elements: x[view_at(kv, o) +
   view_at(rv, j)], j < count (kv: kept dims with x's strides and offset; rv: reduced dims
   with x's strides, offset 0); the result goes to out[view_at(ov, o)].
   *_serial: one work item per output. *_group: a work-group of WG per output piece (tree
   in local memory); with pieces > 1 each output is split in pieces reduced to partials
   (out = partial buffer, index o * pieces + p) and a second launch reduces the partials.
   mean_div > 0 divides the result (MEAN). MAX/MIN propagate NaN and order -0 < +0 as the CPU
   backend (Math.max/min). */

#define WG 128

#if T_FP
typedef T A;
#define A_MAX_ID ((A) -INFINITY)
#define A_MIN_ID ((A) INFINITY)
inline A amax(A a, A b) {
  if (isnan(a) || isnan(b)) return a + b;
  return a == b ? (signbit(a) ? b : a) : (a > b ? a : b);
}
inline A amin(A a, A b) {
  if (isnan(a) || isnan(b)) return a + b;
  return a == b ? (signbit(a) ? a : b) : (a < b ? a : b);
}
#define A_ISNAN(v) isnan(v)
#else
typedef long A;
#define A_MAX_ID LONG_MIN
#define A_MIN_ID LONG_MAX
inline A amax(A a, A b) { return a > b ? a : b; }
inline A amin(A a, A b) { return a < b ? a : b; }
#define A_ISNAN(v) 0
#endif

#if O_BOOL
#define TO_O(x) ((uchar)((x) != 0))
#else
#define TO_O(x) ((O)(x))
#endif

#define LOAD_VAL(v) ((A)(v))
#define LOAD_BOOL(v) ((A)((v) != 0))
#define C_SUM(a, b) ((a) + (b))
#define C_PROD(a, b) ((a) * (b))
#define C_MAX(a, b) amax(a, b)
#define C_MIN(a, b) amin(a, b)
#define FINISH(acc) (mean_div > 0 ? (acc) / (A) mean_div : (acc))

#define REDUCE(name, ID, LOAD, COMB) \
__kernel void r_##name##_serial(__global const T* x, const view_t kv, const view_t rv, __global O* out, \
                                const view_t ov, const int count, const int pieces, const int mean_div, const int total) { \
  int o = (int) get_global_id(0); \
  if (o >= total) return; \
  int base = view_at(kv, o); \
  A acc = ID; \
  for (int j = 0; j < count; j++) acc = COMB(acc, LOAD(x[base + view_at(rv, j)])); \
  out[view_at(ov, o)] = TO_O(FINISH(acc)); \
} \
__kernel __attribute__((reqd_work_group_size(WG, 1, 1))) \
void r_##name##_group(__global const T* x, const view_t kv, const view_t rv, __global O* out, \
                      const view_t ov, const int count, const int pieces, const int mean_div) { \
  __local A s[WG]; \
  int g = (int) get_group_id(0), lid = (int) get_local_id(0); \
  int o = g / pieces, p = g % pieces; \
  int lo = (int) ((long) count * p / pieces), hi = (int) ((long) count * (p + 1) / pieces); \
  int base = view_at(kv, o); \
  A acc = ID; \
  for (int j = lo + lid; j < hi; j += WG) acc = COMB(acc, LOAD(x[base + view_at(rv, j)])); \
  s[lid] = acc; \
  barrier(CLK_LOCAL_MEM_FENCE); \
  for (int k = WG / 2; k > 0; k >>= 1) { \
    if (lid < k) s[lid] = COMB(s[lid], s[lid + k]); \
    barrier(CLK_LOCAL_MEM_FENCE); \
  } \
  if (lid == 0) out[view_at(ov, g)] = TO_O(FINISH(s[0])); \
}

REDUCE(sum, (A) 0, LOAD_VAL, C_SUM)
REDUCE(mean, (A) 0, LOAD_VAL, C_SUM)
REDUCE(prod, (A) 1, LOAD_VAL, C_PROD)
REDUCE(max, A_MAX_ID, LOAD_VAL, C_MAX)
REDUCE(min, A_MIN_ID, LOAD_VAL, C_MIN)
REDUCE(all, (A) 1, LOAD_BOOL, C_MIN)
REDUCE(any, (A) 0, LOAD_BOOL, C_MAX)

/* Arg-reductions along one axis of n elements (rv: rank 1, x's axis stride): the first
   extreme, a NaN winning at once (the CPU's argLine). values (dtype T) and idx (long) are
   addressed with vv / iv at the line number. */
inline int better(A v1, long i1, A v2, long i2, int is_max) {
  int n1 = A_ISNAN(v1), n2 = A_ISNAN(v2);
  if (n1 || n2) return n1 && (!n2 || i1 < i2);
  if (v1 == v2) return i1 < i2;
  return is_max ? v1 > v2 : v1 < v2;
}

#define ARG(name, IS_MAX) \
__kernel void a_##name##_serial(__global const T* x, const view_t kv, const int n, const int st, \
                                __global T* values, const view_t vv, __global long* idx, const view_t iv, const int total) { \
  int o = (int) get_global_id(0); \
  if (o >= total) return; \
  int base = view_at(kv, o); \
  A best = (A) x[base]; \
  long bi = 0; \
  for (int j = 1; j < n && !A_ISNAN(best); j++) { \
    A v = (A) x[base + j * st]; \
    if (better(v, j, best, bi, IS_MAX)) { best = v; bi = j; } \
  } \
  values[view_at(vv, o)] = (T) best; \
  idx[view_at(iv, o)] = bi; \
} \
__kernel __attribute__((reqd_work_group_size(WG, 1, 1))) \
void a_##name##_group(__global const T* x, const view_t kv, const int n, const int st, \
                      __global T* values, const view_t vv, __global long* idx, const view_t iv) { \
  __local A sv[WG]; \
  __local long si[WG]; \
  int o = (int) get_group_id(0), lid = (int) get_local_id(0); \
  int base = view_at(kv, o); \
  A best = (A) x[base]; \
  long bi = 0; \
  for (int j = lid; j < n; j += WG) { \
    A v = (A) x[base + j * st]; \
    if (better(v, j, best, bi, IS_MAX)) { best = v; bi = j; } \
  } \
  sv[lid] = best; \
  si[lid] = bi; \
  barrier(CLK_LOCAL_MEM_FENCE); \
  for (int k = WG / 2; k > 0; k >>= 1) { \
    if (lid < k && better(sv[lid + k], si[lid + k], sv[lid], si[lid], IS_MAX)) { \
      sv[lid] = sv[lid + k]; \
      si[lid] = si[lid + k]; \
    } \
    barrier(CLK_LOCAL_MEM_FENCE); \
  } \
  if (lid == 0) { \
    values[view_at(vv, o)] = (T) sv[0]; \
    idx[view_at(iv, o)] = si[0]; \
  } \
}

ARG(max, 1)
ARG(min, 0)
