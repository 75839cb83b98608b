package io.jgrad.nn;

import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;

/**
 * ActNorm with data-dependent initialisation, as CP-Flow's {@code ActNormNoLogdet} (used by
 * {@link LegendreLink}'s input-convex networks): {@code y = (x + b) (exp(logs) + 0.001)} per
 * feature of x [N, C]; on the first forward b and logs are set so that that batch has zero mean
 * and unit variance per feature ({@code b = -mean}, {@code logs = log(1 / (std + 1e-6))}, std the
 * population one). The flag is a buffer, so a loaded state is not initialised again. The last
 * ActNorm of an ICNN keeps its b fixed (a buffer, as the reference's {@code requires_grad_(False)}).
 */
final class IcnnActNorm extends Module {
  private final Tensor b;
  private final Tensor logs;
  private final Tensor initialized;

  IcnnActNorm(int features, boolean trainableShift) {
    Tensor b0 = untracked(() -> Tensor.zeros(defaultDType(), 1, features));
    b = trainableShift ? registerParameter("b", b0) : registerBuffer("b", b0);
    logs = registerParameter("logs", untracked(() -> Tensor.zeros(defaultDType(), 1, features)));
    initialized = registerBuffer("initialized", untracked(() -> Tensor.zeros(defaultDType(), 1)));
  }

  @Override
  public Tensor forward(Tensor x) {
    if (initialized.item() == 0) {
      try (GradMode.Scope off = GradMode.disabled()) {
        Tensor mean = x.detach().mean(new int[] {0}, true);
        Tensor var = x.detach().sub(mean).pow(2).mean(new int[] {0}, true);
        b.copyFrom(mean.neg());
        logs.copyFrom(var.sqrt().add(1e-6).reciprocal().log());
        initialized.fill(1);
      }
    }
    return x.add(b).mul(logs.exp().add(0.001));
  }
}
