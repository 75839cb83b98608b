package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/** {@link MultiheadAttention}'s result: the output [L, N, E] (or [N, L, E]) and the attention weights averaged over heads [N, L, S] (null when not asked for). */
public record AttentionOutput(Tensor output, Tensor weights) {}
