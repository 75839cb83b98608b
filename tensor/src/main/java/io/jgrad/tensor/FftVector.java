package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of the radix-2, 3, 4 and 5 stages of {@link FftButterflies}: the same
 * arithmetic (no fused multiply-add, so results are bit-identical to the scalar stage), run
 * across {@code q}, the stride loop, which is contiguous in every array. Used for stages whose
 * stride s is at least one vector; the tail {@code q >= loopBound(s)} runs the scalar butterfly.
 *
 * <p>Each twiddle product y = b w, written as the scalar stage writes it ((br wr - bi wi,
 * br wi + bi wr)), is spelt out in the loop rather than called: C2 stopped inlining such a
 * helper inside radix5 ("NodeCountInliningCutoff"; C2 always inlines the Vector API's own
 * methods but refuses other callees past that point), and every vector passed to it was then
 * allocated (12 KB per call, KernelAllocationTest).
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
        DoubleVector u1r = t1r.add(t3i), u1i = t1i.sub(t3r);
        u1r.mul(w1r).sub(u1i.mul(w1i)).intoArray(yr, o1 + q);
        u1r.mul(w1i).add(u1i.mul(w1r)).intoArray(yi, o1 + q);
        DoubleVector u2r = t0r.sub(t2r), u2i = t0i.sub(t2i);
        u2r.mul(w2r).sub(u2i.mul(w2i)).intoArray(yr, o2 + q);
        u2r.mul(w2i).add(u2i.mul(w2r)).intoArray(yi, o2 + q);
        DoubleVector u3r = t1r.sub(t3i), u3i = t1i.add(t3r);
        u3r.mul(w3r).sub(u3i.mul(w3i)).intoArray(yr, o3 + q);
        u3r.mul(w3i).add(u3i.mul(w3r)).intoArray(yi, o3 + q);
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
        DoubleVector u4r = ar.sub(br), u4i = ai.sub(bi);
        u4r.mul(wr).sub(u4i.mul(wi)).intoArray(yr, o1 + q);
        u4r.mul(wi).add(u4i.mul(wr)).intoArray(yi, o1 + q);
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
        DoubleVector u5r = mr.add(sdi), u5i = mi.sub(sdr);
        u5r.mul(w1r).sub(u5i.mul(w1i)).intoArray(yr, o1 + q);
        u5r.mul(w1i).add(u5i.mul(w1r)).intoArray(yi, o1 + q);
        DoubleVector u6r = mr.sub(sdi), u6i = mi.add(sdr);
        u6r.mul(w2r).sub(u6i.mul(w2i)).intoArray(yr, o2 + q);
        u6r.mul(w2i).add(u6i.mul(w2r)).intoArray(yi, o2 + q);
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
        DoubleVector u7r = m1r.add(n1i), u7i = m1i.sub(n1r);
        u7r.mul(twr[t]).sub(u7i.mul(twi[t])).intoArray(yr, o + s);
        u7r.mul(twi[t]).add(u7i.mul(twr[t])).intoArray(yi, o + s);
        DoubleVector u8r = m2r.add(n2i), u8i = m2i.sub(n2r);
        u8r.mul(twr[t + 1]).sub(u8i.mul(twi[t + 1])).intoArray(yr, o + 2 * s);
        u8r.mul(twi[t + 1]).add(u8i.mul(twr[t + 1])).intoArray(yi, o + 2 * s);
        DoubleVector u9r = m2r.sub(n2i), u9i = m2i.add(n2r);
        u9r.mul(twr[t + 2]).sub(u9i.mul(twi[t + 2])).intoArray(yr, o + 3 * s);
        u9r.mul(twi[t + 2]).add(u9i.mul(twr[t + 2])).intoArray(yi, o + 3 * s);
        DoubleVector u10r = m1r.sub(n1i), u10i = m1i.add(n1r);
        u10r.mul(twr[t + 3]).sub(u10i.mul(twi[t + 3])).intoArray(yr, o + 4 * s);
        u10r.mul(twi[t + 3]).add(u10i.mul(twr[t + 3])).intoArray(yi, o + 4 * s);
      }
      for (int q = bound; q < s; q++) FftButterflies.bfly5(xr, xi, yr, yi, i0 + q, sm, o0 + q, s, twr, twi, t);
    }
  }
}
