/* (Log-)softmax along one axis, line o as in scan.cl (x[view_at(kv, o) + k * xs]). As the CPU
   backend: m = max (NaN propagates), s = sum exp(x - m), then exp(x - m) / s or x - m - log s.
   T is float or double. *_serial: one work item per line; *_group: WG per line with
   max and sum reduced in local memory. */

#define WG 128

inline T tmax(T a, T b) { return isnan(a) || isnan(b) ? a + b : (a > b ? a : b); }

__kernel void softmax_serial(__global const T* x, const view_t kv, const int xs, __global T* out,
                             const view_t ov, const int os, const int n, const int log_out, const int total) {
  int o = (int) get_global_id(0);
  if (o >= total) return;
  int xb = view_at(kv, o), ob = view_at(ov, o);
  T m = -INFINITY;
  for (int k = 0; k < n; k++) m = tmax(m, x[xb + k * xs]);
  T s = 0;
  for (int k = 0; k < n; k++) s += exp(x[xb + k * xs] - m);
  if (log_out) {
    T ls = log(s);
    for (int k = 0; k < n; k++) out[ob + k * os] = x[xb + k * xs] - m - ls;
  } else {
    for (int k = 0; k < n; k++) out[ob + k * os] = exp(x[xb + k * xs] - m) / s;
  }
}

__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))
void softmax_group(__global const T* x, const view_t kv, const int xs, __global T* out,
                   const view_t ov, const int os, const int n, const int log_out) {
  __local T r[WG];
  int o = (int) get_group_id(0), lid = (int) get_local_id(0);
  int xb = view_at(kv, o), ob = view_at(ov, o);
  T m = -INFINITY;
  for (int k = lid; k < n; k += WG) m = tmax(m, x[xb + k * xs]);
  r[lid] = m;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int d = WG / 2; d > 0; d >>= 1) {
    if (lid < d) r[lid] = tmax(r[lid], r[lid + d]);
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  m = r[0];
  barrier(CLK_LOCAL_MEM_FENCE);
  T s = 0;
  for (int k = lid; k < n; k += WG) s += exp(x[xb + k * xs] - m);
  r[lid] = s;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int d = WG / 2; d > 0; d >>= 1) {
    if (lid < d) r[lid] += r[lid + d];
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  s = r[0];
  if (log_out) {
    T ls = log(s);
    for (int k = lid; k < n; k += WG) out[ob + k * os] = x[xb + k * xs] - m - ls;
  } else {
    for (int k = lid; k < n; k += WG) out[ob + k * os] = exp(x[xb + k * xs] - m) / s;
  }
}
