// reduce.cu - reductions over any set of axes (one block per output, warp shuffles), argmax/argmin,
// inclusive scans and (log-)softmax along one axis. Floating inputs accumulate in double, integers
// in 64 bits, as the CPU backend's ScalarReduce/CpuScan; results follow its NaN conventions.
#include "common.cuh"

// Ordinals of io.jgrad.tensor.spi.ReduceOp / ScanOp (checked by KernelTableTest).
// REDUCE: SUM PROD MEAN MAX MIN ALL ANY
enum { R_SUM, R_PROD, R_MEAN, R_MAX, R_MIN, R_ALL, R_ANY };
// SCAN: CUMSUM CUMPROD
enum { S_CUMSUM, S_CUMPROD };

__device__ __forceinline__ double comb_d(int op, double a, double b) {
  switch (op) {
    case R_PROD: return a * b;
    case R_MAX: return jmax(a, b);
    case R_MIN: return jmin(a, b);
    case R_ALL: return (a != 0 && b != 0) ? 1.0 : 0.0;
    case R_ANY: return (a != 0 || b != 0) ? 1.0 : 0.0;
    default: return a + b;
  }
}
__device__ __forceinline__ long long comb_l(int op, long long a, long long b) {
  switch (op) {
    case R_PROD: return a * b;
    case R_MAX: return a > b ? a : b;
    case R_MIN: return a < b ? a : b;
    case R_ALL: return (a != 0 && b != 0) ? 1 : 0;
    case R_ANY: return (a != 0 || b != 0) ? 1 : 0;
    default: return a + b;
  }
}
__device__ __forceinline__ double ident_d(int op) {
  return op == R_PROD || op == R_ALL ? 1.0 : op == R_MAX ? -INFINITY : op == R_MIN ? INFINITY : 0.0;
}
__device__ __forceinline__ long long ident_l(int op) {
  return op == R_PROD || op == R_ALL ? 1 : op == R_MAX ? (long long)0x8000000000000000ULL
       : op == R_MIN ? 0x7fffffffffffffffLL : 0;
}

// Reduces a value across the block; every thread gets the result. blockDim.x is a multiple of 32.
template <typename T, typename F>
__device__ T block_reduce(T v, F f, T* smem) {
  for (int o = 16; o > 0; o >>= 1) v = f(v, __shfl_down_sync(0xffffffffu, v, o));
  int w = threadIdx.x >> 5, lane = threadIdx.x & 31, nw = blockDim.x >> 5;
  __syncthreads();
  if (lane == 0) smem[w] = v;
  __syncthreads();
  if (w == 0) {
    v = lane < nw ? smem[lane] : smem[0];
    if (lane >= nw) v = smem[0];
    for (int o = 16; o > 0; o >>= 1) {
      T u = __shfl_down_sync(0xffffffffu, v, o);
      if (lane + o < nw) v = f(v, u);
    }
    if (lane == 0) smem[0] = v;
  }
  __syncthreads();
  return smem[0];
}

// One block per output: kx/ko place the output (kept dims), red walks the reduced dims.
extern "C" __global__ void reduce_generic(int op, Lay kx, Lay ko, Lay red, int xdt, const void* xp, int odt,
                                          void* outp, long long outputs, long long count) {
  __shared__ double sd[32];
  __shared__ long long sl[32];
  for (long long out = blockIdx.x; out < outputs; out += gridDim.x) {
    long long xb = lay_at(kx, out), ob = lay_at(ko, out);
    if (is_float(xdt)) {
      double acc = ident_d(op);
      for (long long r = threadIdx.x; r < count; r += blockDim.x) acc = comb_d(op, acc, ld_d(xp, xdt, xb + lay_at(red, r)));
      acc = block_reduce(acc, [op](double a, double b) { return comb_d(op, a, b); }, sd);
      if (threadIdx.x == 0) st_d(outp, odt, ob, op == R_MEAN ? acc / (double)count : acc);
    } else {
      long long acc = ident_l(op);
      for (long long r = threadIdx.x; r < count; r += blockDim.x) acc = comb_l(op, acc, ld_l(xp, xdt, xb + lay_at(red, r)));
      acc = block_reduce(acc, [op](long long a, long long b) { return comb_l(op, a, b); }, sl);
      if (threadIdx.x == 0) st_l(outp, odt, ob, acc);
    }
  }
}

