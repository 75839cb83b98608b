/**
 * Adversarial attacks on a classifier's inputs and robust accuracy: {@link
 * io.jgrad.losses.attack.Pgd} (L-inf and L2, random start, targeted, any loss), {@link
 * io.jgrad.losses.attack.Fgsm} (one step), clamped to a {@link io.jgrad.losses.attack.DataRange},
 * and {@link io.jgrad.losses.attack.RobustAccuracy} (a {@code Metric} of clean and adversarial
 * accuracy). Attacks run the model in eval mode and take gradients with respect to the input only.
 * Checked against a PyTorch re-implementation of torchattacks (tools/golden/gen_robustness.py).
 */
package io.jgrad.losses.attack;
