package io.jgrad.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Reductions, scans and softmax against PyTorch 1.13 (tools/golden/gen_reductions.py). */
class ReductionsGoldenTest {
  static final int MIN_CASES = 2000;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("sum", c -> List.of(c.input(0).sum(dims(c), keep(c))));
    ops.put("mean", c -> List.of(c.input(0).mean(dims(c), keep(c))));
    ops.put("prod", c -> List.of(c.input(0).prod(dims(c), keep(c))));
    ops.put("max", c -> List.of(c.input(0).max(dims(c), keep(c))));
    ops.put("min", c -> List.of(c.input(0).min(dims(c), keep(c))));
    ops.put("max_dim", c -> pair(c.input(0).maxWithIndices(c.intArg("dim"), keep(c))));
    ops.put("min_dim", c -> pair(c.input(0).minWithIndices(c.intArg("dim"), keep(c))));
    ops.put("argmax", c -> List.of(c.input(0).argmax()));
    ops.put("argmin", c -> List.of(c.input(0).argmin()));
    ops.put("var", c -> List.of(c.input(0).var(dims(c), c.intArg("correction"), keep(c))));
    ops.put("std", c -> List.of(c.input(0).std(dims(c), c.intArg("correction"), keep(c))));
    ops.put("norm", c -> List.of(c.input(0).norm(c.doubleArg("p"), dims(c), keep(c))));
    ops.put("logsumexp", c -> List.of(c.input(0).logSumExp(dims(c), keep(c))));
    ops.put("all", c -> List.of(c.input(0).all(dims(c), keep(c))));
    ops.put("any", c -> List.of(c.input(0).any(dims(c), keep(c))));
    ops.put("count_nonzero", c -> List.of(c.input(0).countNonzero(dims(c))));
    ops.put("cumsum", c -> List.of(c.input(0).cumsum(c.intArg("dim"))));
    ops.put("cumprod", c -> List.of(c.input(0).cumprod(c.intArg("dim"))));
    ops.put("softmax", c -> List.of(c.input(0).softmax(c.intArg("dim"))));
    ops.put("log_softmax", c -> List.of(c.input(0).logSoftmax(c.intArg("dim"))));
    return Golden.run("reductions", ops, MIN_CASES);
  }

  private static int[] dims(GoldenCase c) { return c.intsArg("dims"); }

  private static boolean keep(GoldenCase c) { return c.boolArg("keepDim", false); }

  private static List<Tensor> pair(ValuesIndices vi) { return List.of(vi.values(), vi.indices()); }
}
