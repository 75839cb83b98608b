// elementwise.cu - unary, binary, where, copy and fill over strided views (any strides, stride 0 =
// broadcast), plus float4/double2 fast paths for contiguous, aligned float32/float64 operands.
// Semantics follow the CPU backend's scalar reference (UnaryScalar, BinaryScalar, CpuCopy):
// floating ops compute in double and round once at the store.
#include "common.cuh"

// Ordinals of io.jgrad.tensor.spi.UnaryOp (checked by KernelTableTest).
// UNARY: NEG ABS SIGN EXP EXPM1 LOG LOG1P LOG2 SQRT RSQRT RECIPROCAL SIN COS TAN ASIN ACOS ATAN SINH COSH TANH SIGMOID LOG_SIGMOID SOFTPLUS RELU LEAKY_RELU ELU GELU GELU_TANH SILU ERF ERFC FLOOR CEIL ROUND TRUNC CLAMP POW_SCALAR NAN_TO_NUM LOGICAL_NOT ISNAN ISINF ISFINITE
enum {
  U_NEG, U_ABS, U_SIGN, U_EXP, U_EXPM1, U_LOG, U_LOG1P, U_LOG2, U_SQRT, U_RSQRT, U_RECIPROCAL,
  U_SIN, U_COS, U_TAN, U_ASIN, U_ACOS, U_ATAN, U_SINH, U_COSH, U_TANH,
  U_SIGMOID, U_LOG_SIGMOID, U_SOFTPLUS, U_RELU, U_LEAKY_RELU, U_ELU, U_GELU, U_GELU_TANH, U_SILU, U_ERF, U_ERFC,
  U_FLOOR, U_CEIL, U_ROUND, U_TRUNC, U_CLAMP, U_POW_SCALAR, U_NAN_TO_NUM,
  U_LOGICAL_NOT, U_ISNAN, U_ISINF, U_ISFINITE
};
// Ordinals of io.jgrad.tensor.spi.BinaryOp.
// BINARY: ADD SUB MUL DIV REMAINDER POW ATAN2 MAXIMUM MINIMUM EQ NE LT LE GT GE LOGICAL_AND LOGICAL_OR LOGICAL_XOR
enum {
  B_ADD, B_SUB, B_MUL, B_DIV, B_REMAINDER, B_POW, B_ATAN2, B_MAXIMUM, B_MINIMUM,
  B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE, B_LOGICAL_AND, B_LOGICAL_OR, B_LOGICAL_XOR
};

// Math.pow except 1^y = 1; Java also gives NaN for (-1)^(+-inf) where C gives 1.
__device__ __forceinline__ double jpow(double a, double b) {
  if (a == 1) return 1;
  if (a == -1 && isinf(b)) return NAN_D;
  return pow(a, b);
}

__device__ __forceinline__ long long ipow(long long a, long long e) {
  if (e < 0) {
    if (a == 1) return 1;
    if (a == -1) return (e & 1) == 0 ? 1 : -1;
    return 0;
  }
  long long r = 1;
  while (e > 0) {
    if (e & 1) r *= a;
    a *= a;
    e >>= 1;
  }
  return r;
}

__device__ __noinline__ double unary_d(int op, double v, double a0, double a1, double a2) {
  switch (op) {
    case U_NEG: return -v;
    case U_ABS: return fabs(v);
    case U_SIGN: return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0;
    case U_EXP: return exp(v);
    case U_EXPM1: return expm1(v);
    case U_LOG: return log(v);
    case U_LOG1P: return log1p(v);
    case U_LOG2: return log(v) * 1.44269504088896340736;
    case U_SQRT: return sqrt(v);
    case U_RSQRT: return 1.0 / sqrt(v);
    case U_RECIPROCAL: return 1.0 / v;
    case U_SIN: return sin(v);
    case U_COS: return cos(v);
    case U_TAN: return tan(v);
    case U_ASIN: return asin(v);
    case U_ACOS: return acos(v);
    case U_ATAN: return atan(v);
    case U_SINH: return sinh(v);
    case U_COSH: return cosh(v);
    case U_TANH: return tanh(v);
    case U_SIGMOID: return 1.0 / (1.0 + exp(-v));
    case U_LOG_SIGMOID: return jmin(v, 0.0) - log1p(exp(-fabs(v)));
    case U_SOFTPLUS: return v * a0 > a1 ? v : log1p(exp(v * a0)) / a0;
    case U_RELU: return v < 0 ? 0.0 : v;
    case U_LEAKY_RELU: return v > 0 ? v : v * a0;
    case U_ELU: return v > 0 ? v : a0 * expm1(v);
    case U_GELU: return 0.5 * v * erfc(-v * 0.70710678118654752440);
    case U_GELU_TANH: return 0.5 * v * (1.0 + tanh(0.79788456080286535588 * (v + 0.044715 * v * v * v)));
    case U_SILU: return v / (1.0 + exp(-v));
    case U_ERF: return erf(v);
    case U_ERFC: return erfc(v);
    case U_FLOOR: return floor(v);
    case U_CEIL: return ceil(v);
    case U_ROUND: return rint(v);
    case U_TRUNC: return v < 0 ? ceil(v) : floor(v);
    case U_CLAMP: {
      double lo = a0 != a0 ? -INFINITY : a0, hi = a1 != a1 ? INFINITY : a1;
      double r = v < lo ? lo : v;
      return r > hi ? hi : r;
    }
    case U_POW_SCALAR: return a0 == 0.5 ? sqrt(v) : a0 == -0.5 ? 1.0 / sqrt(v) : jpow(v, a0);
    case U_NAN_TO_NUM: return v != v ? a0 : v == INFINITY ? a1 : v == -INFINITY ? a2 : v;
    case U_LOGICAL_NOT: return v == 0 ? 1.0 : 0.0;
    case U_ISNAN: return v != v ? 1.0 : 0.0;
    case U_ISINF: return isinf(v) ? 1.0 : 0.0;
    case U_ISFINITE: return isfinite(v) ? 1.0 : 0.0;
  }
  return NAN_D;
}

