package io.jgrad.losses;

/**
 * How a loss reduces its per-element values, as PyTorch's {@code reduction} argument.
 * NONE keeps them; MEAN averages (a weighted mean where the loss has class weights, as torch);
 * SUM adds them. KL divergence's {@code 'batchmean'} is {@link Losses#klDivBatchMean}.
 */
public enum Reduction {
  NONE, MEAN, SUM
}
