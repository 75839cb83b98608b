package io.jgrad.losses.attack;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;

/**
 * An adversarial attack on a classifier's inputs ({@link Pgd}, {@link Fgsm}): the perturbed
 * batch that raises the model's loss on labels y (or lowers it towards target labels, when
 * targeted). Runs the model in eval mode (its mode is restored), never touches the parameters'
 * {@code grad()}, and returns a tensor without history, of x's shape, dtype and device.
 */
@FunctionalInterface
public interface Attack {
  /** Shape: x [B, ...], y [B] (int64 class indices, or the loss's target) -> [B, ...]. */
  Tensor perturb(Module model, Tensor x, Tensor y);
}
