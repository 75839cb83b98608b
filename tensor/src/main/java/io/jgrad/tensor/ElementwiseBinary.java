package io.jgrad.tensor;

import io.jgrad.tensor.spi.BinaryOp;
import java.util.Locale;

/**
 * Binary ops and where at the tensor level: PyTorch's type promotion ({@link Promotion}),
 * broadcasting ({@link Shapes#broadcast}, inputs expanded to stride-0 views), casts, output
 * allocation, then one backend call. Java double scalars become 0-dim tensors: an integral
 * value ranks as an integer scalar, any other (fractional, NaN, infinite) as a float scalar,
 * so {@code intTensor.mul(2)} stays integral while {@code intTensor.mul(2.5)} is float32.
 *
 * <p>Shape: the broadcast of the operands' shapes (for where, of cond, a and b).
 * Conventions: true division; remainder takes the divisor's sign (integer remainder by zero is
 * an error, as torch's ZeroDivisionError); maximum/minimum propagate NaN; 1^y = 1 for any y;
 * integer pow with a negative exponent tensor gives 1 / +-1 / 0 as torch; integers wrap.
 */
final class ElementwiseBinary {
  private ElementwiseBinary() {}

  /** PyTorch-style op name for messages: ADD -> add, LOGICAL_AND -> logicalAnd. */
  static String name(BinaryOp op) {
    String[] parts = op.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder s = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    return s.toString();
  }

  /**
   * True when a Java scalar counts as a floating-point number for promotion: fractional, NaN,
   * infinite, or too large for a long (it could only have come from a float literal).
   */
  static boolean isFloating(double v) { return v != Math.rint(v) || Math.abs(v) >= 0x1p63; }

  /** A 0-dim tensor holding a Java scalar, typed as PyTorch would wrap it next to {@code like}. */
  static Tensor wrapScalar(Tensor like, double v) {
    return Creation.full(new int[0], v, Promotion.resultType(like, isFloating(v)), like.device());
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    checkDevices(name(op), a, b);
    checkDtypes(op, a.dtype(), b.dtype());
    return compute(op, a, b, Promotion.resultType(a, b));
  }

  static Tensor binary(BinaryOp op, Tensor a, double b) {
    try (Tensor s = wrapScalar(a, b)) {
      return binary(op, a, s);
    }
  }

  /** The dtype the kernel computes in when the inputs promote to {@code common}. */
  static DType computeType(BinaryOp op, DType common) {
    return op == BinaryOp.DIV || op == BinaryOp.ATAN2 ? Promotion.floatingOf(common) : common;
  }

  /** Output dtype of op on inputs promoting to {@code common}. */
  static DType resultType(BinaryOp op, DType common) {
    return op.isComparison() ? DType.BOOL : computeType(op, common);
  }

  /** a op b, both cast to {@code computeType(op, common)}; shapes broadcast. */
  static Tensor compute(BinaryOp op, Tensor a, Tensor b, DType common) {
    int[] shape = Shapes.broadcast(name(op), a.shape(), b.shape());
    Tensor out = Creation.emptyOn(a, resultType(op, common), shape);
    runInto(op, a, b, computeType(op, common), out);
    return out;
  }

  /** Runs the kernel into {@code out} (whose shape is the broadcast shape) with inputs cast to {@code t}. */
  static void runInto(BinaryOp op, Tensor a, Tensor b, DType t, Tensor out) {
    int[] shape = out.shape();
    try (Tensor ac = a.to(t); Tensor bc = b.to(t); Tensor ae = ac.expand(shape); Tensor be = bc.expand(shape)) {
      a.backend().binary(op, ae.layout(), be.layout(), out.layout());
    }
  }

  /** PyTorch's refusals that promotion alone does not express. */
  static void checkDtypes(BinaryOp op, DType a, DType b) {
    if (op == BinaryOp.SUB && (a.isBool() || b.isBool())) {
      throw new IllegalArgumentException("sub: subtraction, the `-` operator, with a bool tensor is not supported "
          + "(got " + a + " and " + b + "); use logicalXor or logicalNot instead");
    }
    if ((op == BinaryOp.POW || op == BinaryOp.REMAINDER) && DType.promote(a, b).isBool()) {
      throw new IllegalArgumentException(name(op) + ": not implemented for bool tensors (got " + a + " and " + b + ")");
    }
  }

  static void checkDevices(String op, Tensor a, Tensor b) {
    Devices.requireSame(op, a, b);
  }

  /** this + alpha * other; alpha must be integral when the result is. */
  static Tensor add(Tensor a, Tensor b, double alpha) {
    if (alpha == 1) return binary(BinaryOp.ADD, a, b);
    checkDevices("add", a, b);
    DType common = Promotion.resultType(a, b);
    try (Tensor scaled = scaled("add", b, alpha, common)) {
      return compute(BinaryOp.ADD, a, scaled, common);
    }
  }

  /** alpha * b in dtype {@code common}; checks alpha like torch's add. */
  static Tensor scaled(String op, Tensor b, double alpha, DType common) {
    if (!common.isFloatingPoint() && isFloating(alpha)) {
      throw new IllegalArgumentException(op + ": for integral input tensors, argument alpha must not be a floating "
          + "point number, got alpha=" + alpha + " with result type " + common);
    }
    try (Tensor s = Creation.full(new int[0], alpha, common, b.device())) {
      return compute(BinaryOp.MUL, b, s, common);
    }
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    checkDevices("where", a, b);
    return where(cond, a, b, Promotion.resultType(a, b));
  }

  static Tensor where(Tensor cond, Tensor a, double b) {
    try (Tensor s = wrapScalar(a, b)) {
      return where(cond, a, s, Promotion.resultType(a, isFloating(b)));
    }
  }

  private static Tensor where(Tensor cond, Tensor a, Tensor b, DType t) {
    checkDevices("where", cond, a);
    if (cond.dtype() != DType.BOOL) {
      throw new IllegalArgumentException("where: expected condition to be a boolean tensor, but got a tensor with dtype "
          + cond.dtype());
    }
    int[] shape = Shapes.broadcast("where", cond.shape(), Shapes.broadcast("where", a.shape(), b.shape()));
    Tensor out = Creation.emptyOn(a, t, shape);
    try (Tensor ac = a.to(t); Tensor bc = b.to(t); Tensor ce = cond.expand(shape);
         Tensor ae = ac.expand(shape); Tensor be = bc.expand(shape)) {
      a.backend().where(ce.layout(), ae.layout(), be.layout(), out.layout());
    }
    return out;
  }
}
