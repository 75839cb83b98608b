// sort.cu - stable sort along one axis: each element becomes a (64-bit signed key, position) pair
// with CpuSort's keys (floats by their bits with the sign folded in, -0.0 == 0.0, NaN largest;
// descending = bitwise complement), lines are padded to a power of two P and bitonic-sorted on the
// pair, which is a total order, so the result is the stable order. P <= 2048: one block per line in
// shared memory; larger P: one launch per bitonic step over global memory.
#include "common.cuh"

__device__ __forceinline__ long long sort_key(const void* p, int dt, long long i, int desc) {
  long long k;
  switch (dt) {
    case DT_F32: {
      float f = ((const float*)p)[i];
      int b;
      if (f != f) b = 0x7fffffff;
      else { b = __float_as_int(f == 0.f ? 0.f : f); b ^= (b >> 31) & 0x7fffffff; }
      k = desc ? ~b : b;
      break;
    }
    case DT_F64: {
      double d = ((const double*)p)[i];
      long long b;
      if (d != d) b = 0x7fffffffffffffffLL;
      else { b = __double_as_longlong(d == 0.0 ? 0.0 : d); b ^= (b >> 63) & 0x7fffffffffffffffLL; }
      k = desc ? ~b : b;
      break;
    }
    case DT_I32: { int v = ((const int*)p)[i]; k = desc ? ~v : v; break; }
    case DT_I64: { long long v = ((const long long*)p)[i]; k = desc ? ~v : v; break; }
    default: { int v = ((const signed char*)p)[i]; k = desc ? ~v : v; }
  }
  return k;
}

// keys/pos: lines x P; padding gets (LLONG_MAX, INT_MAX), which sorts after every real pair.
extern "C" __global__ void sort_init(Lay lx, int xs, int n, int P, int dt, int desc, const void* xp, long long* keys,
                                     int* pos, long long lines) {
  GRID_STRIDE(i, lines * P) {
    long long line = i / P;
    int j = (int)(i % P);
    if (j < n) {
      keys[i] = sort_key(xp, dt, lay_at(lx, line) + (long long)j * xs, desc);
      pos[i] = j;
    } else {
      keys[i] = 0x7fffffffffffffffLL;
      pos[i] = 0x7fffffff;
    }
  }
}

__device__ __forceinline__ bool pair_gt(long long ka, int pa, long long kb, int pb) {
  return ka > kb || (ka == kb && pa > pb);
}

// One block of min(P/2, 1024) threads per line, P <= 2048.
extern "C" __global__ void sort_shared(int P, long long* keys, int* pos, long long lines) {
  __shared__ long long sk[2048];
  __shared__ int sp[2048];
  for (long long line = blockIdx.x; line < lines; line += gridDim.x) {
    long long* k = keys + line * P;
    int* p = pos + line * P;
    for (int i = threadIdx.x; i < P; i += blockDim.x) { sk[i] = k[i]; sp[i] = p[i]; }
    __syncthreads();
    for (int size = 2; size <= P; size <<= 1) {
      for (int stride = size >> 1; stride > 0; stride >>= 1) {
        for (int t = threadIdx.x; t < P / 2; t += blockDim.x) {
          int i = 2 * t - (t & (stride - 1)), j = i + stride;
          bool up = (i & size) == 0;
          if (pair_gt(sk[i], sp[i], sk[j], sp[j]) == up) {
            long long tk = sk[i]; sk[i] = sk[j]; sk[j] = tk;
            int tp = sp[i]; sp[i] = sp[j]; sp[j] = tp;
          }
        }
        __syncthreads();
      }
    }
    for (int i = threadIdx.x; i < P; i += blockDim.x) { k[i] = sk[i]; p[i] = sp[i]; }
    __syncthreads();
  }
}

// One bitonic compare-exchange step (size, stride) over all lines: lines * P/2 threads.
extern "C" __global__ void sort_step(int P, int size, int stride, long long* keys, int* pos, long long lines) {
  GRID_STRIDE(q, lines * (P / 2)) {
    long long line = q / (P / 2);
    int t = (int)(q % (P / 2));
    int i = 2 * t - (t & (stride - 1)), j = i + stride;
    bool up = (i & size) == 0;
    long long* k = keys + line * P;
    int* p = pos + line * P;
    if (pair_gt(k[i], p[i], k[j], p[j]) == up) {
      long long tk = k[i]; k[i] = k[j]; k[j] = tk;
      int tp = p[i]; p[i] = p[j]; p[j] = tp;
    }
  }
}

// values[line, j] = x[line, pos[j]], indices[line, j] = pos[j], for j < n.
extern "C" __global__ void sort_out(Lay lx, Lay lv, Lay li, int xs, int vs, int is, int n, int P, int esize,
                                    const void* xp, const int* pos, void* vp, long long* ip, long long lines) {
  GRID_STRIDE(i, lines * n) {
    long long line = i / n;
    int j = (int)(i % n);
    int src = pos[line * P + j];
    mv(vp, lay_at(lv, line) + (long long)j * vs, xp, lay_at(lx, line) + (long long)src * xs, esize);
    ip[lay_at(li, line) + (long long)j * is] = src;
  }
}
