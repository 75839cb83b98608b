package io.jgrad.tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Convolution and pooling against PyTorch 1.13 (tools/golden/gen_conv.py). */
class ConvolutionGoldenTest {
  static final int MIN_CASES = 120;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = Map.of(
        "conv2d", c -> List.of(c.input(0).conv2d(c.input(1), bias(c), c.intsArg("stride"), c.intsArg("padding"),
            c.intsArg("dilation"), c.intArg("groups"))),
        "conv1d", c -> List.of(c.input(0).conv1d(c.input(1), bias(c), c.intArg("stride"), c.intArg("padding"),
            c.intArg("dilation"), c.intArg("groups"))),
        "convTranspose2d", c -> List.of(c.input(0).convTranspose2d(c.input(1), bias(c), c.intsArg("stride"),
            c.intsArg("padding"), c.intsArg("outputPadding"), c.intArg("groups"), c.intsArg("dilation"))),
        "maxPool2d", c -> {
          ValuesIndices r = c.input(0).maxPool2dWithIndices(c.intsArg("kernel"), c.intsArg("stride"),
              c.intsArg("padding"), c.intsArg("dilation"), c.boolArg("ceilMode"));
          return List.of(r.values(), r.indices());
        },
        "maxPool1d", c -> List.of(c.input(0).maxPool1d(c.intArg("kernel"), c.intArg("stride"), c.intArg("padding"),
            c.intArg("dilation"), c.boolArg("ceilMode"))),
        "avgPool2d", c -> List.of(c.input(0).avgPool2d(c.intsArg("kernel"), c.intsArg("stride"), c.intsArg("padding"),
            c.boolArg("ceilMode"), c.boolArg("countIncludePad"))),
        "avgPool1d", c -> List.of(c.input(0).avgPool1d(c.intArg("kernel"), c.intArg("stride"), c.intArg("padding"),
            c.boolArg("ceilMode"), c.boolArg("countIncludePad"))),
        "adaptiveAvgPool2d", c -> List.of(c.input(0).adaptiveAvgPool2d(c.intArg("outH"), c.intArg("outW"))));
    return Golden.run("conv", ops, MIN_CASES);
  }

  private static Tensor bias(GoldenCase c) { return c.inputCount() > 2 ? c.input(2) : null; }
}
