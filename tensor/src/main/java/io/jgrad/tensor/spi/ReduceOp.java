package io.jgrad.tensor.spi;

/**
 * Reductions over a set of axes. SUM/PROD/MEAN/MAX/MIN write the input dtype (MEAN only for
 * floating inputs); ALL/ANY write BOOL; MAX/MIN propagate NaN as PyTorch does.
 */
public enum ReduceOp { SUM, PROD, MEAN, MAX, MIN, ALL, ANY }
