/* Inclusive scans (ScanOp) along one axis: line o of n elements starts at x[view_at(kv, o)]
   and out[view_at(ov, o)] and steps by xs / os. T is float, double or long (the tensor layer
   casts other integers to int64); the accumulator is T. *_serial: one work item per line;
   *_group: a work-group of WG per line, scanning chunks of WG in local memory (Hillis-Steele)
   and carrying the chunk total forward. */

#define WG 128

#if T_FP
#define MUL(a, b) ((a) * (b))
#define ADD(a, b) ((a) + (b))
#else
#define MUL(a, b) ((long) ((ulong) (a) * (ulong) (b)))
#define ADD(a, b) ((long) ((ulong) (a) + (ulong) (b)))
#endif

#define SCAN(name, ID, OP) \
__kernel void s_##name##_serial(__global const T* x, const view_t kv, const int xs, __global T* out, \
                                const view_t ov, const int os, const int n, const int total) { \
  int o = (int) get_global_id(0); \
  if (o >= total) return; \
  int xb = view_at(kv, o), ob = view_at(ov, o); \
  T acc = ID; \
  for (int k = 0; k < n; k++) { \
    acc = OP(acc, x[xb + k * xs]); \
    out[ob + k * os] = acc; \
  } \
} \
__kernel __attribute__((reqd_work_group_size(WG, 1, 1))) \
void s_##name##_group(__global const T* x, const view_t kv, const int xs, __global T* out, \
                      const view_t ov, const int os, const int n) { \
  __local T s[WG]; \
  int o = (int) get_group_id(0), lid = (int) get_local_id(0); \
  int xb = view_at(kv, o), ob = view_at(ov, o); \
  T carry = ID; \
  for (int c = 0; c < n; c += WG) { \
    int k = c + lid; \
    s[lid] = k < n ? x[xb + k * xs] : ID; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (int d = 1; d < WG; d <<= 1) { \
      T add = lid >= d ? s[lid - d] : ID; \
      barrier(CLK_LOCAL_MEM_FENCE); \
      s[lid] = OP(s[lid], add); \
      barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    if (k < n) out[ob + k * os] = OP(carry, s[lid]); \
    carry = OP(carry, s[WG - 1]); \
    barrier(CLK_LOCAL_MEM_FENCE); \
  } \
}

SCAN(cumsum, (T) 0, ADD)
SCAN(cumprod, (T) 1, MUL)
