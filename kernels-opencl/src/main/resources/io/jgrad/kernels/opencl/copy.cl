/* Strided copies with casts (S -> D) and fills of D; options from ClTypes.define("S"/"D", ...). */

/* Casts as the CPU backend: float to int truncates, out of range or NaN gives the minimum (x86);
   anything to bool is v != 0 (NaN is true). */
#if D_BOOL
#define CAST(x) ((uchar)((x) != 0))
#elif D_INT && S_FP && D_SIZE == 4
#define CAST(x) (((x) >= (S)-2147483648.0f && (x) < (S)2147483648.0f) ? (int)(x) : INT_MIN)
#elif D_INT && S_FP
#define CAST(x) (((x) >= (S)-9223372036854775808.0f && (x) < (S)9223372036854775808.0f) ? (long)(x) : LONG_MIN)
#else
#define CAST(x) ((D)(x))
#endif

__kernel void copy(__global const S* src, const view_t sv, __global D* dst, const view_t dv, const int total) {
  int i = (int) get_global_id(0);
  if (i >= total) return;
  S x = src[view_at(sv, i)];
  dst[view_at(dv, i)] = CAST(x);
}

__kernel void fill(__global D* dst, const view_t dv, const D value, const int total) {
  int i = (int) get_global_id(0);
  if (i >= total) return;
  dst[view_at(dv, i)] = value;
}
