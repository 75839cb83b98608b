package io.jgrad.losses.reg;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A penalty on a model's weights: {@code coefficient * sum over the selected tensors of
 * term(W)}. The selection is a {@link ParamSelector} (by default the weights of the Linear and
 * Conv layers). Subclasses with state (power-iteration vectors, a snapshot of the initial
 * weights) override {@link #term(ParamSelector.Selected)}.
 */
public class WeightPenalty implements Regularizer {
  protected final String component;
  protected final double coefficient;
  protected final ParamSelector selector;
  private final UnaryOperator<Tensor> term;

  /** {@code coefficient * sum_l term(W_l)} over {@code selector}'s tensors. */
  public WeightPenalty(String component, double coefficient, ParamSelector selector, UnaryOperator<Tensor> term) {
    if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
      throw new IllegalArgumentException(component + ": the coefficient must be finite and >= 0, got " + coefficient);
    }
    if (selector == null) throw new IllegalArgumentException(component + ": selector is null");
    this.component = component;
    this.coefficient = coefficient;
    this.selector = selector;
    this.term = term;
  }

  /** The penalty's contribution of one selected tensor (before the coefficient). */
  protected Tensor term(ParamSelector.Selected s) { return term.apply(s.tensor()); }

  /** The unweighted sum over the selected tensors of {@code model}. */
  public Tensor value(Module model) {
    List<ParamSelector.Selected> sel = selector.selectNonEmpty(component, model);
    Tensor total = null;
    for (ParamSelector.Selected s : sel) {
      Tensor t = term(s);
      total = total == null ? t : total.add(t);
    }
    return total;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    if (coefficient == 0) return null;
    return value(model).mul(coefficient);
  }

  public double coefficient() { return coefficient; }

  public ParamSelector selector() { return selector; }

  @Override
  public String toString() { return component + "(coefficient=" + coefficient + ", select=" + selector + ")"; }
}
