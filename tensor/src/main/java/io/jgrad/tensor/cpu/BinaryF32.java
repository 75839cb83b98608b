package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.BinaryOp;
import java.util.function.DoubleBinaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the arithmetic binary ops on FLOAT32 rows: both operands contiguous
 * ({@code vv}), or one of them broadcast along the row (stride 0: {@code vs} = vector op
 * scalar, {@code sv} = scalar op vector), which is how a bias add or a scalar multiply arrives.
 * One loop per op and variant; tails run {@link BinaryScalar}, whose double arithmetic rounds
 * to the same float as the float lanes (add, sub, mul, div, max, min are exactly rounded either
 * way). pow and atan2 have no vector form here: the Vector API's POW/ATAN2 operators give
 * different last bits compiled (SVML) and interpreted, so they run the scalar {@code Math} path. BinaryF64 is the same for FLOAT64.
 */
final class BinaryF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length();

  private BinaryF32() {}

  // Kernels sit behind tables indexed by op: the megamorphic call keeps C2 from inlining every
  // hot loop into one dispatcher, whose inlining budget then ran out (see UnaryF32.KERNELS).

  @FunctionalInterface
  interface VV {
    int run(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n);
  }

  private static final VV[] VV_KERNELS = vvKernels();

  private static VV[] vvKernels() {
    VV[] t = new VV[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (a, ao, b, bo, o, oo, n) -> addVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (a, ao, b, bo, o, oo, n) -> subVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (a, ao, b, bo, o, oo, n) -> mulVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (a, ao, b, bo, o, oo, n) -> divVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (a, ao, b, bo, o, oo, n) -> maxVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (a, ao, b, bo, o, oo, n) -> minVV(a, ao, b, bo, o, oo, n);
    return t;
  }

  /** o = a op b over n contiguous elements; false when op has no vector kernel. */
  static boolean vv(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n, DoubleBinaryOperator f) {
    VV k = VV_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(a, ao, b, bo, o, oo, n);
    for (; i < n; i++) o[oo + i] = (float) f.applyAsDouble(a[ao + i], b[bo + i]);
    return true;
  }

  @FunctionalInterface
  interface VS {
    int run(float[] a, int ao, float s, float[] o, int oo, int n);
  }

  private static final VS[] VS_KERNELS = vsKernels();

  private static VS[] vsKernels() {
    VS[] t = new VS[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (a, ao, s, o, oo, n) -> addVS(a, ao, s, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (a, ao, s, o, oo, n) -> addVS(a, ao, -s, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (a, ao, s, o, oo, n) -> mulVS(a, ao, s, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (a, ao, s, o, oo, n) -> divVS(a, ao, s, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (a, ao, s, o, oo, n) -> maxVS(a, ao, s, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (a, ao, s, o, oo, n) -> minVS(a, ao, s, o, oo, n);
    return t;
  }

  /** o = a op s over n contiguous elements of a. */
  static boolean vs(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n, DoubleBinaryOperator f) {
    VS k = VS_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(a, ao, s, o, oo, n);
    for (; i < n; i++) o[oo + i] = (float) f.applyAsDouble(a[ao + i], s);
    return true;
  }

  @FunctionalInterface
  interface SV {
    int run(float s, float[] b, int bo, float[] o, int oo, int n);
  }

  private static final SV[] SV_KERNELS = svKernels();

  private static SV[] svKernels() {
    SV[] t = new SV[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (s, b, bo, o, oo, n) -> addVS(b, bo, s, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (s, b, bo, o, oo, n) -> subSV(s, b, bo, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (s, b, bo, o, oo, n) -> mulVS(b, bo, s, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (s, b, bo, o, oo, n) -> divSV(s, b, bo, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (s, b, bo, o, oo, n) -> maxVS(b, bo, s, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (s, b, bo, o, oo, n) -> minVS(b, bo, s, o, oo, n);
    return t;
  }

  /** o = s op b over n contiguous elements of b. */
  static boolean sv(BinaryOp op, float s, float[] b, int bo, float[] o, int oo, int n, DoubleBinaryOperator f) {
    SV k = SV_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(s, b, bo, o, oo, n);
    for (; i < n; i++) o[oo + i] = (float) f.applyAsDouble(s, b[bo + i]);
    return true;
  }


  private static int addVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int subVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int mulVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int maxVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int minVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }


  private static int addVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).add(sv).intoArray(o, oo + i);
    return i;
  }

  private static int mulVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).mul(sv).intoArray(o, oo + i);
    return i;
  }

  private static int divVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).div(sv).intoArray(o, oo + i);
    return i;
  }

  private static int maxVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).max(sv).intoArray(o, oo + i);
    return i;
  }

  private static int minVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) FloatVector.fromArray(S, a, ao + i).min(sv).intoArray(o, oo + i);
    return i;
  }

  private static int subSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }
}
