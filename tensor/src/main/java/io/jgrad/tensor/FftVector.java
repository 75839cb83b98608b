package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of the radix-2, 3, 4 and 5 stages of {@link FftButterflies}: the same
 * arithmetic (no fused multiply-add, so results are bit-identical to the scalar stage), run
 * across {@code q}, the stride loop, which is contiguous in every array. Used for stages whose
 * stride s is at least one vector; the tail {@code q >= loopBound(s)} runs the scalar butterfly.
 */
final class FftVector {
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;

  private FftVector() {}

  static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    int bound = D.loopBound(s), lanes = D.length();
    for (int p = 0; p < m; p++) {
      double w1r = twr[3 * p], w1i = twi[3 * p], w2r = twr[3 * p + 1], w2i = twi[3 * p + 1];
      double w3r = twr[3 * p + 2], w3i = twi[3 * p + 2];
      int i0 = s * p, i1 = i0 + s * m, i2 = i1 + s * m, i3 = i2 + s * m;
      int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
      for (int q = 0; q < bound; q += lanes) {
        DoubleVector a0r = DoubleVector.fromArray(D, xr, i0 + q), a0i = DoubleVector.fromArray(D, xi, i0 + q);
        DoubleVector a1r = DoubleVector.fromArray(D, xr, i1 + q), a1i = DoubleVector.fromArray(D, xi, i1 + q);
        DoubleVector a2r = DoubleVector.fromArray(D, xr, i2 + q), a2i = DoubleVector.fromArray(D, xi, i2 + q);
        DoubleVector a3r = DoubleVector.fromArray(D, xr, i3 + q), a3i = DoubleVector.fromArray(D, xi, i3 + q);
        DoubleVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
        DoubleVector t2r = a1r.add(a3r), t2i = a1i.add(a3i), t3r = a1r.sub(a3r), t3i = a1i.sub(a3i);
        t0r.add(t2r).intoArray(yr, o0 + q);
        t0i.add(t2i).intoArray(yi, o0 + q);
        twiddle(t1r.add(t3i), t1i.sub(t3r), w1r, w1i, yr, yi, o1 + q);
        twiddle(t0r.sub(t2r), t0i.sub(t2i), w2r, w2i, yr, yi, o2 + q);
        twiddle(t1r.sub(t3i), t1i.add(t3r), w3r, w3i, yr, yi, o3 + q);
      }
      for (int q = bound; q < s; q++) {
        FftButterflies.bfly4(xr, xi, yr, yi, i0 + q, i1 + q, i2 + q, i3 + q, o0 + q, o1 + q, o2 + q, o3 + q,
            w1r, w1i, w2r, w2i, w3r, w3i);
      }
    }
  }

  static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    int bound = D.loopBound(s), lanes = D.length();
    for (int p = 0; p < m; p++) {
      double wr = twr[p], wi = twi[p];
      int i0 = s * p, i1 = s * (p + m), o0 = s * 2 * p, o1 = o0 + s;
      for (int q = 0; q < bound; q += lanes) {
        DoubleVector ar = DoubleVector.fromArray(D, xr, i0 + q), ai = DoubleVector.fromArray(D, xi, i0 + q);
        DoubleVector br = DoubleVector.fromArray(D, xr, i1 + q), bi = DoubleVector.fromArray(D, xi, i1 + q);
        ar.add(br).intoArray(yr, o0 + q);
        ai.add(bi).intoArray(yi, o0 + q);
        twiddle(ar.sub(br), ai.sub(bi), wr, wi, yr, yi, o1 + q);
      }
      for (int q = bound; q < s; q++) FftButterflies.bfly2(xr, xi, yr, yi, i0 + q, i1 + q, o0 + q, o1 + q, wr, wi);
    }
  }

  static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    int bound = D.loopBound(s), lanes = D.length();
    double s3 = FftButterflies.S3;
    for (int p = 0; p < m; p++) {
      double w1r = twr[2 * p], w1i = twi[2 * p], w2r = twr[2 * p + 1], w2i = twi[2 * p + 1];
      int i0 = s * p, i1 = s * (p + m), i2 = s * (p + 2 * m), o0 = s * 3 * p, o1 = o0 + s, o2 = o1 + s;
      for (int q = 0; q < bound; q += lanes) {
        DoubleVector a0r = DoubleVector.fromArray(D, xr, i0 + q), a0i = DoubleVector.fromArray(D, xi, i0 + q);
        DoubleVector a1r = DoubleVector.fromArray(D, xr, i1 + q), a1i = DoubleVector.fromArray(D, xi, i1 + q);
        DoubleVector a2r = DoubleVector.fromArray(D, xr, i2 + q), a2i = DoubleVector.fromArray(D, xi, i2 + q);
        DoubleVector tr = a1r.add(a2r), ti = a1i.add(a2i), dr = a1r.sub(a2r), di = a1i.sub(a2i);
        a0r.add(tr).intoArray(yr, o0 + q);
        a0i.add(ti).intoArray(yi, o0 + q);
        DoubleVector mr = a0r.sub(tr.mul(0.5)), mi = a0i.sub(ti.mul(0.5));
        DoubleVector sdr = dr.mul(s3), sdi = di.mul(s3);
        twiddle(mr.add(sdi), mi.sub(sdr), w1r, w1i, yr, yi, o1 + q);
        twiddle(mr.sub(sdi), mi.add(sdr), w2r, w2i, yr, yi, o2 + q);
      }
      for (int q = bound; q < s; q++) FftButterflies.bfly3(xr, xi, yr, yi, i0 + q, i1 + q, i2 + q, o0 + q, s, w1r, w1i, w2r, w2i);
    }
  }

  static void radix5(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] twr, double[] twi) {
    int bound = D.loopBound(s), lanes = D.length(), sm = s * m;
    double c1 = FftButterflies.C51, c2 = FftButterflies.C52, s1 = FftButterflies.S51, s2 = FftButterflies.S52;
    for (int p = 0; p < m; p++) {
      int t = 4 * p, i0 = s * p, o0 = s * 5 * p;
      for (int q = 0; q < bound; q += lanes) {
        int i = i0 + q;
        DoubleVector a0r = DoubleVector.fromArray(D, xr, i), a0i = DoubleVector.fromArray(D, xi, i);
        DoubleVector a1r = DoubleVector.fromArray(D, xr, i + sm), a1i = DoubleVector.fromArray(D, xi, i + sm);
        DoubleVector a2r = DoubleVector.fromArray(D, xr, i + 2 * sm), a2i = DoubleVector.fromArray(D, xi, i + 2 * sm);
        DoubleVector a3r = DoubleVector.fromArray(D, xr, i + 3 * sm), a3i = DoubleVector.fromArray(D, xi, i + 3 * sm);
        DoubleVector a4r = DoubleVector.fromArray(D, xr, i + 4 * sm), a4i = DoubleVector.fromArray(D, xi, i + 4 * sm);
        DoubleVector t1r = a1r.add(a4r), t1i = a1i.add(a4i), t2r = a2r.add(a3r), t2i = a2i.add(a3i);
        DoubleVector t3r = a1r.sub(a4r), t3i = a1i.sub(a4i), t4r = a2r.sub(a3r), t4i = a2i.sub(a3i);
        int o = o0 + q;
        a0r.add(t1r).add(t2r).intoArray(yr, o);
        a0i.add(t1i).add(t2i).intoArray(yi, o);
        DoubleVector m1r = a0r.add(t1r.mul(c1)).add(t2r.mul(c2)), m1i = a0i.add(t1i.mul(c1)).add(t2i.mul(c2));
        DoubleVector m2r = a0r.add(t1r.mul(c2)).add(t2r.mul(c1)), m2i = a0i.add(t1i.mul(c2)).add(t2i.mul(c1));
        DoubleVector n1r = t3r.mul(s1).add(t4r.mul(s2)), n1i = t3i.mul(s1).add(t4i.mul(s2));
        DoubleVector n2r = t3r.mul(s2).sub(t4r.mul(s1)), n2i = t3i.mul(s2).sub(t4i.mul(s1));
        twiddle(m1r.add(n1i), m1i.sub(n1r), twr[t], twi[t], yr, yi, o + s);
        twiddle(m2r.add(n2i), m2i.sub(n2r), twr[t + 1], twi[t + 1], yr, yi, o + 2 * s);
        twiddle(m2r.sub(n2i), m2i.add(n2r), twr[t + 2], twi[t + 2], yr, yi, o + 3 * s);
        twiddle(m1r.sub(n1i), m1i.add(n1r), twr[t + 3], twi[t + 3], yr, yi, o + 4 * s);
      }
      for (int q = bound; q < s; q++) FftButterflies.bfly5(xr, xi, yr, yi, i0 + q, sm, o0 + q, s, twr, twi, t);
    }
  }

  /** y[o] = b * w, written as the scalar stage writes it: (br wr - bi wi, br wi + bi wr). */
  private static void twiddle(DoubleVector br, DoubleVector bi, double wr, double wi, double[] yr, double[] yi, int o) {
    br.mul(wr).sub(bi.mul(wi)).intoArray(yr, o);
    br.mul(wi).add(bi.mul(wr)).intoArray(yi, o);
  }
}
