package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, expm1, log and log1p over float64 arrays with IEEE operations only: the float64 twin of
 * {@link VectorMathF32} (see there for why, and for the shape of the code). The same reductions;
 * exp by its Taylor series to r^13/13! (truncation below 1e-17 for |r| <= ln2/2), expm1 to
 * r^17/17! (|r| < ln2: n is 0 rather than 1 for x in (ln2/2, ln2)), log
 * by FDLIBM's e_log.c polynomial (Lg1..Lg7, error below 2^-58.45 on its interval). The integer
 * steps avoid what AVX2 lacks for 64-bit lanes (arithmetic right shift, long-to-double
 * conversion): halving n and turning an exponent into a double both go through the 1.5 * 2^52
 * rounding constant.
 */
final class VectorMathF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length();
  /** 1.5 * 2^52: adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
  private static final double MAGIC = 6755399441055744.0;
  private static final long MAGIC_BITS = 0x4338000000000000L;
  /** Bits of MAGIC + n, minus this, shifted left by 52: the bits of 2^n. */
  private static final long POW2_BIAS = MAGIC_BITS - 1023;
  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
  private static final double LG1 = 6.666666666666735130e-01, LG2 = 3.999999999940941908e-01;
  private static final double LG3 = 2.857142874366239149e-01, LG4 = 2.222219843214978396e-01;
  private static final double LG5 = 1.818357216161805012e-01, LG6 = 1.531383769920937332e-01;
  private static final double LG7 = 1.479819860511658591e-01;
  private static final DoubleVector V_LN2_HI = v(-LN2_HI), V_LN2_LO = v(-LN2_LO);
  /** 1/k! for k = 2..11 (12 and 13 enter as scalars). */
  private static final DoubleVector F2 = v(1 / 2.0), F3 = v(1 / 6.0), F4 = v(1 / 24.0), F5 = v(1 / 120.0);
  private static final DoubleVector F6 = v(1 / 720.0), F7 = v(1 / 5040.0), F8 = v(1 / 40320.0);
  private static final DoubleVector F9 = v(1 / 362880.0), F10 = v(1 / 3628800.0), F11 = v(1 / 39916800.0);
  private static final double F12 = 1 / 479001600.0, F13 = 1 / 6227020800.0;
  private static final DoubleVector F12V = v(F12), F13V = v(F13), F14 = v(1 / 87178291200.0), F15 = v(1 / 1307674368000.0);
  private static final double F16 = 1 / 20922789888000.0, F17 = 1 / 355687428096000.0;
  private static final DoubleVector M1 = v(-1.0);
  private static final DoubleVector LG1V = v(LG1), LG2V = v(LG2), LG3V = v(LG3), LG4V = v(LG4), LG5V = v(LG5);

  private VectorMathF64() {}

  private static DoubleVector v(double c) { return DoubleVector.broadcast(S, c); }

  private static double[] pad(double[] x, int xo, int rest) {
    double[] p = ThreadScratch.mathPadF64();
    System.arraycopy(x, xo, p, 0, rest);
    Arrays.fill(p, rest, L, 0.0);
    return p;
  }

  /** o[oo + i] = e^x[xo + i] for i < n; x and o may be the same range. x is clamped to [-746, 710] first. */
  static void exp(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xc = DoubleVector.fromArray(S, x, xo + i).max(-746.0).min(710.0);
      DoubleVector t = xc.fma(LOG2E, MAGIC);
      DoubleVector nf = t.sub(MAGIC);
      DoubleVector r = nf.fma(V_LN2_HI, xc);
      r = nf.fma(V_LN2_LO, r);
      // (e^r - 1 - r) / r^2 = 1/2! + r/3! + ... + r^11/13!
      DoubleVector q = r.fma(F13, F12).fma(r, F11).fma(r, F10).fma(r, F9).fma(r, F8).fma(r, F7)
          .fma(r, F6).fma(r, F5).fma(r, F4).fma(r, F3).fma(r, F2);
      DoubleVector e = q.fma(r.mul(r), r).add(1.0);
      // 2^n as 2^n1 2^n2 with n1 = floor(n / 2), the halving rounded through MAGIC as well
      DoubleVector t1 = nf.fma(0.5, -0.25).add(MAGIC);
      DoubleVector t2 = nf.sub(t1.sub(MAGIC)).add(MAGIC);
      DoubleVector s1 = t1.reinterpretAsLongs().sub(POW2_BIAS).lanewise(LSHL, 52).reinterpretAsDoubles();
      DoubleVector s2 = t2.reinterpretAsLongs().sub(POW2_BIAS).lanewise(LSHL, 52).reinterpretAsDoubles();
      e.mul(s1).mul(s2).intoArray(o, oo + i);
    }
    if (i < n) {
      double[] p = pad(x, xo + i, n - i);
      exp(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = e^x - 1, accurate near 0 (|x| below 2^-54 gives x itself, keeping -0). */
  static void expm1(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i), xc = xv.max(-40.0).min(710.0);
      // n = x / ln2 rounded to nearest, except 0 where that would be 1 (x in (ln2/2, ln2)): there
      // r < 0 and 2p + 1 below would cancel; r = x - n ln2 is then in [-ln2/2, ln2)
      DoubleVector y = xc.mul(LOG2E), nf = y.add(MAGIC).sub(MAGIC);
      nf = nf.blend(0.0, y.compare(GT, 0.0).and(y.compare(LT, 1.0)));
      DoubleVector r = nf.fma(V_LN2_HI, xc);
      r = nf.fma(V_LN2_LO, r);
      // expm1(r) = r + r^2 (1/2! + r/3! + ... + r^15/17!) for |r| < ln2
      DoubleVector q = r.fma(F17, F16).fma(r, F15).fma(r, F14).fma(r, F13V).fma(r, F12V).fma(r, F11).fma(r, F10)
          .fma(r, F9).fma(r, F8).fma(r, F7).fma(r, F6).fma(r, F5).fma(r, F4).fma(r, F3).fma(r, F2);
      DoubleVector p = q.fma(r.mul(r), r);
      // n <= 53: 2^n - 1 is exact, and expm1(x) = p 2^n + (2^n - 1) rounds once
      DoubleVector s = nf.min(53.0).add(MAGIC).reinterpretAsLongs().sub(POW2_BIAS).lanewise(LSHL, 52)
          .reinterpretAsDoubles();
      DoubleVector small = p.fma(s, s.sub(1.0));
      // n > 53: 1 + p as hi + lo (lo exact), then hi 2^n + (lo 2^n - 1); 2^n in two factors as in
      // exp, so n = 1024 works too
      DoubleVector hi = p.add(1.0), lo = p.sub(hi.sub(1.0));
      DoubleVector t1 = nf.fma(0.5, -0.25).add(MAGIC);
      DoubleVector t2 = nf.sub(t1.sub(MAGIC)).add(MAGIC);
      DoubleVector s1 = t1.reinterpretAsLongs().sub(POW2_BIAS).lanewise(LSHL, 52).reinterpretAsDoubles();
      DoubleVector s2 = t2.reinterpretAsLongs().sub(POW2_BIAS).lanewise(LSHL, 52).reinterpretAsDoubles();
      DoubleVector big = hi.mul(s1).fma(s2, lo.mul(s1).fma(s2, M1));
      small.blend(big, nf.compare(GT, 53.0)).blend(xv, xv.abs().compare(LT, 0x1p-54)).intoArray(o, oo + i);
    }
    if (i < n) {
      double[] p = pad(x, xo + i, n - i);
      expm1(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = log(x). */
  static void log(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      VectorMask<Double> tiny = xv.compare(LT, Double.MIN_NORMAL);
      LongVector ix = xv.blend(xv.mul(0x1p54), tiny).reinterpretAsLongs();
      LongVector mant = ix.and(0x000fffffffffffffL);
      // j = 2^52 when the mantissa is at least sqrt(2): then m = mantissa / 2 and k + 1
      LongVector j = mant.add(0x95f64L << 32).and(0x0010000000000000L);
      DoubleVector m = mant.or(j.lanewise(XOR, 0x3ff0000000000000L)).reinterpretAsDoubles();
      LongVector e = ix.lanewise(LSHR, 52).add(j.lanewise(LSHR, 52));
      DoubleVector k = e.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC + 1023.0);
      k = k.blend(k.sub(54.0), tiny);
      DoubleVector f = m.sub(1.0);
      DoubleVector s = f.div(f.add(2.0));
      DoubleVector z = s.mul(s);
      DoubleVector rr = z.fma(LG7, LG6).fma(z, LG5V).fma(z, LG4V).fma(z, LG3V).fma(z, LG2V).fma(z, LG1V).mul(z);
      DoubleVector hfsq = f.mul(f).mul(0.5);
      DoubleVector inner = s.fma(hfsq.add(rr), k.mul(LN2_LO));
      DoubleVector r = k.mul(LN2_HI).sub(hfsq.sub(inner).sub(f));
      r = r.blend(Double.NEGATIVE_INFINITY, xv.compare(EQ, 0.0));
      r = r.blend(Double.NaN, xv.compare(LT, 0.0));
      r.blend(xv, xv.compare(EQ, Double.POSITIVE_INFINITY).or(xv.compare(NE, xv))).intoArray(o, oo + i);
    }
    if (i < n) {
      double[] p = pad(x, xo + i, n - i);
      log(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = log(1 + x), accurate near 0. */
  static void log1p(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i), u = xv.add(1.0);
      // log(u), as in log()
      VectorMask<Double> tiny = u.compare(LT, Double.MIN_NORMAL);
      LongVector ix = u.blend(u.mul(0x1p54), tiny).reinterpretAsLongs();
      LongVector mant = ix.and(0x000fffffffffffffL);
      LongVector j = mant.add(0x95f64L << 32).and(0x0010000000000000L);
      DoubleVector m = mant.or(j.lanewise(XOR, 0x3ff0000000000000L)).reinterpretAsDoubles();
      LongVector e = ix.lanewise(LSHR, 52).add(j.lanewise(LSHR, 52));
      DoubleVector k = e.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC + 1023.0);
      k = k.blend(k.sub(54.0), tiny);
      DoubleVector f = m.sub(1.0);
      DoubleVector s = f.div(f.add(2.0));
      DoubleVector z = s.mul(s);
      DoubleVector rr = z.fma(LG7, LG6).fma(z, LG5V).fma(z, LG4V).fma(z, LG3V).fma(z, LG2V).fma(z, LG1V).mul(z);
      DoubleVector hfsq = f.mul(f).mul(0.5);
      DoubleVector inner = s.fma(hfsq.add(rr), k.mul(LN2_LO));
      DoubleVector r = k.mul(LN2_HI).sub(hfsq.sub(inner).sub(f));
      // plus the rounding correction of u; then the special cases
      r = r.add(xv.sub(u.sub(1.0)).div(u));
      r = r.blend(Double.NaN, u.compare(LT, 0.0).or(u.compare(NE, u)));
      r = r.blend(xv, u.compare(EQ, 1.0).or(xv.compare(EQ, Double.POSITIVE_INFINITY)));
      r.blend(Double.NEGATIVE_INFINITY, u.compare(EQ, 0.0)).intoArray(o, oo + i);
    }
    if (i < n) {
      double[] p = pad(x, xo + i, n - i);
      log1p(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }
}
