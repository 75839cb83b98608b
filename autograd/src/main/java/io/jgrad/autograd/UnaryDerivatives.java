package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the one-input elementwise ops, written with differentiable Tensor ops so that
 * double backward works. Where the derivative is cheaper from the saved output, the output is
 * used (exp, expm1, sqrt, rsqrt, reciprocal, tan, tanh, sigmoid), as PyTorch does.
 *
 * <p>Conventions (PyTorch 1.13): relu'(0) = 0 and abs'(0) = 0; sign, floor, ceil, round and
 * trunc have zero gradient everywhere; clamp passes the gradient for min &lt;= x &lt;= max
 * (bounds inclusive, a NaN bound is absent); sqrt'(0) = log'(0) = +inf; pow(x, 0)' = 0 even at
 * x = 0; leakyRelu'(0) = slope and elu'(0) = alpha (the x &gt; 0 branch is strict); nanToNum passes
 * the gradient only where x is finite; softplus is linear (gradient 1) where beta x &gt; threshold.
 */
final class UnaryDerivatives {
  private static final double LN2 = Math.log(2);
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double SQRT1_2 = Math.sqrt(0.5);
  private static final double GELU_BETA = Math.sqrt(2 / Math.PI);
  private static final double GELU_KAPPA = 0.044715;

  private UnaryDerivatives() {}

  /** f'(x, out) times the incoming gradient, for a one-input op. */
  @FunctionalInterface
  private interface Unary {
    Tensor apply(Ctx ctx, Tensor x, Tensor g);
  }

  private static void put(Map<String, Derivative> m, String op, Unary f) {
    m.put(op, (ctx, g) -> {
      Tensor[] r = new Tensor[ctx.inputCount()];
      if (ctx.needsGrad(0)) r[0] = f.apply(ctx, ctx.input(0), g);
      return r;
    });
  }

