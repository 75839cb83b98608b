package io.jgrad.autograd;

import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradients and double-backward values of unfold2d / fold2d against PyTorch 1.13 (gen_unfold.py). */
class UnfoldGradGoldenTest {
  static final int MIN_CASES = 12;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops = Map.of(
        "unfold2d", (c, in) -> in.get(0).unfold2d(c.intsArg("kernel"), c.intsArg("dilation"), c.intsArg("padding"),
            c.intsArg("stride")),
        "fold2d", (c, in) -> in.get(0).fold2d(c.intsArg("outputSize"), c.intsArg("kernel"), c.intsArg("dilation"),
            c.intsArg("padding"), c.intsArg("stride")));
    return GradGolden.run("grad_unfold", ops, MIN_CASES);
  }
}