// (value, index) candidates of argmax/argmin: a NaN wins, ties go to the lower index.
template <typename T>
__device__ __forceinline__ bool arg_better(bool ismax, T v, long long i, T bv, long long bi) {
  bool vn = v != v, bn = bv != bv;
  if (bi < 0) return i >= 0;
  if (i < 0) return false;
  if (vn || bn) return vn && (!bn || i < bi);
  if (v == bv) return i < bi;
  return ismax ? v > bv : v < bv;
}

template <typename T>
__device__ void arg_line(bool ismax, const void* xp, int dt, long long xb, int xs, int n, void* vp, long long vb,
                         long long* ip, long long ib, T* sv, long long* si) {
  T bv = 0;
  long long bi = -1;
  for (int k = threadIdx.x; k < n; k += blockDim.x) {
    T v = sizeof(T) == 8 && dt == DT_I64 ? (T)ld_l(xp, dt, xb + (long long)k * xs) : (T)ld_d(xp, dt, xb + (long long)k * xs);
    if (arg_better(ismax, v, (long long)k, bv, bi)) { bv = v; bi = k; }
  }
  sv[threadIdx.x] = bv;
  si[threadIdx.x] = bi;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s && arg_better(ismax, sv[threadIdx.x + s], si[threadIdx.x + s], sv[threadIdx.x], si[threadIdx.x])) {
      sv[threadIdx.x] = sv[threadIdx.x + s];
      si[threadIdx.x] = si[threadIdx.x + s];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    long long best = si[0] < 0 ? 0 : si[0];
    mv(vp, vb, xp, xb + best * xs, dt == DT_BOOL ? 1 : (dt == DT_I32 || dt == DT_F32) ? 4 : 8);
    ip[ib] = best;
  }
  __syncthreads();
}

// One block (power-of-two size <= 256) per line; lx/lv/li place the line in x, values, indices.
extern "C" __global__ void argreduce_generic(int ismax, Lay lx, Lay lv, Lay li, int xs, int n, int dt,
                                             const void* xp, void* vp, long long* ip, long long lines) {
  __shared__ double sv[256];
  __shared__ long long svl[256];
  __shared__ long long si[256];
  for (long long line = blockIdx.x; line < lines; line += gridDim.x) {
    long long xb = lay_at(lx, line), vb = lay_at(lv, line), ib = lay_at(li, line);
    if (is_float(dt)) arg_line<double>(ismax, xp, dt, xb, xs, n, vp, vb, ip, ib, sv, si);
    else arg_line<long long>(ismax, xp, dt, xb, xs, n, vp, vb, ip, ib, svl, si);
  }
}

// One thread per line, serial along the axis (the CPU's order, so results match bit for bit).
extern "C" __global__ void scan_generic(int op, Lay lx, Lay lo, int xs, int os, int n, int dt, const void* xp,
                                        void* outp, long long lines) {
  GRID_STRIDE(line, lines) {
    long long xb = lay_at(lx, line), ob = lay_at(lo, line);
    if (is_float(dt)) {
      double acc = op == S_CUMSUM ? 0.0 : 1.0;
      for (int k = 0; k < n; k++) {
        double v = ld_d(xp, dt, xb + (long long)k * xs);
        acc = op == S_CUMSUM ? acc + v : acc * v;
        st_d(outp, dt, ob + (long long)k * os, acc);
      }
    } else {
      long long acc = op == S_CUMSUM ? 0 : 1;
      for (int k = 0; k < n; k++) {
        long long v = ld_l(xp, dt, xb + (long long)k * xs);
        acc = op == S_CUMSUM ? acc + v : acc * v;
        st_l(outp, dt, ob + (long long)k * os, acc);
      }
    }
  }
}

