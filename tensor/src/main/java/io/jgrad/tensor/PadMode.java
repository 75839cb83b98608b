package io.jgrad.tensor;

/** How {@link Tensor#pad} fills the border: a constant, a mirror without the edge, or the edge repeated. */
public enum PadMode { CONSTANT, REFLECT, REPLICATE, CIRCULAR }
