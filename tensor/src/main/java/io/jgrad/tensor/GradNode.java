package io.jgrad.tensor;

/** The recorded op that produced a tensor ({@link Tensor#gradFn()}); implemented by the autograd module. */
public interface GradNode {
  /** The op's name, e.g. "matmul". */
  String name();
}
