// random.cu - Philox4x32-10 fills that reproduce the CPU backend's stream exactly (CpuRandom,
// Philox): element i (row-major in the output view) uses key = seed, counter = offset + i.
#include "common.cuh"

// RANDOM: UNIFORM NORMAL
enum { RND_UNIFORM, RND_NORMAL };

__device__ __forceinline__ void philox(unsigned int k0, unsigned int k1, unsigned int c0, unsigned int c1,
                                       unsigned int w[4]) {
  unsigned int c2 = 0, c3 = 0;
#pragma unroll
  for (int r = 0; r < 10; r++) {
    unsigned int hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
    unsigned int hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
    unsigned int n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
    c1 = lo1;
    c3 = lo0;
    c0 = n0;
    c2 = n2;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  w[0] = c0; w[1] = c1; w[2] = c2; w[3] = c3;
}

__device__ __forceinline__ double unit_float(unsigned int w) { return (double)((float)(w >> 8) * 0x1.0p-24f); }
__device__ __forceinline__ double unit_double(unsigned int hi, unsigned int lo) {
  unsigned long long bits = ((unsigned long long)(hi >> 5) << 26) | (lo >> 6);
  return (double)bits * 0x1.0p-53;
}

extern "C" __global__ void random_fill(int op, Lay o, int dt, void* outp, unsigned long long seed,
                                       unsigned long long offset, double a, double b, long long n) {
  GRID_STRIDE(i, n) {
    unsigned long long ctr = offset + (unsigned long long)i;
    unsigned int w[4];
    philox((unsigned int)seed, (unsigned int)(seed >> 32), (unsigned int)ctr, (unsigned int)(ctr >> 32), w);
    bool f32 = dt == DT_F32;
    double v;
    if (op == RND_UNIFORM) {
      v = a + (b - a) * (f32 ? unit_float(w[0]) : unit_double(w[0], w[1]));
      if (b > a) {
        // keep [a, b) half-open after rounding, as the CPU does
        if (f32) { float hi = (float)b; if ((float)v >= hi) v = (double)nextafterf(hi, -(float)INFINITY); }
        else if (v >= b) v = nextafter(b, -(double)INFINITY);
      }
    } else {
      double u1 = f32 ? unit_float(w[0]) : unit_double(w[0], w[1]);
      double u2 = f32 ? unit_float(w[1]) : unit_double(w[2], w[3]);
      double r = sqrt(-2.0 * log(1.0 - u1));
      v = a + b * (r * cos(2.0 * 3.14159265358979323846 * u2));
    }
    st_d(outp, dt, lay_at(o, i), v);
  }
}
