package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the two-input elementwise ops (and their scalar forms, which record one
 * input). Each gradient is computed at the broadcast output shape and summed back to its
 * input's shape with {@link Derivatives#sumToShape}; the engine casts it to the input's dtype
 * (a float64 0-dim operand of a float32 op gets a float64 gradient).
 *
 * <p>Conventions (PyTorch 1.13): maximum/minimum split the gradient in half between equal
 * operands; pow(a, b) gives d/da = 0 where b == 0 and d/db = 0 where a == 0 and b &gt;= 0;
 * remainder(a, b) = a - b floor(a / b) gives d/da = g and d/db = -g floor(a / b); where's
 * condition gets no gradient.
 */
final class BinaryDerivatives {
  private BinaryDerivatives() {}

  /** Gradient of input i at the output's (broadcast) shape, or null when not needed. */
  @FunctionalInterface
  private interface Part {
    Tensor apply(Ctx ctx, Tensor g);
  }

  /** Registers op with one Part per recorded input (null = that input never gets a gradient). */
  private static void put(Map<String, Derivative> m, String op, Part... parts) {
    m.put(op, (ctx, g) -> {
      Tensor[] r = new Tensor[ctx.inputCount()];
      for (int i = 0; i < r.length; i++) {
        if (i < parts.length && parts[i] != null && ctx.needsGrad(i)) {
          r[i] = Derivatives.sumToShape(parts[i].apply(ctx, g), ctx.input(i).shape());
        }
      }
      return r;
    });
  }

  private static Tensor a(Ctx c) { return c.input(0); }

  private static Tensor b(Ctx c) { return c.input(1); }

  static void register(Map<String, Derivative> m) {
    // add(a, b, alpha) = a + alpha b; add(Tensor) records alpha = 1.
    put(m, "add", (c, g) -> g, (c, g) -> c.doubleParam(0) == 1 ? g : g.mul(c.doubleParam(0)));
    put(m, "sub", (c, g) -> g, (c, g) -> g.neg());
    put(m, "addScalar", (c, g) -> g);
    put(m, "subScalar", (c, g) -> g);
    put(m, "mulScalar", (c, g) -> g.mul(c.doubleParam(0)));
    put(m, "divScalar", (c, g) -> g.div(c.doubleParam(0)));
    put(m, "remainderScalar", (c, g) -> g);
    put(m, "mul", (c, g) -> g.mul(b(c)), (c, g) -> g.mul(a(c)));
    // d/db (a / b) = -a / b^2, computed as -(a / b) / b as PyTorch.
    put(m, "div", (c, g) -> g.div(b(c)), (c, g) -> g.mul(a(c).div(b(c)).div(b(c))).neg());
    put(m, "remainder", (c, g) -> g, (c, g) -> g.mul(a(c).div(b(c)).floor()).neg());
    put(m, "atan2", (c, g) -> g.mul(b(c)).div(atan2Denominator(c)),
        (c, g) -> g.mul(a(c)).div(atan2Denominator(c)).neg());
    put(m, "pow", BinaryDerivatives::powBase, BinaryDerivatives::powExponent);
    put(m, "maximum", (c, g) -> selected(g, a(c), b(c), true), (c, g) -> selected(g, b(c), a(c), true));
    put(m, "minimum", (c, g) -> selected(g, a(c), b(c), false), (c, g) -> selected(g, b(c), a(c), false));
    // where(cond, a, b): inputs [cond, a, b]; cond is boolean and gets none.
    put(m, "where", null, (c, g) -> Tensor.where(c.input(0), g, 0.0),
        (c, g) -> Tensor.where(c.input(0).logicalNot(), g, 0.0));
    put(m, "whereScalar", null, (c, g) -> Tensor.where(c.input(0), g, 0.0));
  }

  private static Tensor atan2Denominator(Ctx c) {
    return a(c).mul(a(c)).add(b(c).mul(b(c)));
  }

  /** d/da a^b = b a^(b-1), 0 where b == 0 (so that 0^0 has no 0 * inf). */
  private static Tensor powBase(Ctx c, Tensor g) {
    Tensor a = a(c), b = b(c);
    Tensor d = g.mul(b.mul(a.pow(b.sub(1.0))));
    return Tensor.where(b.ne(0.0), d, 0.0);
  }

  /** d/db a^b = a^b log(a), 0 where a == 0 and b &gt;= 0 (the limit; log(0) would give NaN). */
  private static Tensor powExponent(Ctx c, Tensor g) {
    Tensor a = a(c), b = b(c);
    Tensor d = g.mul(c.output(0).mul(a.log()));
    return Tensor.where(a.eq(0.0).logicalAnd(b.ge(0.0)).logicalNot(), d, 0.0);
  }

  /**
   * The share of the gradient that x gets in max(x, y) (or min): all of it where x wins, half
   * where x == y, none where y wins. With a NaN neither wins, so both get all of it (as PyTorch).
   */
  private static Tensor selected(Tensor g, Tensor x, Tensor y, boolean max) {
    Tensor loses = max ? x.lt(y) : x.gt(y);
    Tensor half = Tensor.where(x.eq(y), g.mul(0.5), g);
    return Tensor.where(loses.logicalNot(), half, 0.0);
  }
}
