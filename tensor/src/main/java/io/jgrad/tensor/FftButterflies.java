package io.jgrad.tensor;

/**
 * One Stockham stage per radix (see {@link FftPlan}): reads x, writes y. For p &lt; m, q &lt; s,
 * inputs {@code a_j = x[q + s(p + jm)]}, outputs {@code y[q + s(rp + k)] = w^{pk} b_k} with
 * {@code b_k = sum_j a_j e^{-2 pi i jk/r}} and the stage twiddle {@code w^{pk}} stored at
 * {@code tw[p(r-1) + k-1]}. Forward sign; the inverse conjugates around the forward transform.
 * These scalar stages are the reference for {@link FftVector}'s twins.
 */
final class FftButterflies {
  static final double S3 = Math.sqrt(3) / 2;
  static final double C51 = Math.cos(2 * Math.PI / 5), C52 = Math.cos(4 * Math.PI / 5);
  static final double S51 = Math.sin(2 * Math.PI / 5), S52 = Math.sin(4 * Math.PI / 5);

  private FftButterflies() {}

  static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    for (int p = 0; p < m; p++) {
      int i0 = s * p, i1 = s * (p + m), o0 = s * 2 * p, o1 = o0 + s;
      for (int q = 0; q < s; q++) bfly2(xr, xi, yr, yi, i0 + q, i1 + q, o0 + q, o1 + q, twr[p], twi[p]);
    }
  }

  /** One radix-2 butterfly: y[o0] = a + b, y[o1] = (a - b) w. */
  static void bfly2(double[] xr, double[] xi, double[] yr, double[] yi, int i0, int i1, int o0, int o1, double wr,
                    double wi) {
    double ar = xr[i0], ai = xi[i0], br = xr[i1], bi = xi[i1];
    yr[o0] = ar + br;
    yi[o0] = ai + bi;
    double dr = ar - br, di = ai - bi;
    yr[o1] = dr * wr - di * wi;
    yi[o1] = dr * wi + di * wr;
  }

  static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    for (int p = 0; p < m; p++) {
      int i0 = s * p, i1 = s * (p + m), i2 = s * (p + 2 * m), o0 = s * 3 * p;
      for (int q = 0; q < s; q++) {
        bfly3(xr, xi, yr, yi, i0 + q, i1 + q, i2 + q, o0 + q, s, twr[2 * p], twi[2 * p], twr[2 * p + 1], twi[2 * p + 1]);
      }
    }
  }

  /** One radix-3 butterfly, outputs at o, o + s, o + 2s. */
  static void bfly3(double[] xr, double[] xi, double[] yr, double[] yi, int i0, int i1, int i2, int o, int s,
                    double w1r, double w1i, double w2r, double w2i) {
    double a0r = xr[i0], a0i = xi[i0];
    double tr = xr[i1] + xr[i2], ti = xi[i1] + xi[i2];
    double dr = xr[i1] - xr[i2], di = xi[i1] - xi[i2];
    yr[o] = a0r + tr;
    yi[o] = a0i + ti;
    double mr = a0r - 0.5 * tr, mi = a0i - 0.5 * ti;
    store(yr, yi, o + s, mr + S3 * di, mi - S3 * dr, w1r, w1i);
    store(yr, yi, o + 2 * s, mr - S3 * di, mi + S3 * dr, w2r, w2i);
  }

  static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    for (int p = 0; p < m; p++) {
      int i0 = s * p, i1 = i0 + s * m, i2 = i1 + s * m, i3 = i2 + s * m;
      int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
      for (int q = 0; q < s; q++) {
        bfly4(xr, xi, yr, yi, i0 + q, i1 + q, i2 + q, i3 + q, o0 + q, o1 + q, o2 + q, o3 + q,
            twr[3 * p], twi[3 * p], twr[3 * p + 1], twi[3 * p + 1], twr[3 * p + 2], twi[3 * p + 2]);
      }
    }
  }

  /** One radix-4 butterfly (w_4 = -i) with its three output twiddles. */
  static void bfly4(double[] xr, double[] xi, double[] yr, double[] yi, int i0, int i1, int i2, int i3, int o0, int o1,
                    int o2, int o3, double w1r, double w1i, double w2r, double w2i, double w3r, double w3i) {
    double a0r = xr[i0], a0i = xi[i0], a1r = xr[i1], a1i = xi[i1];
    double a2r = xr[i2], a2i = xi[i2], a3r = xr[i3], a3i = xi[i3];
    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
    yr[o0] = t0r + t2r;
    yi[o0] = t0i + t2i;
    store(yr, yi, o1, t1r + t3i, t1i - t3r, w1r, w1i);
    store(yr, yi, o2, t0r - t2r, t0i - t2i, w2r, w2i);
    store(yr, yi, o3, t1r - t3i, t1i + t3r, w3r, w3i);
  }

  static void radix5(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    for (int p = 0; p < m; p++) {
      int i0 = s * p, o0 = s * 5 * p;
      for (int q = 0; q < s; q++) bfly5(xr, xi, yr, yi, i0 + q, s * m, o0 + q, s, twr, twi, 4 * p);
    }
  }

  /** One radix-5 butterfly: inputs at i + j*sm, outputs at o + k*s, twiddles tw[t .. t+3]. */
  static void bfly5(double[] xr, double[] xi, double[] yr, double[] yi, int i, int sm, int o, int s, double[] twr,
                    double[] twi, int t) {
    int i1 = i + sm, i2 = i1 + sm, i3 = i2 + sm, i4 = i3 + sm;
    double a0r = xr[i], a0i = xi[i];
    double t1r = xr[i1] + xr[i4], t1i = xi[i1] + xi[i4], t2r = xr[i2] + xr[i3], t2i = xi[i2] + xi[i3];
    double t3r = xr[i1] - xr[i4], t3i = xi[i1] - xi[i4], t4r = xr[i2] - xr[i3], t4i = xi[i2] - xi[i3];
    yr[o] = a0r + t1r + t2r;
    yi[o] = a0i + t1i + t2i;
    double m1r = a0r + C51 * t1r + C52 * t2r, m1i = a0i + C51 * t1i + C52 * t2i;
    double m2r = a0r + C52 * t1r + C51 * t2r, m2i = a0i + C52 * t1i + C51 * t2i;
    double n1r = S51 * t3r + S52 * t4r, n1i = S51 * t3i + S52 * t4i;
    double n2r = S52 * t3r - S51 * t4r, n2i = S52 * t3i - S51 * t4i;
    store(yr, yi, o + s, m1r + n1i, m1i - n1r, twr[t], twi[t]);
    store(yr, yi, o + 2 * s, m2r + n2i, m2i - n2r, twr[t + 1], twi[t + 1]);
    store(yr, yi, o + 3 * s, m2r - n2i, m2i + n2r, twr[t + 2], twi[t + 2]);
    store(yr, yi, o + 4 * s, m1r - n1i, m1i + n1r, twr[t + 3], twi[t + 3]);
  }

  private static void store(double[] yr, double[] yi, int o, double br, double bi, double wr, double wi) {
    yr[o] = br * wr - bi * wi;
    yi[o] = br * wi + bi * wr;
  }

  /** Any radix r: b_k = sum_j a_j root[jk mod r], O(r^2) per group. */
  static void generic(double[] xr, double[] xi, double[] yr, double[] yi, int r, int m, int s, double[] twr,
                      double[] twi, double[] rr, double[] ri) {
    double[] ar = new double[r], ai = new double[r];
    for (int p = 0; p < m; p++) {
      for (int q = 0; q < s; q++) {
        for (int j = 0; j < r; j++) {
          ar[j] = xr[q + s * (p + j * m)];
          ai[j] = xi[q + s * (p + j * m)];
        }
        for (int k = 0; k < r; k++) {
          double br = 0, bi = 0;
          for (int j = 0, jk = 0; j < r; j++, jk = (jk + k) % r) {
            br += ar[j] * rr[jk] - ai[j] * ri[jk];
            bi += ar[j] * ri[jk] + ai[j] * rr[jk];
          }
          int o = q + s * (r * p + k);
          if (k == 0) {
            yr[o] = br;
            yi[o] = bi;
          } else {
            store(yr, yi, o, br, bi, twr[p * (r - 1) + k - 1], twi[p * (r - 1) + k - 1]);
          }
        }
      }
    }
  }
}
