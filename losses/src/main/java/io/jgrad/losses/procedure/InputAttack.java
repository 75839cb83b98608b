package io.jgrad.losses.procedure;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;

/**
 * Makes adversarial inputs for a model: the procedures and regularizers that train on them
 * (AWP, ARoW, AWR, ELLE's single-step adversarial training, the smooth adversarial comp-sum
 * term) take one, so any attack plugs in. The result carries no gradient, and the model's
 * training mode, BatchNorm statistics and parameter gradients are left as they were found.
 */
@FunctionalInterface
public interface InputAttack {
  /** Adversarial inputs for the batch {@code x} with targets {@code y} (y may be unused). */
  Tensor perturb(Module model, Tensor x, Tensor y);
}
