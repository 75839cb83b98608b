package io.jgrad.autograd;

import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden gradients of the indexing and joining ops (tools/golden/gen_grad_indexing.py). */
class IndexingGradGoldenTest {
  static final int MIN_CASES = 110;

  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("gather", (c, x) -> x.get(0).gather(c.intArg("dim"), x.get(1)));
    m.put("scatter", (c, x) -> x.get(0).scatter(c.intArg("dim"), x.get(1), x.get(2)));
    m.put("scatterValue", (c, x) -> x.get(0).scatter(c.intArg("dim"), x.get(1), c.doubleArg("value")));
    m.put("scatterAdd", (c, x) -> x.get(0).scatterAdd(c.intArg("dim"), x.get(1), x.get(2)));
    m.put("indexSelect", (c, x) -> x.get(0).indexSelect(c.intArg("dim"), x.get(1)));
    m.put("indexAdd", (c, x) -> x.get(0).indexAdd(c.intArg("dim"), x.get(1), x.get(2), c.doubleArg("alpha")));
    m.put("take", (c, x) -> x.get(0).take(x.get(1)));
    m.put("maskedFill", (c, x) -> x.get(0).maskedFill(x.get(1), c.doubleArg("value")));
    m.put("maskedSelect", (c, x) -> x.get(0).maskedSelect(x.get(1)));
    m.put("cat", (c, x) -> Tensor.cat(x, c.intArg("dim")));
    m.put("stack", (c, x) -> Tensor.stack(x, c.intArg("dim")));
    m.put("pad", (c, x) -> x.get(0).pad(c.intsArg("pad"), PadMode.valueOf(c.stringArg("mode")), c.doubleArg("value")));
    m.put("flip", (c, x) -> x.get(0).flip(c.intsArg("dims")));
    m.put("roll", (c, x) -> x.get(0).roll(c.intsArg("shifts"), c.intsArg("dims")));
    m.put("repeat", (c, x) -> x.get(0).repeat(c.intsArg("repeats")));
    m.put("tril", (c, x) -> x.get(0).tril(c.intArg("diagonal")));
    m.put("triu", (c, x) -> x.get(0).triu(c.intArg("diagonal")));
    return MovementGradGoldenTest.squared(m);
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_indexing", ops(), MIN_CASES); }
}
