package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A function f registered on a module's parameter with {@link Parametrize#register}: the layer
 * then computes with f(original) while the optimizer updates the original, as
 * {@code torch.nn.utils.parametrize}. A parametrization is a Module, so it can carry its own
 * parameters and buffers (a learned clip value, the bits of a weight); they are saved under
 * {@code parametrizations.<name>.<index>.<key>}.
 *
 * <p>{@link #forward(Tensor)} maps the original to the value. {@link #rightInverse} gives the
 * original(s) for a value: when the parametrization is registered, the layer's current tensor
 * goes through it (the identity by default, as torch). A parametrization whose right inverse
 * returns several tensors (the first of a chain only) stores them as {@code original0},
 * {@code original1}, ... and computes the value with {@link #forward(List)}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.parametrize.register_parametrization.html">register_parametrization</a>
 */
public abstract class Parametrization extends Module {
  /** f(original). Shape: the parametrized tensor's shape. */
  @Override
  public abstract Tensor forward(Tensor original);

  /** f(originals) for a parametrization with several originals; the default needs exactly one. */
  public Tensor forward(List<Tensor> originals) {
    if (originals.size() != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": expected one original, got " + originals.size()
          + " (override forward(List) for several)");
    }
    return forward(originals.get(0));
  }

  /**
   * The original(s) that give {@code value}: called without gradient when the parametrization is
   * registered first on a tensor. The default is the identity (the original is the tensor itself).
   */
  public List<Tensor> rightInverse(Tensor value) { return List.of(value); }

  /** A parameter-free parametrization from a function (e.g. {@code w -> w.tanh()}). */
  public static Parametrization of(String name, UnaryOperator<Tensor> f) {
    if (f == null) throw new IllegalArgumentException("Parametrization.of: function is null");
    return new Parametrization() {
      @Override
      public Tensor forward(Tensor original) { return f.apply(original); }

      @Override
      protected String extraRepr() { return name; }
    };
  }
}