// Integer/bool inputs; the host rejects float-only ops first. l0/l1 are Java's (long) of the args.
__device__ long long unary_l(int op, long long v, long long l0, long long l1) {
  switch (op) {
    case U_NEG: return -v;
    case U_ABS: return v < 0 ? -v : v;
    case U_SIGN: return v > 0 ? 1 : v < 0 ? -1 : 0;
    case U_RELU: return v > 0 ? v : 0;
    case U_CLAMP: { long long r = v > l0 ? v : l0; return r < l1 ? r : l1; }
    case U_POW_SCALAR: return ipow(v, l0);
    case U_LOGICAL_NOT: return v == 0 ? 1 : 0;
    case U_ISNAN: case U_ISINF: return 0;
    case U_ISFINITE: return 1;
    default: return v;  // FLOOR CEIL ROUND TRUNC NAN_TO_NUM are the identity on integers
  }
}

extern "C" __global__ void unary_strided(int op, Lay x, int xdt, const void* xp, Lay o, int odt, void* outp,
                                         long long n, double a0, double a1, double a2, long long l0, long long l1) {
  GRID_STRIDE(i, n) {
    long long xi = lay_at(x, i), oi = lay_at(o, i);
    if (is_float(xdt)) st_d(outp, odt, oi, unary_d(op, ld_d(xp, xdt, xi), a0, a1, a2));
    else st_l(outp, odt, oi, unary_l(op, ld_l(xp, xdt, xi), l0, l1));
  }
}

// Contiguous float32 in and out, both 16-byte aligned at element 0: one float4 per thread step.
extern "C" __global__ void unary_f32_vec(int op, const float* x, float* out, long long n, double a0, double a1,
                                         double a2) {
  long long n4 = n / 4;
  GRID_STRIDE(i, n4) {
    float4 v = ((const float4*)x)[i];
    float4 r;
    r.x = (float)unary_d(op, v.x, a0, a1, a2);
    r.y = (float)unary_d(op, v.y, a0, a1, a2);
    r.z = (float)unary_d(op, v.z, a0, a1, a2);
    r.w = (float)unary_d(op, v.w, a0, a1, a2);
    ((float4*)out)[i] = r;
  }
  GRID_STRIDE(j, n - n4 * 4) out[n4 * 4 + j] = (float)unary_d(op, x[n4 * 4 + j], a0, a1, a2);
}

__device__ __forceinline__ double remainder_j(double a, double b) {
  double r = fmod(a, b);
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

__device__ __noinline__ double binary_d(int op, double a, double b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_REMAINDER: return remainder_j(a, b);
    case B_POW: return jpow(a, b);
    case B_ATAN2: return atan2(a, b);
    case B_MAXIMUM: return jmax(a, b);
    case B_MINIMUM: return jmin(a, b);
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
    case B_GE: return a >= b;
    case B_LOGICAL_AND: return (a != 0) && (b != 0);
    case B_LOGICAL_OR: return (a != 0) || (b != 0);
    case B_LOGICAL_XOR: return (a != 0) != (b != 0);
  }
  return NAN_D;
}

