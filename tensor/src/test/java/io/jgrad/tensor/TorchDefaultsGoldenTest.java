package io.jgrad.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The short forms with torch's default arguments against torch called with the same
 * positional arguments (tools/golden/gen_torch_defaults.py): conv1d/conv2d without bias,
 * stride or padding, pooling with stride = kernel, elu(), leakyRelu(), topk(k), argmax(dim).
 */
class TorchDefaultsGoldenTest {
  static final int MIN_CASES = 58;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("conv2d(w)", c -> List.of(c.input(0).conv2d(c.input(1))));
    ops.put("conv2d(w,b)", c -> List.of(c.input(0).conv2d(c.input(1), c.input(2))));
    ops.put("conv2d(w,b,s,p)", c -> List.of(c.input(0).conv2d(c.input(1), c.input(2), c.intArg("stride"), c.intArg("padding"))));
    ops.put("conv1d(w)", c -> List.of(c.input(0).conv1d(c.input(1))));
    ops.put("conv1d(w,b)", c -> List.of(c.input(0).conv1d(c.input(1), c.input(2))));
    ops.put("maxPool2d(k)", c -> List.of(c.input(0).maxPool2d(c.intArg("k"))));
    ops.put("maxPool2d(k,s)", c -> List.of(c.input(0).maxPool2d(c.intArg("k"), c.intArg("s"))));
    ops.put("maxPool2d(k,s,p)", c -> List.of(c.input(0).maxPool2d(c.intArg("k"), c.intArg("s"), c.intArg("p"))));
    ops.put("avgPool2d(k)", c -> List.of(c.input(0).avgPool2d(c.intArg("k"))));
    ops.put("avgPool2d(k,s)", c -> List.of(c.input(0).avgPool2d(c.intArg("k"), c.intArg("s"))));
    ops.put("avgPool2d(k,s,p)", c -> List.of(c.input(0).avgPool2d(c.intArg("k"), c.intArg("s"), c.intArg("p"))));
    ops.put("maxPool1d(k)", c -> List.of(c.input(0).maxPool1d(c.intArg("k"))));
    ops.put("avgPool1d(k)", c -> List.of(c.input(0).avgPool1d(c.intArg("k"))));
    ops.put("adaptiveAvgPool2d(s)", c -> List.of(c.input(0).adaptiveAvgPool2d(c.intArg("size"))));
    ops.put("elu()", c -> List.of(c.input(0).elu()));
    ops.put("leakyRelu()", c -> List.of(c.input(0).leakyRelu()));
    ops.put("topk(k)", c -> {
      ValuesIndices r = c.input(0).topk(c.intArg("k"));
      return List.of(r.values(), r.indices());
    });
    ops.put("topk(k,dim)", c -> {
      ValuesIndices r = c.input(0).topk(c.intArg("k"), c.intArg("dim"));
      return List.of(r.values(), r.indices());
    });
    ops.put("argmax(dim)", c -> List.of(c.input(0).argmax(c.intArg("dim"))));
    ops.put("argmin(dim)", c -> List.of(c.input(0).argmin(c.intArg("dim"))));
    return Golden.run("torch_defaults", ops, MIN_CASES);
  }
}
