package io.jgrad.autograd;

import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradients (and double-backward values) of the matrix products against PyTorch 1.13. */
class LinalgGradGoldenTest {
  static final int MIN_CASES = 125;

  /** The Java form of each golden op (see tools/golden/gen_grad_linalg.py for the torch form). */
  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("matmul", (c, in) -> in.get(0).matmul(in.get(1)));
    m.put("mm", (c, in) -> in.get(0).mm(in.get(1)));
    m.put("bmm", (c, in) -> in.get(0).bmm(in.get(1)));
    m.put("dot", (c, in) -> in.get(0).dot(in.get(1)));
    m.put("outer", (c, in) -> in.get(0).outer(in.get(1)));
    m.put("einsum", (c, in) -> Tensor.einsum(c.stringArg("equation"), in.toArray(new Tensor[0])));
    m.put("cdist", (c, in) -> Tensor.cdist(in.get(0), in.get(1), c.doubleArg("p")));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_linalg", ops(), MIN_CASES); }
}
