// im2col, col2im and 2-D pooling on x [N,C,H,W] with any strides (offset + 4 strides per
// operand). The window geometry arrives as an int8 w = (kH, kW, sH, sW, pH, pW, dH, dW).
// Compiled with ClTypes.define("T", dtype); float32 sums run in double where the device has fp64, as
// the CPU backend does, so results match it bit for bit.
#ifdef cl_khr_fp64
#define ACC double
#else
#define ACC float
#endif

// One work-item per element of cols [N, C*kH*kW, oH*oW]; the padding reads as 0.
__kernel void im2col(__global const T* x, int xo, int4 xs, __global T* cols, int co, int4 cs,
                     int C, int H, int W, int OH, int OW, int8 w, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int L = OH * OW, KK = w.s0 * w.s1;
  const int l = i % L, row = (i / L) % (C * KK), n = i / (L * C * KK);
  const int ci = row / KK, ky = (row % KK) / w.s1, kx = row % w.s1;
  const int oy = l / OW, ox = l % OW;
  const int iy = oy * w.s2 - w.s4 + ky * w.s6, ix = ox * w.s3 - w.s5 + kx * w.s7;
  T v = 0;
  if (iy >= 0 && iy < H && ix >= 0 && ix < W) v = x[xo + n * xs.s0 + ci * xs.s1 + iy * xs.s2 + ix * xs.s3];
  cols[co + n * cs.s0 + row * cs.s1 + l * cs.s2] = v;
}

// Adjoint of im2col as a gather: one work-item per input pixel adds, in (ky, kx) order, every
// column entry that im2col read from it. No two work-items write one address and the order is
// the CPU's, so the result is deterministic (and equal to the CPU's) without atomics.
__kernel void col2im(__global const T* cols, int co, int4 cs, __global T* x, int xo, int4 xs,
                     int C, int H, int W, int OH, int OW, int8 w, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int ix = i % W, iy = (i / W) % H, ci = (i / (W * H)) % C, n = i / (W * H * C);
  const int KK = w.s0 * w.s1;
  const int xa = xo + n * xs.s0 + ci * xs.s1 + iy * xs.s2 + ix * xs.s3;
  T acc = x[xa];
  for (int ky = 0; ky < w.s0; ky++) {
    const int ty = iy + w.s4 - ky * w.s6;  // = oy * sH
    if (ty < 0 || ty % w.s2 != 0 || ty / w.s2 >= OH) continue;
    const int oy = ty / w.s2;
    for (int kx = 0; kx < w.s1; kx++) {
      const int tx = ix + w.s5 - kx * w.s7;
      if (tx < 0 || tx % w.s3 != 0 || tx / w.s3 >= OW) continue;
      const int row = ci * KK + ky * w.s1 + kx;
      const T v = cols[co + n * cs.s0 + row * cs.s1 + (oy * OW + tx / w.s3) * cs.s2];
#if T_BOOL
      acc |= v;  // bool adds as a logical or, as on the CPU
#else
      acc += v;
#endif
    }
  }
  x[xa] = acc;
}

#if T_FP
// Max pooling, one work-item per output: the largest value, the first in scan order on ties, a
// NaN wins (the last NaN seen), index = flat h*W+w of the chosen input, as CpuPooling.
__kernel void pool_max(__global const T* x, int xo, int4 xs, __global T* out, int oo, int4 os,
                       __global long* ind, int io, int4 is,
                       int C, int H, int W, int OH, int OW, int8 w, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int ox = i % OW, oy = (i / OW) % OH, ci = (i / (OW * OH)) % C, n = i / (OW * OH * C);
  int y0 = oy * w.s2 - w.s4, x0 = ox * w.s3 - w.s5;
  const int y1 = min(y0 + (w.s0 - 1) * w.s6 + 1, H), x1 = min(x0 + (w.s1 - 1) * w.s7 + 1, W);
  while (y0 < 0) y0 += w.s6;
  while (x0 < 0) x0 += w.s7;
  const int base = xo + n * xs.s0 + ci * xs.s1;
  long best = (long) y0 * W + x0;
  T m = -INFINITY;
  for (int y = y0; y < y1; y += w.s6) {
    for (int xx = x0; xx < x1; xx += w.s7) {
      const T v = x[base + y * xs.s2 + xx * xs.s3];
      if (v > m || isnan(v)) {
        m = v;
        best = (long) y * W + xx;
      }
    }
  }
  out[oo + n * os.s0 + ci * os.s1 + oy * os.s2 + ox * os.s3] = m;
  ind[io + n * is.s0 + ci * is.s1 + oy * is.s2 + ox * is.s3] = best;
}
#endif

#if !T_FP
#define SUM_T long
#else
#define SUM_T ACC
#endif

// Average pooling over the window clipped to the input; the divisor counts the padding when
// includePad != 0, never the part of a ceil-mode window beyond the padding. Integers sum in long
// and truncate.
__kernel void pool_avg(__global const T* x, int xo, int4 xs, __global T* out, int oo, int4 os,
                       int C, int H, int W, int OH, int OW, int8 w, int includePad, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int ox = i % OW, oy = (i / OW) % OH, ci = (i / (OW * OH)) % C, n = i / (OW * OH * C);
  int y0 = oy * w.s2 - w.s4, y1 = min(y0 + w.s0, H + w.s4);
  int x0 = ox * w.s3 - w.s5, x1 = min(x0 + w.s1, W + w.s5);
  const long padded = (long) (y1 - y0) * (x1 - x0);
  y0 = max(y0, 0); y1 = min(y1, H);
  x0 = max(x0, 0); x1 = min(x1, W);
  const int oa = oo + n * os.s0 + ci * os.s1 + oy * os.s2 + ox * os.s3;
  if (y0 >= y1 || x0 >= x1) {
    out[oa] = 0;
    return;
  }
  const int base = xo + n * xs.s0 + ci * xs.s1;
  SUM_T s = 0;
  for (int y = y0; y < y1; y++)
    for (int xx = x0; xx < x1; xx++) s += x[base + y * xs.s2 + xx * xs.s3];
  const long divisor = includePad ? padded : (long) (y1 - y0) * (x1 - x0);
  out[oa] = (T) (s / (SUM_T) divisor);
}

#if T_FP
// PyTorch's adaptive bins: rows floor(i*H/oH) .. ceil((i+1)*H/oH), likewise for columns.
__kernel void pool_adaptive(__global const T* x, int xo, int4 xs, __global T* out, int oo, int4 os,
                            int C, int H, int W, int OH, int OW, int total) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int ox = i % OW, oy = (i / OW) % OH, ci = (i / (OW * OH)) % C, n = i / (OW * OH * C);
  const int y0 = (int) (((long) oy * H) / OH), y1 = (int) (((long) (oy + 1) * H + OH - 1) / OH);
  const int x0 = (int) (((long) ox * W) / OW), x1 = (int) (((long) (ox + 1) * W + OW - 1) / OW);
  const int base = xo + n * xs.s0 + ci * xs.s1;
  ACC s = 0;
  for (int y = y0; y < y1; y++)
    for (int xx = x0; xx < x1; xx++) s += x[base + y * xs.s2 + xx * xs.s3];
  out[oo + n * os.s0 + ci * os.s1 + oy * os.s2 + ox * os.s3] = (T) (s / (y1 - y0) / (x1 - x0));
}
#endif