  static void register(Map<String, Derivative> m) {
    put(m, "neg", (c, x, g) -> g.neg());
    // sign(0) = 0 gives abs'(0) = 0.
    put(m, "abs", (c, x, g) -> g.mul(x.sign()));
    for (String op : new String[] {"sign", "floor", "ceil", "round", "trunc"}) {
      put(m, op, (c, x, g) -> Tensor.zerosLike(g));
    }
    put(m, "exp", (c, x, g) -> g.mul(c.output(0)));
    put(m, "expm1", (c, x, g) -> g.mul(c.output(0).add(1.0)));
    put(m, "log", (c, x, g) -> g.div(x));
    put(m, "log1p", (c, x, g) -> g.div(x.add(1.0)));
    put(m, "log2", (c, x, g) -> g.div(x.mul(LN2)));
    put(m, "sqrt", (c, x, g) -> g.div(c.output(0).mul(2.0)));
    put(m, "rsqrt", (c, x, g) -> g.mul(c.output(0).pow(3.0)).mul(-0.5));
    put(m, "reciprocal", (c, x, g) -> {
      Tensor out = c.output(0);
      return g.mul(out.mul(out)).neg();
    });
    put(m, "sin", (c, x, g) -> g.mul(x.cos()));
    put(m, "cos", (c, x, g) -> g.mul(x.sin()).neg());
    put(m, "tan", (c, x, g) -> {
      Tensor out = c.output(0);
      return g.mul(out.mul(out).add(1.0));
    });
    put(m, "asin", (c, x, g) -> g.mul(x.mul(x).neg().add(1.0).rsqrt()));
    put(m, "acos", (c, x, g) -> g.mul(x.mul(x).neg().add(1.0).rsqrt()).neg());
    put(m, "atan", (c, x, g) -> g.div(x.mul(x).add(1.0)));
    put(m, "sinh", (c, x, g) -> g.mul(x.cosh()));
    put(m, "cosh", (c, x, g) -> g.mul(x.sinh()));
    put(m, "tanh", (c, x, g) -> {
      Tensor out = c.output(0);
      return g.mul(out.mul(out).neg().add(1.0));
    });
    put(m, "sigmoid", (c, x, g) -> {
      Tensor out = c.output(0);
      return g.mul(out.mul(out.neg().add(1.0)));
    });
    // d/dx log(sigmoid(x)) = 1 - sigmoid(x) = sigmoid(-x).
    put(m, "logSigmoid", (c, x, g) -> g.mul(x.neg().sigmoid()));
    put(m, "softplus", UnaryDerivatives::softplus);
    put(m, "relu", (c, x, g) -> Tensor.where(c.output(0).gt(0.0), g, 0.0));
    put(m, "leakyRelu", (c, x, g) -> Tensor.where(x.gt(0.0), g, g.mul(c.doubleParam(0))));
    put(m, "elu", (c, x, g) -> Tensor.where(x.gt(0.0), g, g.mul(x.exp().mul(c.doubleParam(0)))));
    put(m, "gelu", (c, x, g) -> c.boolParam(0) ? geluTanh(x, g) : geluErf(x, g));
    put(m, "silu", (c, x, g) -> {
      Tensor s = x.sigmoid();
      return g.mul(s.mul(x.mul(s.neg().add(1.0)).add(1.0)));
    });
    put(m, "erf", (c, x, g) -> g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)));
    put(m, "erfc", (c, x, g) -> g.mul(x.mul(x).neg().exp().mul(-TWO_OVER_SQRT_PI)));
    put(m, "clamp", UnaryDerivatives::clamp);
    put(m, "powScalar", UnaryDerivatives::powScalar);
    put(m, "nanToNum", (c, x, g) -> Tensor.where(x.isfinite(), g, 0.0));
  }

  /** g * sigmoid(beta x) where beta x &lt;= threshold, g where the op is linear. */
  private static Tensor softplus(Ctx c, Tensor x, Tensor g) {
    double beta = c.doubleParam(0), threshold = c.doubleParam(1);
    Tensor bx = x.mul(beta);
    return Tensor.where(bx.gt(threshold), g, g.mul(bx.sigmoid()));
  }

  /** gelu(x) = x Phi(x): gelu'(x) = Phi(x) + x phi(x). */
  private static Tensor geluErf(Tensor x, Tensor g) {
    Tensor cdf = x.mul(SQRT1_2).erf().add(1.0).mul(0.5);
    Tensor pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
    return g.mul(cdf.add(x.mul(pdf)));
  }

  /** 0.5 x (1 + tanh(u)), u = beta (x + kappa x^3): PyTorch's gelu_backward with approximate='tanh'. */
  private static Tensor geluTanh(Tensor x, Tensor g) {
    Tensor x2 = x.mul(x);
    Tensor t = x.add(x2.mul(x).mul(GELU_KAPPA)).mul(GELU_BETA).tanh();
    Tensor left = t.add(1.0).mul(0.5);
    Tensor right = x.mul(0.5).mul(t.mul(t).neg().add(1.0)).mul(x2.mul(3 * GELU_KAPPA).add(1.0).mul(GELU_BETA));
    return g.mul(left.add(right));
  }

  /** Gradient passes where min &lt;= x &lt;= max (inclusive, as PyTorch); a NaN bound is absent. */
  private static Tensor clamp(Ctx c, Tensor x, Tensor g) {
    double lo = c.doubleParam(0), hi = c.doubleParam(1);
    Tensor mask = null;
    if (!Double.isNaN(lo)) mask = x.ge(lo);
    if (!Double.isNaN(hi)) mask = mask == null ? x.le(hi) : mask.logicalAnd(x.le(hi));
    return mask == null ? g : Tensor.where(mask, g, 0.0);
  }

  /** p x^(p-1); zero for p = 0 (PyTorch: avoids 0 * inf at x = 0). */
  private static Tensor powScalar(Ctx c, Tensor x, Tensor g) {
    double p = c.doubleParam(0);
    if (p == 0) return Tensor.zerosLike(g);
    return g.mul(x.pow(p - 1).mul(p));
  }
}
