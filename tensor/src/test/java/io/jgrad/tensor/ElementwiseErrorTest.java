package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each refusal of the elementwise family, with its message, and that inputs stay untouched. */
class ElementwiseErrorTest {
  static void assertMessage(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "message '" + ex.getMessage() + "' lacks '" + p + "'");
  }

  static final Tensor BOOLS = Tensor.of(true, false, true);
  static final Tensor LONGS = Tensor.of(1L, 2L, -3L);

  @Test
  void broadcastMismatchNamesOpAndShapes() {
    assertMessage(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add", "[2, 3]", "[4]");
    assertMessage(() -> Tensor.zeros(3).lt(Tensor.zeros(2)), "lt", "[3]", "[2]");
    assertMessage(() -> Tensor.where(Tensor.of(true, false), Tensor.zeros(3), Tensor.zeros(3)), "where", "[2]", "[3]");
  }

  @Test
  void boolRefusals() {
    assertMessage(BOOLS::neg, "neg", "bool");
    assertMessage(BOOLS::abs, "abs", "bool");
    assertMessage(BOOLS::floor, "floor", "bool");
    assertMessage(BOOLS::relu, "relu", "boolean");
    assertMessage(() -> BOOLS.sub(BOOLS), "sub", "bool");
    assertMessage(() -> LONGS.sub(BOOLS), "sub", "bool");
    assertMessage(() -> BOOLS.sub(1), "sub", "bool");
    assertMessage(() -> BOOLS.pow(BOOLS), "pow", "bool");
    assertMessage(() -> BOOLS.remainder(BOOLS), "remainder", "bool");
  }

  @Test
  void activationsNeedFloatingInputs() {
    assertMessage(() -> LONGS.leakyRelu(0.1), "leakyRelu", "int64");
    assertMessage(() -> LONGS.elu(1), "elu", "int64");
    assertMessage(LONGS::gelu, "gelu", "int64");
    assertMessage(LONGS::silu, "silu");
    assertMessage(LONGS::softplus, "softplus");
    assertMessage(LONGS::logSigmoid, "logSigmoid");
  }

  @Test
  void integerArithmeticErrors() {
    assertMessage(() -> LONGS.pow(-1), "pow", "negative");
    assertMessage(() -> LONGS.remainder(Tensor.of(1L, 0L, 2L)), "remainder", "ZeroDivisionError");
    assertMessage(() -> LONGS.remainder(0), "remainder", "ZeroDivisionError");
    assertMessage(() -> LONGS.add(LONGS, 2.5), "add", "alpha", "2.5");
    assertMessage(() -> LONGS.copy().addInPlace(LONGS, 0.5), "addInPlace", "alpha");
  }

  @Test
  void clampNeedsABound() {
    assertMessage(() -> Tensor.zeros(3).clamp(Double.NaN, Double.NaN), "clamp", "at least one");
  }

  @Test
  void whereNeedsBoolCondition() {
    assertMessage(() -> Tensor.where(LONGS, LONGS, LONGS), "where", "boolean", "int64");
  }

  @Test
  void inPlaceCastRule() {
    assertMessage(() -> LONGS.copy().addInPlace(1.5), "addInPlace", "float32", "int64");
    assertMessage(() -> LONGS.copy().mulInPlace(Tensor.of(1f, 2f, 3f)), "mulInPlace", "float32", "int64");
    assertMessage(() -> LONGS.copy().divInPlace(2), "divInPlace", "float32", "int64");
    assertMessage(() -> LONGS.copy().clampInPlace(0.5, 1), "clampInPlace", "float32", "int64");
    assertMessage(() -> BOOLS.copy().addInPlace(1), "addInPlace", "int64", "bool");
    assertMessage(() -> Tensor.of(1, 2, 3).addInPlace(Tensor.of(1.0, 2.0, 3.0)), "float64", "int32");
  }

  @Test
  void inPlaceCannotGrowSelf() {
    assertMessage(() -> Tensor.zeros(3).addInPlace(Tensor.zeros(2, 3)), "addInPlace", "[3]", "[2, 3]");
    assertMessage(() -> Tensor.zeros(3).copyFrom(Tensor.zeros(2, 3)), "copyFrom", "[3]", "[2, 3]");
    assertMessage(() -> Tensor.zeros(3).addInPlace(Tensor.zeros(1, 3)), "[3]", "[1, 3]");
    assertMessage(() -> Tensor.zeros(3).addInPlace(Tensor.zeros(4)), "addInPlace", "[3]", "[4]");
  }

  @Test
  void inPlaceOnExpandedSelfIsRefused() {
    Tensor e = Tensor.zeros(1, 3).expand(2, 3);
    assertMessage(() -> e.addInPlace(1), "addInPlace", "single memory location", "[2, 3]");
    assertMessage(() -> e.copyFrom(Tensor.ones(2, 3)), "copyFrom", "single memory location");
    assertMessage(() -> e.clampInPlace(0, 1), "clampInPlace", "single memory location");
  }

  @Test
  void failedOpsLeaveInputsUnchanged() {
    Tensor x = Tensor.of(1L, 2L, 3L);
    assertThrows(IllegalArgumentException.class, () -> x.addInPlace(1.5));
    assertThrows(IllegalArgumentException.class, () -> x.remainder(Tensor.of(1L, 0L, 1L)));
    assertArrayEquals(new long[] {1, 2, 3}, x.toLongArray());
  }

  @Test
  void outOfPlaceOpsDoNotModifyInputs() {
    Tensor a = Tensor.of(1f, -2f, 3f), b = Tensor.of(0.5f, 0.5f, 0.5f);
    a.add(b);
    a.exp();
    a.clamp(0, 1);
    Tensor.where(Tensor.of(true, false, true), a, b);
    assertArrayEquals(new float[] {1, -2, 3}, a.toFloatArray());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, b.toFloatArray());
  }
}
