// Counter-based random fills with Philox4x32-10, the same stream as the CPU backend
// (tensor/cpu/Philox.java, CpuRandom.java): element i of the output (row-major over its shape)
// uses key (seed lo, seed hi) and counter (offset + i, 0, 0), the same unit conversions and the
// same Box-Muller, computed in double where the device has fp64, so outputs equal the CPU's up
// to the last-ulp differences of the device's log/cos. Compiled with ClTypes.define("T", dtype), a float dtype.
// Java does not fuse a + (b-a)*u into an fma; neither may the device, or the last bit differs.
#pragma OPENCL FP_CONTRACT OFF

#ifdef cl_khr_fp64
#define REAL double
#define LIT(x) x
#define PI_REAL M_PI
#else
// no double at all on this device: float arithmetic and float literals
#define REAL float
#define LIT(x) x##f
#define PI_REAL M_PI_F
#endif

inline uint4 philox(ulong seed, ulong counter) {
  uint k0 = (uint) seed, k1 = (uint) (seed >> 32);
  uint c0 = (uint) counter, c1 = (uint) (counter >> 32), c2 = 0, c3 = 0;
  for (int r = 0; r < 10; r++) {
    const uint lo0 = 0xD2511F53u * c0, hi0 = mul_hi(0xD2511F53u, c0);
    const uint lo1 = 0xCD9E8D57u * c2, hi1 = mul_hi(0xCD9E8D57u, c2);
    const uint n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
    c1 = lo1; c3 = lo0; c0 = n0; c2 = n2;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  return (uint4) (c0, c1, c2, c3);
}

// Philox.unitFloat: 24 random bits, exact in float.
inline REAL unit_float(uint w) { return (REAL) ((float) (w >> 8) * 0x1.0p-24f); }

// Philox.unitDouble: 53 random bits (REAL is double whenever T is).
inline REAL unit_double(uint hi, uint lo) {
  return (REAL) (((ulong) (hi >> 5) << 26) | (lo >> 6)) * (REAL) LIT(0x1.0p-53);
}

// op 0 = UNIFORM(a, b) in [a, b), 1 = NORMAL(mean a, std b).
__kernel void random_fill(__global T* out, view_t ov, ulong seed, ulong offset, REAL a, REAL b, int op, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const uint4 w = philox(seed, offset + (ulong) i);
#if T_SIZE == 8
  const REAL u1 = unit_double(w.s0, w.s1), u2 = unit_double(w.s2, w.s3);
#else
  const REAL u1 = unit_float(w.s0), u2 = unit_float(w.s1);
#endif
  T v;
  if (op == 0) {
    v = (T) (a + (b - a) * u1);
    // a + (b-a)*u may round up to b; keep [a, b) half-open as the CPU does.
    if (b > a && v >= (T) b) v = nextafter((T) b, (T) -INFINITY);
  } else {
    const REAL r = sqrt(-LIT(2.0) * log(LIT(1.0) - u1));
    v = (T) (a + b * (r * cos(LIT(2.0) * PI_REAL * u2)));
  }
  out[view_at(ov, i)] = v;
}
