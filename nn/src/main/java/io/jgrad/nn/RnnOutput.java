package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * What {@link LSTM} and {@link GRU} return: the last layer's hidden state at every step
 * ([T, N, H], or [N, T, H] when batchFirst), the final hidden state of every layer [L, N, H], and
 * for LSTM the final cell state [L, N, H] (null for GRU).
 */
public record RnnOutput(Tensor output, Tensor h, Tensor c) {}
