package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Elementwise {
  private Elementwise() {}

  static Tensor neg(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor abs(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor sign(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor exp(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor expm1(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor log(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor log1p(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor log2(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor sqrt(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor rsqrt(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor reciprocal(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor sin(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor cos(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor tan(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor asin(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor acos(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor atan(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor sinh(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor cosh(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor tanh(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor sigmoid(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor logSigmoid(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor softplus(Tensor x, double beta, double threshold) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor relu(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor leakyRelu(Tensor x, double slope) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor elu(Tensor x, double alpha) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor gelu(Tensor x, boolean tanh) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor silu(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor erf(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor erfc(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor floor(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor ceil(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor round(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor trunc(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor clamp(Tensor x, double min, double max) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor pow(Tensor x, double exponent) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor isnan(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor isinf(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor isfinite(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor nanToNum(Tensor x, double nan, double posinf, double neginf) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor logicalNot(Tensor x) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor binary(BinaryOp op, Tensor a, double b) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor add(Tensor a, Tensor b, double alpha) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor where(Tensor cond, Tensor a, double b) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor inPlace(BinaryOp op, Tensor self, Tensor other) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor inPlace(BinaryOp op, Tensor self, double other) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor addInPlace(Tensor self, Tensor other, double alpha) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor clampInPlace(Tensor self, double min, double max) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor copyFrom(Tensor self, Tensor other) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }

  static Tensor fill(Tensor self, double value) {
    throw new UnsupportedOperationException("Elementwise not implemented yet");
  }
}
