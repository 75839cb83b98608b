package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Straight-through estimators (Bengio, Leonard and Courville 2013, "Estimating or propagating
 * gradients through stochastic neurons for conditional computation"): a non-differentiable
 * forward (round, sign, clamp) whose backward passes the gradient through as if it were the
 * identity, or the identity clipped to a range (the "hardtanh" estimator of Hubara et al. 2016,
 * "Binarized Neural Networks": d/dx = 1{|x| &lt;= 1}). Each is one custom node
 * ({@link Autograd#function}); the backward is linear in the incoming gradient, so its own
 * gradient (double backward) is well defined: identity again in the gradient, zero in x.
 * Shape: any -> the same.
 *
 * <p>The same gradients come from the detach trick {@code x.add(f(x).sub(x).detach())}, which
 * records three nodes and computes x + (f(x) - x), equal to f(x) only up to rounding.
 */
public final class StraightThrough {
  private StraightThrough() {}

  /** round(x) (half to even, as torch.round) forward; gradient g (identity). */
  public static Tensor round(Tensor x) { return identity("ste_round", x, Tensor::round); }

  /** sign(x) forward (sign(0) = 0, as torch.sign); gradient g (identity). */
  public static Tensor sign(Tensor x) { return identity("ste_sign", x, Tensor::sign); }

  /** sign(x) forward; gradient g * 1{|x| &lt;= 1} (the hardtanh estimator of binarized networks). */
  public static Tensor signClipped(Tensor x) { return clipped("ste_sign_clipped", x, Tensor::sign, -1, 1); }

  /** clamp(x, min, max) forward; gradient g everywhere, also outside [min, max] (identity). */
  public static Tensor clamp(Tensor x, double min, double max) {
    checkRange("clamp", min, max);
    return identity("ste_clamp", x, t -> t.clamp(min, max));
  }

  /** round(clamp(x, min, max)) forward (a quantizer's integer grid); gradient g * 1{min &lt;= x &lt;= max}. */
  public static Tensor roundClipped(Tensor x, double min, double max) {
    checkRange("roundClipped", min, max);
    return clipped("ste_round_clipped", x, t -> t.clamp(min, max).round(), min, max);
  }

  /**
   * Any elementwise {@code forward} with the identity gradient. {@code forward} must keep x's
   * shape; it runs with recording paused.
   */
  public static Tensor identity(String name, Tensor x, UnaryOperator<Tensor> forward) {
    return Autograd.function(name, List.of(x), in -> sameShape(name, x, forward.apply(in.get(0))),
        (ctx, g) -> new Tensor[] {g});
  }

  /** Any elementwise {@code forward} with the gradient g * 1{min &lt;= x &lt;= max}. */
  public static Tensor clipped(String name, Tensor x, UnaryOperator<Tensor> forward, double min, double max) {
    checkRange(name, min, max);
    return Autograd.function(name, List.of(x), in -> sameShape(name, x, forward.apply(in.get(0))), (ctx, g) -> {
      Tensor in = ctx.input(0).detach();
      Tensor inside = in.ge(min).logicalAnd(in.le(max));
      return new Tensor[] {g.mul(inside.to(g.dtype()))};
    });
  }

  private static Tensor sameShape(String name, Tensor x, Tensor y) {
    if (!java.util.Arrays.equals(x.shape(), y.shape())) {
      throw new IllegalArgumentException(name + ": the forward must keep the input's shape "
          + java.util.Arrays.toString(x.shape()) + ", got " + java.util.Arrays.toString(y.shape()));
    }
    return y;
  }

  private static void checkRange(String name, double min, double max) {
    if (!(min <= max)) throw new IllegalArgumentException(name + ": min must be <= max, got min=" + min + ", max=" + max);
  }
}
