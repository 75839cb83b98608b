package io.jgrad.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values from PyTorch for the joining family (tools/golden/gen_joining.py). */
class JoiningGoldenTest {
  private static final int MIN_CASES = 550;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("cat", c -> List.of(Tensor.cat(c.inputs(), c.intArg("dim"))));
    ops.put("stack", c -> List.of(Tensor.stack(c.inputs(), c.intArg("dim"))));
    ops.put("split", c -> c.input(0).split(c.intArg("splitSize"), c.intArg("dim")));
    ops.put("splitSizes", c -> c.input(0).split(c.intsArg("sizes"), c.intArg("dim")));
    ops.put("chunk", c -> c.input(0).chunk(c.intArg("chunks"), c.intArg("dim")));
    ops.put("pad", c -> List.of(c.input(0).pad(c.intsArg("pad"), PadMode.valueOf(c.stringArg("mode")),
        c.doubleArg("value"))));
    ops.put("flip", c -> List.of(c.input(0).flip(c.intsArg("dims"))));
    ops.put("roll", c -> List.of(c.input(0).roll(c.intsArg("shifts"), c.intsArg("dims"))));
    ops.put("repeat", c -> List.of(c.input(0).repeat(c.intsArg("repeats"))));
    ops.put("tril", c -> List.of(c.input(0).tril(c.intArg("diagonal"))));
    ops.put("triu", c -> List.of(c.input(0).triu(c.intArg("diagonal"))));
    return Golden.run("joining", ops, MIN_CASES);
  }
}
