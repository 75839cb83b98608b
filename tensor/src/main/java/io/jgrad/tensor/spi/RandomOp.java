package io.jgrad.tensor.spi;

/**
 * Counter-based random fills: element {@code i} of the output depends only on
 * {@code (seed, offset + i)}, so results do not depend on thread count or device.
 * UNIFORM(low, high) draws from [low, high); NORMAL(mean, std).
 */
public enum RandomOp { UNIFORM, NORMAL }
