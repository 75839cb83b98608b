// index.cu - gather, scatter (SET / ADD with atomics, or a deterministic serial-per-line mode that
// reproduces the CPU's order exactly) and nonzero. Index values were checked by the tensor layer;
// an index out of range here is skipped (never a wild read or write).
#include "common.cuh"

// out[p] = x[p with p[axis] = index[p]]: o/ix walk out's shape; xs is x with the axis stride zeroed.
extern "C" __global__ void gather_strided(Lay o, Lay ix, Lay xs, int axstride, int axsize, int esize,
                                          const void* xp, const long long* ip, void* outp, long long n) {
  GRID_STRIDE(i, n) {
    long long k = ip[lay_at(ix, i)];
    if (k < 0 || k >= axsize) continue;
    mv(outp, lay_at(o, i), xp, lay_at(xs, i) + k * axstride, esize);
  }
}

__device__ __forceinline__ void atomic_or_byte(unsigned char* p, unsigned char v) {
  if (!v) return;
  size_t a = (size_t)p;
  unsigned int* w = (unsigned int*)(a & ~(size_t)3);
  atomicOr(w, (unsigned int)v << (8 * (a & 3)));
}

__device__ __forceinline__ void scatter_one(int add, int dt, void* tp, long long ti, const void* sp, long long si) {
  if (!add) {
    mv(tp, ti, sp, si, dt == DT_BOOL ? 1 : (dt == DT_I32 || dt == DT_F32) ? 4 : 8);
    return;
  }
  switch (dt) {
    case DT_F32: atomicAdd((float*)tp + ti, ((const float*)sp)[si]); break;
    case DT_F64: atomicAdd((double*)tp + ti, ((const double*)sp)[si]); break;
    case DT_I32: atomicAdd((int*)tp + ti, ((const int*)sp)[si]); break;
    case DT_I64: atomicAdd((unsigned long long*)tp + ti, (unsigned long long)((const long long*)sp)[si]); break;
    default: atomic_or_byte((unsigned char*)tp + ti, ((const unsigned char*)sp)[si]);  // bool adds as or
  }
}

// One thread per index element: t is target with the axis stride zeroed, over index's shape.
extern "C" __global__ void scatter_atomic(int add, Lay t, Lay ix, Lay s, int axstride, int axsize, int dt,
                                          const void* sp, const long long* ip, void* tp, long long n) {
  GRID_STRIDE(i, n) {
    long long k = ip[lay_at(ix, i)];
    if (k < 0 || k >= axsize) continue;
    scatter_one(add, dt, tp, lay_at(t, i) + k * axstride, sp, lay_at(s, i));
  }
}

// One thread per line (index's shape without the axis), serial along the axis: the CPU's order.
extern "C" __global__ void scatter_serial(int add, Lay t, Lay ix, Lay s, int tax, int iax, int sax, int len,
                                          int axsize, int dt, const void* sp, const long long* ip, void* tp,
                                          long long lines) {
  GRID_STRIDE(line, lines) {
    long long tb = lay_at(t, line), ib = lay_at(ix, line), sb = lay_at(s, line);
    for (int j = 0; j < len; j++) {
      long long k = ip[ib + (long long)j * iax];
      if (k < 0 || k >= axsize) continue;
      long long ti = tb + k * tax, si = sb + (long long)j * sax;
      if (!add) {
        mv(tp, ti, sp, si, dt == DT_BOOL ? 1 : (dt == DT_I32 || dt == DT_F32) ? 4 : 8);
      } else {
        switch (dt) {
          case DT_F32: ((float*)tp)[ti] += ((const float*)sp)[si]; break;
          case DT_F64: ((double*)tp)[ti] += ((const double*)sp)[si]; break;
          case DT_I32: ((int*)tp)[ti] += ((const int*)sp)[si]; break;
          case DT_I64: ((long long*)tp)[ti] += ((const long long*)sp)[si]; break;
          default: ((unsigned char*)tp)[ti] |= ((const unsigned char*)sp)[si];
        }
      }
    }
  }
}

__device__ __forceinline__ bool nz(const void* p, int dt, long long i) {
  switch (dt) {
    case DT_F32: return ((const float*)p)[i] != 0.f;  // NaN counts, -0.0 does not
    case DT_F64: return ((const double*)p)[i] != 0.0;
    case DT_I32: return ((const int*)p)[i] != 0;
    case DT_I64: return ((const long long*)p)[i] != 0;
    default: return ((const unsigned char*)p)[i] != 0;
  }
}

extern "C" __global__ void nonzero_count(Lay x, int dt, const void* xp, long long n, unsigned long long* count) {
  unsigned long long c = 0;
  GRID_STRIDE(i, n) c += nz(xp, dt, lay_at(x, i)) ? 1 : 0;
  for (int o = 16; o > 0; o >>= 1) c += __shfl_down_sync(0xffffffffu, c, o);
  if ((threadIdx.x & 31) == 0 && c) atomicAdd(count, c);
}

// A single block of 1024 threads walks x in row-major chunks; ballots give each nonzero its rank,
// so coordinates come out in row-major order without a separate scan pass.
extern "C" __global__ void __launch_bounds__(1024) nonzero_write(Lay x, int dt, const void* xp, long long n,
                                                                long long* out) {
  __shared__ int warp_tot[32];
  __shared__ long long base;
  if (threadIdx.x == 0) base = 0;
  __syncthreads();
  int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
  for (long long c0 = 0; c0 < n; c0 += blockDim.x) {
    long long i = c0 + threadIdx.x;
    bool f = i < n && nz(xp, dt, lay_at(x, i));
    unsigned int bal = __ballot_sync(0xffffffffu, f);
    if (lane == 0) warp_tot[w] = __popc(bal);
    __syncthreads();
    int before = 0, total = 0;
    for (int k = 0; k < (int)(blockDim.x >> 5); k++) {
      if (k < w) before += warp_tot[k];
      total += warp_tot[k];
    }
    if (f) {
      long long r = base + before + __popc(bal & ((1u << lane) - 1u));
      long long rem = i;
      for (int d = x.rank - 1; d >= 0; d--) {
        out[r * x.rank + d] = rem % x.shape[d];
        rem /= x.shape[d];
      }
    }
    __syncthreads();
    if (threadIdx.x == 0) base += total;
    __syncthreads();
  }
}
