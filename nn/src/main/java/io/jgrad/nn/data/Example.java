package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;

/** One item of a {@link Dataset}: its features and its integer class label. */
public record Example(Tensor features, long label) {}
