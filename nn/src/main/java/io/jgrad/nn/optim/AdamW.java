package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, PyTorch's convention ({@code torch.optim.AdamW}): before the
 * Adam update (without L2 term), {@code p = p * (1 - lr * weightDecay)}.
 *
 * <p>Difference from the paper: "Decoupled Weight Decay Regularization" (Loshchilov &amp; Hutter)
 * decays by {@code eta_t * lambda * p}, where {@code eta_t} is the schedule multiplier and
 * {@code lambda} is independent of the learning rate. PyTorch (and jgrad) multiply the decay by
 * the full learning rate {@code lr} (which already carries any schedule), so
 * {@code weightDecay = lambda / alpha} with alpha the paper's base step size, and changing lr
 * also changes the effective decay.
 *
 * <p>Options: as {@link Adam}, with weightDecay defaulting to 0.01.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.AdamW} (tools/golden/gen_optim.py, golden/optim.json).
 * Paper: "Decoupled Weight Decay Regularization" (shared/papers/titles.txt no. 56).
 */
public final class AdamW extends Adam {
  public AdamW(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults. */
  public AdamW(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the AdamW defaults. */
  public AdamW(double lr, List<ParamGroup> groups) { super("AdamW", groups, defaults(lr, 0.01), true); }
}
