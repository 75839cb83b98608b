package io.jgrad.losses;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * EnsLoss as an objective, catalog id {@code ensloss}: each call draws fresh standard normals from
 * its generator and returns {@link SurrogateLosses#ensLossSurrogate} for the batch, so every
 * mini-batch back-propagates a new random convex, calibrated loss-derivative (the "doubly
 * stochastic gradient" of paper 42). Binary: the model outputs one score per sample ([B] or
 * [B, 1]), the batch's targets are 0/1. The returned value is a surrogate, not a loss value.
 */
public final class EnsLoss implements Objective {
  private final double lambda;
  private final Generator g;

  public EnsLoss(double lambda, Generator g) {
    ClassTargets.finite("ensloss", "lam", lambda);
    if (g == null) throw new IllegalArgumentException("ensloss: generator is null");
    this.lambda = lambda;
    this.g = g;
  }

  @Override
  public Tensor loss(Tensor output, Batch batch) {
    Tensor normals = Tensor.randn(g, output.dtype(), (int) output.numel()).to(output.device());
    return SurrogateLosses.ensLossSurrogate(output, batch.y(), normals, lambda);
  }
}
