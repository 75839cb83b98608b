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

/** Gradients (and double-backward values) of the reduction ops against PyTorch 1.13. */
class ReductionGradGoldenTest {
  static final int MIN_CASES = 880;

  /** The Java form of each golden op (see tools/golden/gen_grad_reductions.py for the torch form). */
  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("sum", (c, in) -> in.get(0).sum(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("mean", (c, in) -> in.get(0).mean(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("prod", (c, in) -> in.get(0).prod(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("max", (c, in) -> in.get(0).max(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("min", (c, in) -> in.get(0).min(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("var", (c, in) -> in.get(0).var(c.intsArg("dims"), c.intArg("correction"), c.boolArg("keepDim")));
    m.put("std", (c, in) -> in.get(0).std(c.intsArg("dims"), c.intArg("correction"), c.boolArg("keepDim")));
    m.put("norm", (c, in) -> in.get(0).norm(c.doubleArg("p"), c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("logSumExp", (c, in) -> in.get(0).logSumExp(c.intsArg("dims"), c.boolArg("keepDim")));
    m.put("cumsum", (c, in) -> in.get(0).cumsum(c.intArg("dim")));
    m.put("cumprod", (c, in) -> in.get(0).cumprod(c.intArg("dim")));
    m.put("softmax", (c, in) -> in.get(0).softmax(c.intArg("dim")));
    m.put("logSoftmax", (c, in) -> in.get(0).logSoftmax(c.intArg("dim")));
    m.put("maxDim", (c, in) -> in.get(0).maxWithIndices(c.intArg("dim"), c.boolArg("keepDim")).values());
    m.put("minDim", (c, in) -> in.get(0).minWithIndices(c.intArg("dim"), c.boolArg("keepDim")).values());
    m.put("medianDim", (c, in) -> in.get(0).median(c.intArg("dim"), c.boolArg("keepDim")).values());
    m.put("sort", (c, in) -> in.get(0).sort(c.intArg("dim"), c.boolArg("descending")).values());
    m.put("topk", (c, in) -> in.get(0).topk(c.intArg("k"), c.intArg("dim"), c.boolArg("largest"), c.boolArg("sorted"))
        .values());
    m.put("kthvalue", (c, in) -> in.get(0).kthvalue(c.intArg("k"), c.intArg("dim"), c.boolArg("keepDim")).values());
    m.put("median", (c, in) -> in.get(0).median());
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_reductions", ops(), MIN_CASES); }
}
