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

/** Gradients (and double-backward values) of convolution and pooling against PyTorch 1.13. */
class ConvGradGoldenTest {
  static final int MIN_CASES = 85;

  private static Tensor bias(List<Tensor> in) { return in.size() > 2 ? in.get(2) : null; }

  /** The Java form of each golden op (see tools/golden/gen_grad_conv.py for the torch form). */
  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("conv2d", (c, in) -> in.get(0).conv2d(in.get(1), bias(in), c.intsArg("stride"), c.intsArg("padding"),
        c.intsArg("dilation"), c.intArg("groups")));
    m.put("conv1d", (c, in) -> in.get(0).conv1d(in.get(1), bias(in), c.intArg("stride"), c.intArg("padding"),
        c.intArg("dilation"), c.intArg("groups")));
    m.put("convTranspose2d", (c, in) -> in.get(0).convTranspose2d(in.get(1), bias(in), c.intsArg("stride"),
        c.intsArg("padding"), c.intsArg("outputPadding"), c.intArg("groups"), c.intsArg("dilation")));
    m.put("maxPool2d", (c, in) -> in.get(0).maxPool2d(c.intsArg("kernel"), c.intsArg("stride"), c.intsArg("padding"),
        c.intsArg("dilation"), c.boolArg("ceilMode")));
    m.put("maxPool1d", (c, in) -> in.get(0).maxPool1d(c.intArg("kernel"), c.intArg("stride"), c.intArg("padding"),
        c.intArg("dilation"), c.boolArg("ceilMode")));
    m.put("avgPool2d", (c, in) -> in.get(0).avgPool2d(c.intsArg("kernel"), c.intsArg("stride"), c.intsArg("padding"),
        c.boolArg("ceilMode"), c.boolArg("countIncludePad")));
    m.put("avgPool1d", (c, in) -> in.get(0).avgPool1d(c.intArg("kernel"), c.intArg("stride"), c.intArg("padding"),
        c.boolArg("ceilMode"), c.boolArg("countIncludePad")));
    m.put("adaptiveAvgPool2d", (c, in) -> in.get(0).adaptiveAvgPool2d(c.intArg("outH"), c.intArg("outW")));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_conv", ops(), MIN_CASES); }
}
