package io.jgrad.tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** PyTorch 1.13 golden values for matmul, mm, bmm, dot, outer, einsum and cdist (tools/golden/gen_linalg.py). */
class LinearAlgebraGoldenTest {
  private static final int MIN_CASES = 160;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = Map.of(
        "matmul", c -> List.of(c.input(0).matmul(c.input(1))),
        "mm", c -> List.of(c.input(0).mm(c.input(1))),
        "bmm", c -> List.of(c.input(0).bmm(c.input(1))),
        "dot", c -> List.of(c.input(0).dot(c.input(1))),
        "outer", c -> List.of(c.input(0).outer(c.input(1))),
        "einsum", c -> List.of(Tensor.einsum(c.stringArg("equation"), c.inputs().toArray(new Tensor[0]))),
        "cdist", c -> List.of(Tensor.cdist(c.input(0), c.input(1), c.doubleArg("p"))));
    return Golden.run("linalg", ops, MIN_CASES);
  }
}
