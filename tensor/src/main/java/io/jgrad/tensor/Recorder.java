package io.jgrad.tensor;

/**
 * The bridge to the autograd module, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.jgrad.tensor.Recorder}). The tensor module calls
 * {@link #record} after each differentiable op whose inputs require grad while
 * {@link GradMode} is on; the op ran with recording paused, so its internal ops are not
 * recorded. Without the autograd module on the class path nothing is recorded and
 * {@link Tensor#requiresGrad(boolean)} explains what to add.
 */
public interface Recorder {
  /**
   * Records one op. {@code inputs} may hold nulls (an absent bias); {@code outputs[0]} is the
   * differentiable result, further outputs are auxiliary (the indices of max/sort/topk).
   * {@code params} are the op's non-tensor arguments in declaration order.
   */
  void record(String op, Tensor[] inputs, Tensor[] outputs, Object[] params);

  /** Runs backward from {@code root}, accumulating into the {@code grad()} of leaves. */
  void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph);
}
