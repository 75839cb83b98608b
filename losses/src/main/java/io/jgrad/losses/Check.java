package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/** Shared argument checks and the final reduction of the loss families. */
final class Check {
  private Check() {}

  static Tensor reduce(Tensor loss, Reduction reduction) {
    return switch (reduction) {
      case NONE -> loss;
      case SUM -> loss.sum();
      case MEAN -> loss.mean();
    };
  }

  static void notNull(String op, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) throw new IllegalArgumentException(op + ": " + pairs[i] + " is null");
    }
  }

  static void floating(String op, String what, Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": " + what + " must be floating point, got " + t.dtype());
    }
  }

  static void sameShape(String op, Tensor a, String an, Tensor b, String bn) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(op + ": " + an + " " + Arrays.toString(a.shape()) + " and " + bn + " "
          + Arrays.toString(b.shape()) + " have different shapes");
    }
  }

  static void integral(String op, String what, Tensor t) {
    if (t.dtype() != DType.INT64 && t.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": " + what + " must be INT64 class indices, got " + t.dtype());
    }
  }

  static String shape(Tensor t) { return Arrays.toString(t.shape()); }
}
