package io.jgrad.tensor;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Promotion} against {@code torch.result_type} (tools/golden/gen_core.py): every pair of
 * dtypes as dimensioned and 0-dim tensors, and every dtype with a Python int, float and bool.
 * The expected output is a one-element zeros tensor of torch's result dtype.
 */
class PromotionGoldenTest {
  @TestFactory
  Stream<DynamicTest> golden() {
    return Golden.run("promotion", Map.of(
        "result_type", c -> List.of(Tensor.zeros(Promotion.resultType(c.input(0), c.input(1)), 1)),
        "result_type_scalar", c -> List.of(Tensor.zeros(Promotion.resultType(c.input(0), switch (c.stringArg("scalar")) {
          case "int" -> DType.INT64;
          case "float" -> DType.FLOAT64;
          default -> DType.BOOL;
        }), 1))), 130);
  }
}
