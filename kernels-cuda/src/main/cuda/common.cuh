// common.cuh - shared by every kernel family: dtype codes, strided layouts, generic loads/stores
// with the CPU backend's cast rules (tensor/src/main/java/io/jgrad/tensor/cpu/CpuCopy.java).
#pragma once
#include <stdint.h>

// DType ordinals of io.jgrad.tensor.DType (checked by KernelTableTest).
// DTYPE: BOOL INT32 INT64 FLOAT32 FLOAT64
enum { DT_BOOL = 0, DT_I32 = 1, DT_I64 = 2, DT_F32 = 3, DT_F64 = 4 };

#define NAN_D __longlong_as_double(0x7ff8000000000000LL)
#define MAXR 8
// A strided view of up to MAXR dims (io.jgrad.kernels.cuda.Lay builds it): element i in
// row-major order lives at off + sum(coord[d] * stride[d]).
struct Lay {
  int rank;
  int off;
  int shape[MAXR];
  int stride[MAXR];
};

// Element counts fit in 31 bits (buffer lengths are Java ints), so the index arithmetic uses 32-bit
// unsigned division, several times cheaper than 64-bit division on the GPU.
__device__ __forceinline__ long long lay_at(const Lay& l, long long i) {
  long long o = l.off;
  unsigned int j = (unsigned int)i;
  for (int d = l.rank - 1; d >= 0; d--) {
    unsigned int s = (unsigned int)l.shape[d];
    unsigned int c = j % s;
    j /= s;
    o += (long long)c * l.stride[d];
  }
  return o;
}

__device__ __forceinline__ double ld_d(const void* p, int dt, long long i) {
  switch (dt) {
    case DT_BOOL: return ((const unsigned char*)p)[i];
    case DT_I32: return ((const int*)p)[i];
    case DT_I64: return (double)((const long long*)p)[i];
    case DT_F32: return ((const float*)p)[i];
    default: return ((const double*)p)[i];
  }
}

// Java's (long) of a double: NaN -> 0, saturating.
__device__ __forceinline__ long long java_d2l(double v) {
  if (v != v) return 0;
  if (v >= 9.2233720368547758e18) return 0x7fffffffffffffffLL;
  if (v <= -9.2233720368547758e18) return (long long)0x8000000000000000ULL;
  return (long long)v;
}

__device__ __forceinline__ long long ld_l(const void* p, int dt, long long i) {
  switch (dt) {
    case DT_BOOL: return ((const unsigned char*)p)[i];
    case DT_I32: return ((const int*)p)[i];
    case DT_I64: return ((const long long*)p)[i];
    case DT_F32: return java_d2l(((const float*)p)[i]);
    default: return java_d2l(((const double*)p)[i]);
  }
}

// x86 truncating conversions as the CPU backend: out of range and NaN give the minimum.
__device__ __forceinline__ int trunc_i32(double v) {
  return (v > -2147483649.0 && v < 2147483648.0) ? (int)v : (int)0x80000000;
}
__device__ __forceinline__ long long trunc_i64(double v) {
  return (v >= -9.2233720368547758e18 && v < 9.2233720368547758e18) ? (long long)v : (long long)0x8000000000000000ULL;
}

__device__ __forceinline__ void st_d(void* p, int dt, long long i, double v) {
  switch (dt) {
    case DT_BOOL: ((unsigned char*)p)[i] = v != 0 ? 1 : 0; break;
    case DT_I32: ((int*)p)[i] = trunc_i32(v); break;
    case DT_I64: ((long long*)p)[i] = trunc_i64(v); break;
    case DT_F32: ((float*)p)[i] = (float)v; break;
    default: ((double*)p)[i] = v;
  }
}

__device__ __forceinline__ void st_l(void* p, int dt, long long i, long long v) {
  switch (dt) {
    case DT_BOOL: ((unsigned char*)p)[i] = v != 0 ? 1 : 0; break;
    case DT_I32: ((int*)p)[i] = (int)v; break;
    case DT_I64: ((long long*)p)[i] = v; break;
    case DT_F32: ((float*)p)[i] = (float)v; break;
    default: ((double*)p)[i] = (double)v;
  }
}

__device__ __forceinline__ bool is_float(int dt) { return dt == DT_F32 || dt == DT_F64; }

// Copies one element of esize bytes (1, 4 or 8) without interpreting it.
__device__ __forceinline__ void mv(void* d, long long di, const void* s, long long si, int esize) {
  if (esize == 4) ((int*)d)[di] = ((const int*)s)[si];
  else if (esize == 8) ((long long*)d)[di] = ((const long long*)s)[si];
  else ((unsigned char*)d)[di] = ((const unsigned char*)s)[si];
}

// Java's Math.max/min: NaN if either is NaN, and +0.0 > -0.0.
__device__ __forceinline__ double jmax(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a == 0 && b == 0) return signbit(a) ? b : a;
  return a > b ? a : b;
}
__device__ __forceinline__ double jmin(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a == 0 && b == 0) return signbit(a) ? a : b;
  return a < b ? a : b;
}

#define GRID_STRIDE(i, n) for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
                               i += (long long)blockDim.x * gridDim.x)
