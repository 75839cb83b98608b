package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * What a {@link Derivative} sees of its recorded op: the inputs and outputs as they were at
 * record time (a version check rejects ones modified in place since), and the op's
 * non-tensor parameters in declaration order.
 */
public final class Ctx {
  private final Node node;

  Ctx(Node node) { this.node = node; }

  /** The op's name. */
  public String op() { return node.name(); }

  public int inputCount() { return node.inputCount(); }

  /** Input i (null for an absent optional input such as a null bias). */
  public Tensor input(int i) { return node.savedInput(i); }

  /**
   * Input i's shape at record time, read without the in-place version check: derivatives that
   * need only the shape (views, indexing) use it, so that modifying the input in place after
   * the op stays legal, as in PyTorch ({@code x.view(..).mulInPlace(2)}).
   */
  public int[] inputShape(int i) {
    int[] s = node.inputShape(i);
    return s == null ? null : s.clone();
  }

  /** Input i's dtype at record time, without the version check (see {@link #inputShape}). */
  public io.jgrad.tensor.DType inputDtype(int i) { return node.inputDtype(i); }

  /** Output i: 0 is the differentiable result, 1 the auxiliary indices of max/sort/topk/pooling. */
  public Tensor output(int i) { return node.savedOutput(i); }

  /** True when input i needs a gradient; derivatives may skip the others (return null). */
  public boolean needsGrad(int i) { return node.needsGrad(i); }

  public int paramCount() { return node.params().length; }

  public Object param(int i) { return node.params()[i]; }

  public int intParam(int i) { return ((Number) param(i)).intValue(); }

  public double doubleParam(int i) { return ((Number) param(i)).doubleValue(); }

  public boolean boolParam(int i) { return (Boolean) param(i); }

  public int[] intsParam(int i) { return ((int[]) param(i)).clone(); }

  public <T> T param(int i, Class<T> type) { return type.cast(param(i)); }
}
