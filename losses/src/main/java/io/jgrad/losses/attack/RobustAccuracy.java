package io.jgrad.losses.attack;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clean and adversarial accuracy of a classifier under an attack, accumulated over batches:
 * {@code clean_accuracy} = mean over examples of [argmax model(x) = y], {@code robust_accuracy}
 * = mean of [argmax model(attack(x)) = y]. The clean prediction comes from
 * the output the caller passes (the Trainer's evaluation output), or from {@code model.call(x)}
 * when it is null. The attack runs in eval mode, as does the adversarial forward; the model's
 * mode is restored. Labels: int64 class indices [B]; outputs: logits [B, C].
 */
public final class RobustAccuracy implements Metric {
  private final Module model;
  private final Attack attack;
  private long examples, clean, robust;

  public RobustAccuracy(Module model, Attack attack) {
    if (model == null || attack == null) throw new IllegalArgumentException("robust_accuracy: model and attack must not be null");
    this.model = model;
    this.attack = attack;
  }

  @Override
  public void update(Tensor output, Batch batch) {
    Tensor x = batch.x(), y = batch.y();
    if (y.dtype() != DType.INT64 || y.dim() != 1 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException("robust_accuracy: needs int64 class labels y [B] for x " + Shapes.str(x.shape())
          + ", got " + y.dtype() + " " + Shapes.str(y.shape()));
    }
    Tensor xAdv = attack.perturb(model, x, y);
    boolean wasTraining = model.isTraining();
    model.eval();
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor out = output != null ? output : model.call(x);
      clean += correct(out, y);
      robust += correct(model.call(xAdv), y);
    } finally {
      model.train(wasTraining);
    }
    examples += x.size(0);
  }

  private static long correct(Tensor logits, Tensor y) {
    if (logits.dim() != 2 || logits.size(0) != y.size(0)) {
      throw new IllegalArgumentException("robust_accuracy: needs logits [B, C] for " + y.size(0) + " labels, got "
          + Shapes.str(logits.shape()));
    }
    return (long) logits.argmax(1, false).eq(y).sum().item();
  }

  @Override
  public Map<String, Double> compute() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("clean_accuracy", examples == 0 ? Double.NaN : (double) clean / examples);
    m.put("robust_accuracy", examples == 0 ? Double.NaN : (double) robust / examples);
    return m;
  }

  @Override
  public void reset() {
    examples = 0;
    clean = 0;
    robust = 0;
  }
}
