package io.jgrad.losses.curvature;

import io.jgrad.autograd.Autograd;
import io.jgrad.nn.Module;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The gradient of each example's loss with respect to the model's parameters: for each b,
 * grad_theta loss(model(x[b:b+1]), y[b:b+1]). Computed by a LOOP over the examples (one
 * forward and one backward per example, as the reference loop in torch's per-sample-gradient
 * tutorial), so it costs B small passes; there is no vmap or expanded-weights trick. The model
 * runs in its current mode: a BatchNorm in training mode would normalise over one example, so
 * use eval mode for such models. No parameter's {@code grad()} is touched.
 * Shape: x [B, ...], y [B, ...] -> {@link #matrix()} [B, numel] (parameters in
 * {@code namedParameters()} order, each flattened), {@link #byParameter()} name -> [B, *shape].
 */
public final class PerSampleGradients {
  private final LinkedHashMap<String, Tensor> byParameter;
  private final Tensor matrix;

  private PerSampleGradients(LinkedHashMap<String, Tensor> byParameter, Tensor matrix) {
    this.byParameter = byParameter;
    this.matrix = matrix;
  }

  /**
   * Per-example gradients of {@code lossFn(model.call(x_b), y_b)}, x_b and y_b the example's
   * slices with a batch dimension of 1 (so a mean-reduced loss is that example's loss).
   */
  public static PerSampleGradients compute(Module model, BiFunction<Tensor, Tensor, Tensor> lossFn, Tensor x, Tensor y) {
    if (model == null || lossFn == null || x == null || y == null) {
      throw new IllegalArgumentException("per_sample_gradients: model, lossFn, x and y must not be null");
    }
    if (x.dim() < 1 || y.dim() < 1 || x.size(0) != y.size(0) || x.size(0) == 0) {
      throw new IllegalArgumentException("per_sample_gradients: x " + Shapes.str(x.shape()) + " and y " + Shapes.str(y.shape())
          + " must have the same, non-zero batch size");
    }
    LinkedHashMap<String, Tensor> named = model.namedParameters();
    if (named.isEmpty()) throw new IllegalArgumentException("per_sample_gradients: the model has no parameters");
    List<Tensor> params = new ArrayList<>(named.values());
    int b = x.size(0);
    List<List<Tensor>> rows = new ArrayList<>(); // per parameter, per example
    for (int i = 0; i < params.size(); i++) rows.add(new ArrayList<>(b));
    List<Tensor> flat = new ArrayList<>(b);
    try (GradMode.Scope on = GradMode.enabled()) {
      for (int k = 0; k < b; k++) {
        Tensor loss = lossFn.apply(model.call(x.narrow(0, k, 1)), y.narrow(0, k, 1));
        if (loss == null || loss.numel() != 1) {
          throw new IllegalArgumentException("per_sample_gradients: the loss must be a scalar, got "
              + (loss == null ? "null" : Shapes.str(loss.shape())));
        }
        List<Tensor> gs = loss.requiresGrad() ? Autograd.grad(List.of(loss), params, null, false, false, true) : null;
        List<Tensor> pieces = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
          Tensor g = gs == null || gs.get(i) == null ? Tensor.zerosLike(params.get(i)) : gs.get(i);
          rows.get(i).add(g);
          pieces.add(g.reshape(-1));
        }
        flat.add(Tensor.cat(pieces, 0));
      }
    }
    LinkedHashMap<String, Tensor> by = new LinkedHashMap<>();
    int i = 0;
    for (String name : named.keySet()) by.put(name, Tensor.stack(rows.get(i++), 0));
    return new PerSampleGradients(by, Tensor.stack(flat, 0));
  }

  /** [B, numel]: row b is example b's gradient, parameters flattened and concatenated in order. */
  public Tensor matrix() { return matrix; }

  /** Parameter name -> [B, *shape]. */
  public Map<String, Tensor> byParameter() { return new LinkedHashMap<>(byParameter); }
}
