// conv.cu - im2col, its adjoint col2im (gather form: one thread per input element sums the columns
// that read it, so no atomics and a fixed order), and 2-D pooling with the CPU backend's window
// rules (CpuPooling: PyTorch 1.13's bounds, NaN wins max pooling, count_include_pad variants).
#include "common.cuh"

// Ordinals of io.jgrad.tensor.spi.PoolMode.
// POOL: MAX AVG AVG_EXCLUDE_PAD ADAPTIVE_AVG
enum { P_MAX, P_AVG, P_AVG_EXCLUDE_PAD, P_ADAPTIVE_AVG };

struct Win { int kh, kw, sh, sw, ph, pw, dh, dw; };

__device__ __forceinline__ long long at4(const Lay& l, long long a, long long b, long long c, long long d) {
  return l.off + a * l.stride[0] + b * l.stride[1] + c * l.stride[2] + d * l.stride[3];
}
__device__ __forceinline__ long long at3(const Lay& l, long long a, long long b, long long c) {
  return l.off + a * l.stride[0] + b * l.stride[1] + c * l.stride[2];
}

// x [N,C,H,W] (Lay rank 4), cols [N, C*kh*kw, oh*ow] (Lay rank 3).
extern "C" __global__ void im2col_strided(Lay x, Lay cols, Win w, int oh, int ow, int esize, const void* xp,
                                          void* cp, long long n) {
  const int C = x.shape[1], H = x.shape[2], W = x.shape[3], K = cols.shape[1], L = cols.shape[2];
  const long long zero = 0;
  GRID_STRIDE(i, n) {
    int l = (int)(i % L);
    int row = (int)((i / L) % K);
    long long b = i / ((long long)L * K);
    int c = row / (w.kh * w.kw), ky = (row / w.kw) % w.kh, kx = row % w.kw;
    int oy = l / ow, ox = l % ow;
    int iy = oy * w.sh - w.ph + ky * w.dh, ix = ox * w.sw - w.pw + kx * w.dw;
    long long ci = at3(cols, b, row, l);
    if (iy >= 0 && iy < H && ix >= 0 && ix < W && c < C) mv(cp, ci, xp, at4(x, b, c, iy, ix), esize);
    else mv(cp, ci, &zero, 0, esize);
  }
}

// x += col2im(cols); one thread per element of x.
extern "C" __global__ void col2im_gather(Lay cols, Lay x, Win w, int oh, int ow, int dt, const void* cp, void* xp,
                                         long long n) {
  const int C = x.shape[1], H = x.shape[2], W = x.shape[3];
  GRID_STRIDE(i, n) {
    int ix = (int)(i % W), iy = (int)((i / W) % H), c = (int)((i / ((long long)W * H)) % C);
    long long b = i / ((long long)W * H * C);
    double sd = 0;
    long long sl = 0;
    for (int ky = 0; ky < w.kh; ky++) {
      int ty = iy + w.ph - ky * w.dh;
      if (ty < 0 || ty % w.sh != 0 || ty / w.sh >= oh) continue;
      int oy = ty / w.sh;
      for (int kx = 0; kx < w.kw; kx++) {
        int tx = ix + w.pw - kx * w.dw;
        if (tx < 0 || tx % w.sw != 0 || tx / w.sw >= ow) continue;
        int ox = tx / w.sw;
        long long ci = at3(cols, b, (long long)(c * w.kh + ky) * w.kw + kx, (long long)oy * ow + ox);
        if (is_float(dt)) sd += ld_d(cp, dt, ci);
        else sl += ld_l(cp, dt, ci);
      }
    }
    long long xi = at4(x, b, c, iy, ix);
    if (is_float(dt)) st_d(xp, dt, xi, ld_d(xp, dt, xi) + sd);
    else st_l(xp, dt, xi, ld_l(xp, dt, xi) + sl);
  }
}

// One thread per output element of out [N,C,oh,ow]; ip (indices, INT64) may be null.
extern "C" __global__ void pool2d_strided(int mode, Lay x, Lay o, Lay ix, Win g, int dt, const void* xp, void* op,
                                          long long* ip, long long n) {
  const int C = x.shape[1], h = x.shape[2], w = x.shape[3], oh = o.shape[2], ow = o.shape[3];
  GRID_STRIDE(i, n) {
    int ox = (int)(i % ow), oy = (int)((i / ow) % oh), c = (int)((i / ((long long)ow * oh)) % C);
    long long b = i / ((long long)ow * oh * C);
    long long oi = at4(o, b, c, oy, ox);
    if (mode == P_MAX) {
      int y0 = oy * g.sh - g.ph, y1 = min(y0 + (g.kh - 1) * g.dh + 1, h);
      while (y0 < 0) y0 += g.dh;
      int x0 = ox * g.sw - g.pw, x1 = min(x0 + (g.kw - 1) * g.dw + 1, w);
      while (x0 < 0) x0 += g.dw;
      long long best = (long long)y0 * w + x0;
      double m = -INFINITY;
      for (int y = y0; y < y1; y += g.dh)
        for (int xx = x0; xx < x1; xx += g.dw) {
          double v = ld_d(xp, dt, at4(x, b, c, y, xx));
          if (v > m || v != v) { m = v; best = (long long)y * w + xx; }
        }
      st_d(op, dt, oi, m);
      if (ip) ip[at4(ix, b, c, oy, ox)] = best;
    } else if (mode == P_ADAPTIVE_AVG) {
      int y0 = (int)((long long)oy * h / oh), y1 = (int)(((long long)(oy + 1) * h + oh - 1) / oh);
      int x0 = (int)((long long)ox * w / ow), x1 = (int)(((long long)(ox + 1) * w + ow - 1) / ow);
      double s = 0;
      for (int y = y0; y < y1; y++)
        for (int xx = x0; xx < x1; xx++) s += ld_d(xp, dt, at4(x, b, c, y, xx));
      st_d(op, dt, oi, s / (y1 - y0) / (x1 - x0));
    } else {
      int y0 = oy * g.sh - g.ph, y1 = min(y0 + g.kh, h + g.ph);
      int ph = y1 - y0;
      y0 = max(y0, 0);
      y1 = min(y1, h);
      int x0 = ox * g.sw - g.pw, x1 = min(x0 + g.kw, w + g.pw);
      int pw = x1 - x0;
      x0 = max(x0, 0);
      x1 = min(x1, w);
      if (y0 >= y1 || x0 >= x1) {
        if (is_float(dt)) st_d(op, dt, oi, 0.0); else st_l(op, dt, oi, 0);
        continue;
      }
      long long div = mode == P_AVG ? (long long)ph * pw : (long long)(y1 - y0) * (x1 - x0);
      if (is_float(dt)) {
        double s = 0;
        for (int y = y0; y < y1; y++)
          for (int xx = x0; xx < x1; xx++) s += ld_d(xp, dt, at4(x, b, c, y, xx));
        st_d(op, dt, oi, s / div);
      } else {
        long long s = 0;
        for (int y = y0; y < y1; y++)
          for (int xx = x0; xx < x1; xx++) s += ld_l(xp, dt, at4(x, b, c, y, xx));
        st_l(op, dt, oi, s / div);
      }
    }
  }
}
