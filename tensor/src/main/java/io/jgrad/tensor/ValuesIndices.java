package io.jgrad.tensor;

/** A (values, indices) pair, as PyTorch's named tuples from max(dim), sort, topk. */
public record ValuesIndices(Tensor values, Tensor indices) {}
