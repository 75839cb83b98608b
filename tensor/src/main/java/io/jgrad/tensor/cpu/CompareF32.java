package io.jgrad.tensor.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link Compare}'s float32 comparisons and of {@code where} for float32, for
 * rows whose output and first input are contiguous and whose second input is contiguous or a
 * broadcast scalar (stride 0): the relu/clamp masks of backward passes. The scalar loops stay
 * the oracle ({@code CompareDifferentialTest}).
 *
 * <p>Why this shape: C2 intrinsifies a comparison only when its operator is a constant where
 * it is compiled, and a hot kernel compiled on its own is not inlined into each caller, so
 * passing the operator in ran the boxed fallback (allocating per vector). Instead every row
 * computes the three constant comparisons LT, EQ and GT as lane bit masks ({@code toLong},
 * one movmsk each) and keeps the outcomes the op accepts ({@link Compare#accepted}); bits
 * become 0/1 bytes eight at a time through a 256-entry table. Mask casts between float and
 * byte lanes are avoided: they also fell back on AVX2.
 */
final class CompareF32 {
  private static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, F.length() * 8)));
  private static final int L = F.length();
  /** True when whole vectors map to whole groups of 8 output bytes (always on x86). */
  static final boolean USABLE = L % 8 == 0 && B.length() == L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** SPREAD[b] has byte j = bit j of b. */
  private static final long[] SPREAD = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long v = 0;
      for (int j = 0; j < 8; j++) if ((i >> j & 1) != 0) v |= 1L << (8 * j);
      SPREAD[i] = v;
    }
  }

  private CompareF32() {}

  /**
   * o[oo + i] = op(x[ao + i], y[bo + i*bs]) as 0/1 bytes, bs in {0, 1}; {@code accepted} is the
   * op's outcome set (LT 1, EQ 2, GT 4, unordered 8).
   */
  static void row(int accepted, float[] x, int ao, float[] y, int bo, int bs, byte[] o, int oo, int n) {
    long all = L == 64 ? -1L : (1L << L) - 1;
    long wantLt = (accepted & 1) != 0 ? all : 0, wantEq = (accepted & 2) != 0 ? all : 0;
    long wantGt = (accepted & 4) != 0 ? all : 0, wantNan = (accepted & 8) != 0 ? all : 0;
    FloatVector yb = FloatVector.broadcast(F, y[bo]);
    int i = 0;
    for (int end = F.loopBound(n); i < end; i += L) {
      FloatVector a = FloatVector.fromArray(F, x, ao + i), b = bs == 0 ? yb : FloatVector.fromArray(F, y, bo + i);
      long lt = a.compare(VectorOperators.LT, b).toLong();
      long eq = a.compare(VectorOperators.EQ, b).toLong();
      long gt = b.compare(VectorOperators.LT, a).toLong();
      long bits = (lt & wantLt) | (eq & wantEq) | (gt & wantGt) | (~(lt | eq | gt) & wantNan);
      for (int g = 0; g < L; g += 8) LONGS.set(o, oo + i + g, SPREAD[(int) (bits >>> g) & 0xff]);
    }
    for (; i < n; i++) o[oo + i] = Compare.bit(accepted, Compare.cmp(x[ao + i], y[bo + i * bs]));
  }

  /**
   * o[oo + i] = cond[co + i] != 0 ? x[xo + i*xs] : y[yo + i*ys] with xs, ys in {0, 1}: cond and out
   * contiguous. The condition bytes widen to floats (B2F) and compare with 0 in float lanes.
   */
  static void where(byte[] cond, int co, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] o, int oo, int n) {
    int i = 0;
    FloatVector xb = FloatVector.broadcast(F, x[xo]), yb = FloatVector.broadcast(F, y[yo]);
    for (int end = F.loopBound(n); i < end; i += L) {
      VectorMask<Float> m = ByteVector.fromArray(B, cond, co + i).convertShape(VectorOperators.B2F, F, 0)
          .reinterpretAsFloats().compare(VectorOperators.NE, 0f);
      FloatVector xv = xs == 0 ? xb : FloatVector.fromArray(F, x, xo + i);
      FloatVector yv = ys == 0 ? yb : FloatVector.fromArray(F, y, yo + i);
      yv.blend(xv, m).intoArray(o, oo + i);
    }
    for (; i < n; i++) o[oo + i] = cond[co + i] != 0 ? x[xo + i * xs] : y[yo + i * ys];
  }
}
