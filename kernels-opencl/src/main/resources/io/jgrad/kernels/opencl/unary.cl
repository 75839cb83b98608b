/* Unary ops: x of dtype T (ClTypes.define("T")), out of dtype O; one kernel per UnaryOp,
   named u_<op>. Floating T computes in T (float builds use -cl-single-precision-constant);
   integral and bool T compute in long, with P = long parameters. Formulas and conventions
   are the CPU backend's (UnaryScalar): sign(NaN) = 0, relu keeps -0 and NaN, round half to even. */

#if T_FP
typedef T R;
#else
typedef long R;
#endif
typedef R P;

#if O_BOOL
#define TO_O(x) ((uchar)((x) != 0))
#elif O_INT && T_FP && O_SIZE == 4
#define TO_O(x) FP_TO_INT(x)
#elif O_INT && T_FP
#define TO_O(x) FP_TO_LONG(x)
#else
#define TO_O(x) ((O)(x))
#endif

#define UNARY(name, expr) \
__kernel void u_##name(__global const T* x, const view_t xv, __global O* out, const view_t ov, \
                       const P p0, const P p1, const P p2, const int total) { \
  int i = (int) get_global_id(0); \
  if (i >= total) return; \
  R v = (R) x[view_at(xv, i)]; \
  out[view_at(ov, i)] = TO_O(expr); \
}

/* Defined for every dtype. */
UNARY(neg, -v)
UNARY(sign, (R)(v > 0 ? 1 : v < 0 ? -1 : 0))
UNARY(relu, v < 0 ? (R)0 : v)
UNARY(clamp, (v < p0 ? p0 : v) > p1 ? p1 : (v < p0 ? p0 : v))
UNARY(logical_not, v == 0)

#if T_FP
UNARY(abs, fabs(v))
UNARY(exp, exp(v))
UNARY(expm1, expm1(v))
UNARY(log, log(v))
UNARY(log1p, log1p(v))
UNARY(log2, log2(v))
UNARY(sqrt, sqrt(v))
UNARY(rsqrt, 1 / sqrt(v))
UNARY(reciprocal, 1 / v)
UNARY(sin, sin(v))
UNARY(cos, cos(v))
UNARY(tan, tan(v))
UNARY(asin, asin(v))
UNARY(acos, acos(v))
UNARY(atan, atan(v))
UNARY(sinh, sinh(v))
UNARY(cosh, cosh(v))
UNARY(tanh, tanh(v))
UNARY(sigmoid, 1 / (1 + exp(-v)))
UNARY(log_sigmoid, fmin(v, (R)0) - log1p(exp(-fabs(v))))
/* p0 = beta, p1 = threshold: linear above the threshold, as torch. */
UNARY(softplus, v * p0 > p1 ? v : log1p(exp(v * p0)) / p0)
UNARY(leaky_relu, v > 0 ? v : v * p0)
UNARY(elu, v > 0 ? v : p0 * expm1(v))
UNARY(gelu, 0.5 * v * erfc(-v * 0.70710678118654752440))
/* -inf gives NaN (-inf * 0) as torch, whatever the device's tanh(-inf) rounds to. */
UNARY(gelu_tanh, v == -INFINITY ? (R)NAN : 0.5 * v * (1 + tanh(0.79788456080286535588 * (v + 0.044715 * v * v * v))))
UNARY(silu, v / (1 + exp(-v)))
UNARY(erf, erf(v))
UNARY(erfc, erfc(v))
UNARY(floor, floor(v))
UNARY(ceil, ceil(v))
UNARY(round, rint(v))
UNARY(trunc, trunc(v))
/* p0 = exponent; x^0.5 is sqrt and x^-0.5 rsqrt as in torch ((-inf)^0.5 is NaN). */
UNARY(pow_scalar, p0 == 0.5 ? sqrt(v) : p0 == -0.5 ? 1 / sqrt(v) : (v == 1 ? (R)1 : pow(v, p0)))
/* p0 = nan, p1 = posinf, p2 = neginf replacements. */
UNARY(nan_to_num, isnan(v) ? p0 : (isinf(v) ? (v > 0 ? p1 : p2) : v))
UNARY(isnan, isnan(v) != 0)
UNARY(isinf, isinf(v) != 0)
UNARY(isfinite, isfinite(v) != 0)
#else
UNARY(abs, v < 0 ? -v : v)
/* Integer power by squaring (wrapping); negative exponents give trunc(1/v^|e|) as torch. */
inline long ipow(long a, long e) {
  if (e < 0) return a == 1 ? 1 : a == -1 ? ((e & 1) == 0 ? 1 : -1) : 0;
  ulong r = 1, b = (ulong) a;
  while (e > 0) {
    if (e & 1) r *= b;
    b *= b;
    e >>= 1;
  }
  return (long) r;
}
UNARY(floor, v)
UNARY(ceil, v)
UNARY(round, v)
UNARY(trunc, v)
UNARY(nan_to_num, v)
UNARY(pow_scalar, ipow(v, p0))
UNARY(isnan, 0)
UNARY(isinf, 0)
UNARY(isfinite, 1)
#endif
