package io.jgrad.tensor;

/** The recorded op that produced a tensor ({@link Tensor#gradFn()}); implemented by the autograd module. */
public interface GradNode {
  /** The op's name, e.g. "matmul". */
  String name();

  /**
   * True when this node's output shares memory with a leaf that requires grad (a view of a
   * parameter, possibly through several views): in-place ops on it are refused, as in PyTorch,
   * since the leaf's values would change behind its back.
   */
  default boolean isViewOfLeaf() { return false; }
}
