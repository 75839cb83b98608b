package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** unfold2d / fold2d against torch.nn.functional.unfold / fold (tools/golden/gen_unfold.py). */
class UnfoldGoldenTest {
  static final int MIN_CASES = 29;

  @TestFactory
  Stream<DynamicTest> golden() {
    return Golden.run("unfold", Map.of(
        "unfold2d", c -> List.of(c.input(0).unfold2d(c.intsArg("kernel"), c.intsArg("dilation"), c.intsArg("padding"),
            c.intsArg("stride"))),
        "fold2d", c -> List.of(c.input(0).fold2d(c.intsArg("outputSize"), c.intsArg("kernel"), c.intsArg("dilation"),
            c.intsArg("padding"), c.intsArg("stride")))), MIN_CASES);
  }

  @Test
  void badInputsNameTheValues() {
    Tensor x = Tensor.zeros(1, 2, 3, 3);
    String m = assertThrows(IllegalArgumentException.class,
        () -> x.unfold2d(new int[] {4, 4}, null, null, null)).getMessage();
    assertTrue(m.contains("unfold2d") && m.contains("[1, 2, 3, 3]") && m.contains("[4, 4]"), m);
    m = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 5).unfold2d(new int[] {1, 1}, null, null, null))
        .getMessage();
    assertTrue(m.contains("[2, 5]"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(1, 8, 5).fold2d(new int[] {3, 3}, new int[] {2, 2}, null, null, null)).getMessage();
    assertTrue(m.contains("fold2d") && m.contains("5 windows") && m.contains("2x2"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(1, 7, 4).fold2d(new int[] {3, 3}, new int[] {2, 2}, null, null, null)).getMessage();
    assertTrue(m.contains("divisible by kH*kW = 4"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(DType.INT64, 1, 1, 3, 3).unfold2d(new int[] {2, 2}, null, null, null)).getMessage();
    assertTrue(m.contains("INT64") || m.contains("int64"), m);
  }
}