// Online softmax state (running max m, sum s of exp(x - m)); NaN propagates through m.
template <typename A>
struct MS { A m, s; };

template <typename A>
__device__ __forceinline__ MS<A> ms_add(MS<A> a, A v) {
  if (v != v || a.m != a.m) { a.m = v != v ? v : a.m; a.s = a.m; return a; }
  if (v == -INFINITY) return a;
  if (v > a.m) { a.s = (a.m == -INFINITY ? (A)0 : a.s * exp(a.m - v)) + (A)1; a.m = v; }
  else a.s += exp(v - a.m);
  return a;
}
template <typename A>
__device__ __forceinline__ MS<A> ms_comb(MS<A> a, MS<A> b) {
  if (a.m != a.m || b.m != b.m) { MS<A> r; r.m = a.m != a.m ? a.m : b.m; r.s = r.m; return r; }
  if (b.m == -INFINITY) return a;
  if (a.m == -INFINITY) return b;
  MS<A> r;
  r.m = a.m > b.m ? a.m : b.m;
  r.s = a.s * exp(a.m - r.m) + b.s * exp(b.m - r.m);
  return r;
}

// One block per line: one read pass for (max, sum) with the online update, one for the output.
template <typename T, typename A>
__device__ void softmax_lines(Lay lx, Lay lo, int xs, int os, int n, int log_, const T* x, T* out, long long lines) {
  __shared__ A sm[32], ss[32];
  for (long long line = blockIdx.x; line < lines; line += gridDim.x) {
    long long xb = lay_at(lx, line), ob = lay_at(lo, line);
    MS<A> st = {(A)-INFINITY, (A)0};
    for (int k = threadIdx.x; k < n; k += blockDim.x) st = ms_add(st, (A)x[xb + (long long)k * xs]);
    for (int o = 16; o > 0; o >>= 1) {
      MS<A> u = {__shfl_down_sync(0xffffffffu, st.m, o), __shfl_down_sync(0xffffffffu, st.s, o)};
      st = ms_comb(st, u);
    }
    int w = threadIdx.x >> 5, lane = threadIdx.x & 31, nw = blockDim.x >> 5;
    __syncthreads();
    if (lane == 0) { sm[w] = st.m; ss[w] = st.s; }
    __syncthreads();
    if (threadIdx.x == 0) {
      MS<A> t = {sm[0], ss[0]};
      for (int i = 1; i < nw; i++) { MS<A> u = {sm[i], ss[i]}; t = ms_comb(t, u); }
      // only -inf, or a +inf: the CPU computes exp(inf - inf) = NaN, so the whole line is NaN
      if (t.m == -INFINITY || t.m == INFINITY) t.s = (A)NAN_D;
      sm[0] = t.m;
      ss[0] = t.s;
    }
    __syncthreads();
    A m = sm[0], s = ss[0];
    if (log_) {
      A ls = log(s);
      for (int k = threadIdx.x; k < n; k += blockDim.x) out[ob + (long long)k * os] = (T)((A)x[xb + (long long)k * xs] - m - ls);
    } else {
      A inv = (A)1 / s;
      for (int k = threadIdx.x; k < n; k += blockDim.x) out[ob + (long long)k * os] = (T)(exp((A)x[xb + (long long)k * xs] - m) * inv);
    }
    __syncthreads();
  }
}

extern "C" __global__ void softmax_f32(Lay lx, Lay lo, int xs, int os, int n, int log_, const float* x, float* out,
                                       long long lines) {
  softmax_lines<float, float>(lx, lo, xs, os, n, log_, x, out, lines);
}
extern "C" __global__ void softmax_f64(Lay lx, Lay lo, int xs, int os, int n, int log_, const double* x, double* out,
                                       long long lines) {
  softmax_lines<double, double>(lx, lo, xs, os, n, log_, x, out, lines);
}
