package io.jgrad.cli;

import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.CosineAnnealingLR;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.StepLR;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** {@code --optimizer} and {@code --schedule} of {@code jgrad train}. */
final class Optimizers {
  private Optimizers() {}

  /** A scheduler and whether it steps per batch (true) or per epoch. */
  record Schedule(LrScheduler scheduler, boolean perStep) {}

  static Optimizer build(String name, List<Tensor> params, double lr, double momentum, double weightDecay) {
    return switch (name) {
      case "sgd" -> new SGD(params, lr, Map.of("momentum", momentum, "weightDecay", weightDecay));
      case "adam" -> new Adam(params, lr, Map.of("weightDecay", weightDecay));
      case "adamw" -> new AdamW(params, lr, Map.of("weightDecay", weightDecay));
      default -> throw new IllegalArgumentException("--optimizer must be one of sgd|adam|adamw, got '" + name + "'");
    };
  }

  /** The schedule over {@code epochs} epochs of {@code batches} steps; null for none. */
  static Schedule schedule(String name, Optimizer opt, double lr, int epochs, int batches) {
    return switch (name) {
      case "none" -> null;
      case "step" -> new Schedule(new StepLR(opt, Math.max(1, epochs / 3), 0.1), false);
      case "cosine" -> new Schedule(new CosineAnnealingLR(opt, epochs, 0.0), false);
      case "onecycle" -> new Schedule(new OneCycleLR(opt, lr, epochs * batches), true);
      default -> throw new IllegalArgumentException("--schedule must be one of none|step|cosine|onecycle, got '" + name + "'");
    };
  }
}
