package io.jgrad.tensor.spi;

/**
 * Elementwise functions of two inputs of one dtype (the tensor layer promotes them first).
 * Comparisons and logical ops write BOOL; the others write the inputs' dtype.
 * {@code REMAINDER} follows Python/PyTorch (sign of the divisor); {@code DIV} on integers is
 * never reached (the tensor layer divides in floating point).
 */
public enum BinaryOp {
  ADD, SUB, MUL, DIV, REMAINDER, POW, ATAN2, MAXIMUM, MINIMUM,
  EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR;

  public boolean isComparison() { return ordinal() >= EQ.ordinal(); }
}