// Integer remainder by zero gives 0 here (the CPU throws; the tensor layer cannot see device data).
__device__ __forceinline__ long long binary_l(int op, long long a, long long b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_REMAINDER: {
      if (b == 0) return 0;
      if (b == -1) return 0;  // avoids the INT64_MIN % -1 trap; the result is 0 anyway
      long long r = a % b;
      return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
    }
    case B_POW: return ipow(a, b);
    case B_MAXIMUM: return a > b ? a : b;
    case B_MINIMUM: return a < b ? a : b;
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
    case B_GE: return a >= b;
    case B_LOGICAL_AND: return (a != 0) && (b != 0);
    case B_LOGICAL_OR: return (a != 0) || (b != 0);
    case B_LOGICAL_XOR: return (a != 0) != (b != 0);
  }
  return 0;
}

extern "C" __global__ void binary_strided(int op, Lay a, Lay b, int dt, const void* ap, const void* bp, Lay o,
                                          int odt, void* outp, long long n) {
  GRID_STRIDE(i, n) {
    long long ai = lay_at(a, i), bi = lay_at(b, i), oi = lay_at(o, i);
    if (is_float(dt)) st_d(outp, odt, oi, binary_d(op, ld_d(ap, dt, ai), ld_d(bp, dt, bi)));
    else st_l(outp, odt, oi, binary_l(op, ld_l(ap, dt, ai), ld_l(bp, dt, bi)));
  }
}

// float32 add/sub/mul/div round identically in float and in double-then-float; other ops go
// through double like the CPU reference.
__device__ __forceinline__ float binary_f(int op, float a, float b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return __fdiv_rn(a, b);
    default: return (float)binary_d(op, a, b);
  }
}

// Contiguous, 16-byte aligned float32 a, b, out (same shape, no broadcast): float4 loads/stores.
extern "C" __global__ void binary_f32_vec(int op, const float* a, const float* b, float* out, long long n) {
  long long n4 = n / 4;
  GRID_STRIDE(i, n4) {
    float4 x = ((const float4*)a)[i], y = ((const float4*)b)[i], r;
    r.x = binary_f(op, x.x, y.x);
    r.y = binary_f(op, x.y, y.y);
    r.z = binary_f(op, x.z, y.z);
    r.w = binary_f(op, x.w, y.w);
    ((float4*)out)[i] = r;
  }
  GRID_STRIDE(j, n - n4 * 4) out[n4 * 4 + j] = binary_f(op, a[n4 * 4 + j], b[n4 * 4 + j]);
}

extern "C" __global__ void binary_f64_vec(int op, const double* a, const double* b, double* out, long long n) {
  long long n2 = n / 2;
  GRID_STRIDE(i, n2) {
    double2 x = ((const double2*)a)[i], y = ((const double2*)b)[i], r;
    r.x = binary_d(op, x.x, y.x);
    r.y = binary_d(op, x.y, y.y);
    ((double2*)out)[i] = r;
  }
  GRID_STRIDE(j, n - n2 * 2) out[n2 * 2 + j] = binary_d(op, a[n2 * 2 + j], b[n2 * 2 + j]);
}

extern "C" __global__ void where_strided(Lay c, const unsigned char* cp, Lay a, const void* ap, Lay b,
                                         const void* bp, Lay o, void* outp, int esize, long long n) {
  GRID_STRIDE(i, n) {
    long long oi = lay_at(o, i);
    if (cp[lay_at(c, i)]) mv(outp, oi, ap, lay_at(a, i), esize);
    else mv(outp, oi, bp, lay_at(b, i), esize);
  }
}

// dst[i] = cast(src[i]) with CpuCopy's rules.
extern "C" __global__ void copy_strided(Lay s, int sdt, const void* sp, Lay d, int ddt, void* dp, long long n) {
  GRID_STRIDE(i, n) {
    long long si = lay_at(s, i), di = lay_at(d, i);
    if (sdt == ddt) {
      int es = sdt == DT_BOOL ? 1 : (sdt == DT_I32 || sdt == DT_F32) ? 4 : 8;
      mv(dp, di, sp, si, es);
    } else if (is_float(sdt)) {
      st_d(dp, ddt, di, ld_d(sp, sdt, si));  // st_d truncates into ints as the CPU does
    } else {
      st_l(dp, ddt, di, ld_l(sp, sdt, si));
    }
  }
}

// The host converts the fill value to the dtype's bit pattern (Java's casts), esize 1, 4 or 8.
extern "C" __global__ void fill_strided(Lay d, void* dp, int esize, long long bits, long long n) {
  GRID_STRIDE(i, n) {
    long long di = lay_at(d, i);
    if (esize == 4) ((int*)dp)[di] = (int)bits;
    else if (esize == 8) ((long long*)dp)[di] = bits;
    else ((unsigned char*)dp)[di] = (unsigned char)bits;
  }
}
