package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, expm1, log and log1p over float32 arrays, written with IEEE operations only (add, mul,
 * fma, div, compare, blend, integer bit operations), so an element gets the same bits whether C2
 * compiled the loop or the Vector API's Java fallback ran it, and whatever its position: the
 * last partial vector runs through the same loop on a pad. The Vector API's own EXP, LOG, ...
 * operators call SVML when compiled and {@code Math} per lane before, which differ in the last
 * ulp: the first steps of a training run then differed from later, identical runs.
 *
 * <p>Methods: the argument reductions of Cody and Waite ("Software Manual for the Elementary
 * Functions", 1980): {@code exp(x) = 2^n e^r}, {@code r = x - n ln2} with ln 2 split into an
 * exact high part and a low part; {@code log(x) = k ln2 + log(m)}, m in [sqrt(1/2), sqrt(2)). The
 * polynomials: exp from Cephes expf.c (S. L. Moshier), log from FreeBSD msun e_logf.c (after
 * Sun's FDLIBM e_log.c: log(1+f) = f - f^2/2 + s (f^2/2 + R(s^2)), s = f/(2+f)), expm1(r) by its
 * Taylor series to r^10/10!; log1p(x) = log(u) + (x - (u - 1)) / u, u = 1 + x rounded (u - 1 is
 * exact). Largest errors over VectorMathTest's sweeps, in ulps of the exact value: exp 1.003,
 * expm1 0.97, log 0.83, log1p 1.44 (float64: within 1 ulp of StrictMath for all four). Special values
 * follow {@code Math}: NaN propagates, exp(+-inf) = inf/0, log(0) = -inf, log(x < 0) = NaN,
 * subnormal inputs and results are handled.
 *
 * <p>Why whole arrays and not vector-to-vector helpers: a vector passed to or returned from a
 * method C2 does not inline is allocated, and C2 refuses to inline a hot method over 325
 * bytecodes or once the caller's compilation has grown past its node budget (the Vector API's
 * own methods are exempt). These functions take arrays, so whether or not C2 inlines them no
 * vector crosses a call; kernels that combine them with other arithmetic run in passes over an
 * L1-sized chunk ({@link ThreadScratch#CHUNK}). KernelAllocationTest checks every user.
 */
final class VectorMathF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length();
  /** 1.5 * 2^23: adding it rounds a float below 2^22 to an integer held in the low mantissa bits. */
  private static final float MAGIC = 12582912f;
  private static final int MAGIC_BITS = 0x4B400000;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
  /** FreeBSD e_logf.c: ln 2 split so that k * LOG_LN2_HI is exact. */
  private static final float LOG_LN2_HI = 6.9313812256e-01f, LOG_LN2_LO = 9.0580006145e-06f;
  private static final float LG1 = 0.66666662693f, LG2 = 0.40000972152f, LG3 = 0.28498786688f, LG4 = 0.24279078841f;
  private static final float P0 = 1.9875691500E-4f, P1 = 1.3981999507E-3f, P2 = 8.3334519073E-3f;
  private static final float P3 = 4.1665795894E-2f, P4 = 1.6666665459E-1f, P5 = 5.0000001201E-1f;
  // Constants as vectors: a broadcast per use would be one more method call in the loop.
  private static final FloatVector V_LN2_HI = v(-LN2_HI), V_LN2_LO = v(-LN2_LO);
  private static final FloatVector P2V = v(P2), P3V = v(P3), P4V = v(P4), P5V = v(P5);
  private static final FloatVector E2 = v(1 / 2f), E3 = v(1 / 6f), E4 = v(1 / 24f), E5 = v(1 / 120f), E6 = v(1 / 720f);
  private static final FloatVector E7 = v(1 / 5040f), E8 = v(1 / 40320f);
  private static final FloatVector LG1V = v(LG1), LG2V = v(LG2), M1 = v(-1f);

  private VectorMathF32() {}

  private static FloatVector v(float c) { return FloatVector.broadcast(S, c); }

  /** The last n - i (fewer than L) elements: through the vector loop on a zero-padded copy. */
  private static float[] pad(float[] x, int xo, int rest) {
    float[] p = ThreadScratch.mathPadF32();
    System.arraycopy(x, xo, p, 0, rest);
    Arrays.fill(p, rest, L, 0f);
    return p;
  }

  /** o[oo + i] = e^x[xo + i] for i < n; x and o may be the same range. x is clamped to [-104, 89] first. */
  static void exp(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xc = FloatVector.fromArray(S, x, xo + i).max(-104f).min(89f);
      FloatVector t = xc.fma(LOG2E, MAGIC);
      FloatVector nf = t.sub(MAGIC);
      FloatVector r = nf.fma(V_LN2_HI, xc);
      r = nf.fma(V_LN2_LO, r);
      FloatVector q = r.fma(P0, P1).fma(r, P2V).fma(r, P3V).fma(r, P4V).fma(r, P5V);
      FloatVector e = q.fma(r.mul(r), r).add(1f);
      // 2^n in two factors, so that n down to -150 (subnormal results) and up to 128 work
      IntVector ni = t.reinterpretAsInts().sub(MAGIC_BITS);
      IntVector n1 = ni.lanewise(ASHR, 1);
      FloatVector s1 = n1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector s2 = ni.sub(n1).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      e.mul(s1).mul(s2).intoArray(o, oo + i);
    }
    if (i < n) {
      float[] p = pad(x, xo + i, n - i);
      exp(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = e^x - 1, accurate near 0 (|x| below 2^-25 gives x itself, keeping -0). */
  static void expm1(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i), xc = xv.max(-30f).min(89f);
      // n = x / ln2 rounded to nearest, except 0 where that would be 1 (x in (ln2/2, ln2)): there
      // r < 0 and 2p + 1 below would cancel; r = x - n ln2 is then in [-ln2/2, ln2)
      FloatVector y = xc.mul(LOG2E), nf = y.add(MAGIC).sub(MAGIC);
      nf = nf.blend(0f, y.compare(GT, 0f).and(y.compare(LT, 1f)));
      FloatVector t = nf.add(MAGIC);
      FloatVector r = nf.fma(V_LN2_HI, xc);
      r = nf.fma(V_LN2_LO, r);
      // expm1(r) = r + r^2 (1/2 + r/6 + ... + r^8/10!), |r| < ln2
      FloatVector q = r.fma(1 / 3628800f, 1 / 362880f).fma(r, E8).fma(r, E7).fma(r, E6).fma(r, E5).fma(r, E4)
          .fma(r, E3).fma(r, E2);
      FloatVector p = q.fma(r.mul(r), r);
      IntVector ni = t.reinterpretAsInts().sub(MAGIC_BITS);
      // n <= 24: 2^n - 1 is exact, and expm1(x) = p 2^n + (2^n - 1) rounds once
      FloatVector s = ni.min(24).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector small = p.fma(s, s.sub(1f));
      // n > 24: 1 + p as hi + lo (lo exact), then hi 2^n + (lo 2^n - 1), rounding once more only
      // far below the result's ulp; 2^n in two factors, so n = 128 (x above 88.0) works too
      FloatVector hi = p.add(1f), lo = p.sub(hi.sub(1f));
      IntVector n1 = ni.lanewise(ASHR, 1);
      FloatVector s1 = n1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector s2 = ni.sub(n1).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector big = hi.mul(s1).fma(s2, lo.mul(s1).fma(s2, M1));
      small.blend(big, nf.compare(GT, 24f)).blend(xv, xv.abs().compare(LT, 0x1p-25f)).intoArray(o, oo + i);
    }
    if (i < n) {
      float[] p = pad(x, xo + i, n - i);
      expm1(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = log(x). */
  static void log(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      // subnormal (and zero or negative) lanes: scaled by 2^25, the exponent corrected below
      VectorMask<Float> tiny = xv.compare(LT, Float.MIN_NORMAL);
      IntVector ix = xv.blend(xv.mul(0x1p25f), tiny).reinterpretAsInts();
      IntVector mant = ix.and(0x007fffff);
      // j = 2^23 when the mantissa is at least sqrt(2): then m = mantissa / 2 and k + 1
      IntVector j = mant.add(0x4afb20).and(0x800000);
      FloatVector m = mant.or(j.lanewise(XOR, 0x3f800000)).reinterpretAsFloats();
      // k = biased exponent - 127 as a float, through the rounding constant
      IntVector e = ix.lanewise(LSHR, 23).add(j.lanewise(LSHR, 23));
      FloatVector k = e.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC + 127f);
      k = k.blend(k.sub(25f), tiny);
      FloatVector f = m.sub(1f);
      FloatVector s = f.div(f.add(2f));
      FloatVector z = s.mul(s);
      FloatVector rr = z.fma(LG4, LG3).fma(z, LG2V).fma(z, LG1V).mul(z);
      FloatVector hfsq = f.mul(f).mul(0.5f);
      FloatVector inner = s.fma(hfsq.add(rr), k.mul(LOG_LN2_LO));
      FloatVector r = k.mul(LOG_LN2_HI).sub(hfsq.sub(inner).sub(f));
      r = r.blend(Float.NEGATIVE_INFINITY, xv.compare(EQ, 0f));
      r = r.blend(Float.NaN, xv.compare(LT, 0f));
      r.blend(xv, xv.compare(EQ, Float.POSITIVE_INFINITY).or(xv.compare(NE, xv))).intoArray(o, oo + i);
    }
    if (i < n) {
      float[] p = pad(x, xo + i, n - i);
      log(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }

  /** o = log(1 + x), accurate near 0. */
  static void log1p(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i), u = xv.add(1f);
      // log(u), as in log()
      VectorMask<Float> tiny = u.compare(LT, Float.MIN_NORMAL);
      IntVector ix = u.blend(u.mul(0x1p25f), tiny).reinterpretAsInts();
      IntVector mant = ix.and(0x007fffff);
      IntVector j = mant.add(0x4afb20).and(0x800000);
      FloatVector m = mant.or(j.lanewise(XOR, 0x3f800000)).reinterpretAsFloats();
      IntVector e = ix.lanewise(LSHR, 23).add(j.lanewise(LSHR, 23));
      FloatVector k = e.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC + 127f);
      k = k.blend(k.sub(25f), tiny);
      FloatVector f = m.sub(1f);
      FloatVector s = f.div(f.add(2f));
      FloatVector z = s.mul(s);
      FloatVector rr = z.fma(LG4, LG3).fma(z, LG2V).fma(z, LG1V).mul(z);
      FloatVector hfsq = f.mul(f).mul(0.5f);
      FloatVector inner = s.fma(hfsq.add(rr), k.mul(LOG_LN2_LO));
      FloatVector r = k.mul(LOG_LN2_HI).sub(hfsq.sub(inner).sub(f));
      // plus the rounding correction of u; then the special cases
      r = r.add(xv.sub(u.sub(1f)).div(u));
      r = r.blend(Float.NaN, u.compare(LT, 0f).or(u.compare(NE, u)));
      r = r.blend(xv, u.compare(EQ, 1f).or(xv.compare(EQ, Float.POSITIVE_INFINITY)));
      r.blend(Float.NEGATIVE_INFINITY, u.compare(EQ, 0f)).intoArray(o, oo + i);
    }
    if (i < n) {
      float[] p = pad(x, xo + i, n - i);
      log1p(p, 0, p, L, L);
      System.arraycopy(p, L, o, oo + i, n - i);
    }
  }
}
