package io.jgrad.tensor;

/** Einstein summation. */
final class Einsum {
  private Einsum() {}

  static Tensor einsum(String equation, Tensor[] operands) {
    throw new UnsupportedOperationException("einsum not implemented yet");
  }
}
