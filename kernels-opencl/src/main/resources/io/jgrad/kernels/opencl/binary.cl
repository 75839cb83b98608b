/* Binary ops: a and b of dtype T, out of dtype O (BOOL for comparisons and logical ops); one
   kernel per BinaryOp, named b_<op>, plus where. Floating T computes in T; integral and bool T
   in long (wrapping arithmetic through ulong). Conventions are the CPU backend's
   (BinaryScalar): remainder takes the divisor's sign, maximum/minimum propagate NaN and order
   -0 < +0, comparisons with NaN are false except NE, logical ops treat NaN as true.
   err[0] is set to 1 by an integer remainder by zero (the host turns it into an exception). */

#if T_FP
typedef T R;
#else
typedef long R;
#endif

#if O_BOOL
#define TO_O(x) ((uchar)((x) != 0))
#else
#define TO_O(x) ((O)(x))
#endif

#define BINARY(name, expr) \
__kernel void b_##name(__global const T* pa, const view_t av, __global const T* pb, const view_t bv, \
                       __global O* out, const view_t ov, __global int* err, const int total) { \
  int i = (int) get_global_id(0); \
  if (i >= total) return; \
  R a = (R) pa[view_at(av, i)]; \
  R b = (R) pb[view_at(bv, i)]; \
  out[view_at(ov, i)] = TO_O(expr); \
}

#if T_FP
inline R rem_fp(R a, R b) {
  R r = fmod(a, b);
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}
inline R max_fp(R a, R b) {
  if (isnan(a) || isnan(b)) return a + b;
  return a == b ? (signbit(a) ? b : a) : (a > b ? a : b);
}
inline R min_fp(R a, R b) {
  if (isnan(a) || isnan(b)) return a + b;
  return a == b ? (signbit(a) ? a : b) : (a < b ? a : b);
}
BINARY(add, a + b)
BINARY(sub, a - b)
BINARY(mul, a * b)
BINARY(div, a / b)
BINARY(remainder, rem_fp(a, b))
/* C99 pow: 1^y = 1 and x^0 = 1 for every x, y (NaN included), as torch. */
BINARY(pow, pow(a, b))
BINARY(atan2, atan2(a, b))
BINARY(maximum, max_fp(a, b))
BINARY(minimum, min_fp(a, b))
#else
inline long rem_int(long a, long b, __global int* err) {
  if (b == 0) { err[0] = 1; return 0; }
  if (b == -1) return 0; /* LONG_MIN % -1 traps on x86 */
  long r = a % b;
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}
/* Power by squaring, wrapping; negative exponents give trunc(1/a^|e|) as torch. */
inline long ipow(long a, long e) {
  if (e < 0) return a == 1 ? 1 : a == -1 ? ((e & 1) == 0 ? 1 : -1) : 0;
  ulong r = 1, x = (ulong) a;
  while (e > 0) {
    if (e & 1) r *= x;
    x *= x;
    e >>= 1;
  }
  return (long) r;
}
BINARY(add, (long) ((ulong) a + (ulong) b))
BINARY(sub, (long) ((ulong) a - (ulong) b))
BINARY(mul, (long) ((ulong) a * (ulong) b))
BINARY(remainder, rem_int(a, b, err))
BINARY(pow, ipow(a, b))
BINARY(maximum, a > b ? a : b)
BINARY(minimum, a < b ? a : b)
#endif
BINARY(eq, a == b)
BINARY(ne, a != b)
BINARY(lt, a < b)
BINARY(le, a <= b)
BINARY(gt, a > b)
BINARY(ge, a >= b)
BINARY(logical_and, a != 0 && b != 0)
BINARY(logical_or, a != 0 || b != 0)
BINARY(logical_xor, (a != 0) != (b != 0))

/* out = cond ? a : b (cond BOOL; a, b and out of dtype T; build with O = T). */
__kernel void where(__global const uchar* c, const view_t cv, __global const T* pa, const view_t av,
                    __global const T* pb, const view_t bv, __global T* out, const view_t ov, const int total) {
  int i = (int) get_global_id(0);
  if (i >= total) return;
  out[view_at(ov, i)] = c[view_at(cv, i)] != 0 ? pa[view_at(av, i)] : pb[view_at(bv, i)];
}
