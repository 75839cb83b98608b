package io.jgrad.tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden values from PyTorch for the indexing and sorting families (tools/golden/gen_indexing.py). */
class IndexingGoldenTest {
  private static final int MIN_CASES = 900;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("gather", c -> List.of(c.input(0).gather(c.intArg("dim"), c.input(1))));
    ops.put("scatter", c -> List.of(c.input(0).scatter(c.intArg("dim"), c.input(1), c.input(2))));
    ops.put("scatterValue", c -> List.of(c.input(0).scatter(c.intArg("dim"), c.input(1), c.doubleArg("value"))));
    ops.put("scatterAdd", c -> List.of(c.input(0).scatterAdd(c.intArg("dim"), c.input(1), c.input(2))));
    ops.put("indexSelect", c -> List.of(c.input(0).indexSelect(c.intArg("dim"), c.input(1))));
    ops.put("indexAdd", c -> List.of(c.input(0).indexAdd(c.intArg("dim"), c.input(1), c.input(2), c.doubleArg("alpha"))));
    ops.put("maskedFill", c -> List.of(c.input(0).maskedFill(c.input(1), c.doubleArg("value"))));
    ops.put("maskedFillInPlace", c -> {
      Tensor self = c.input(0).copy();
      Tensor r = self.maskedFillInPlace(c.input(1), c.doubleArg("value"));
      org.junit.jupiter.api.Assertions.assertSame(self, r, "maskedFillInPlace returns this");
      return List.of(self);
    });
    ops.put("maskedSelect", c -> List.of(c.input(0).maskedSelect(c.input(1))));
    ops.put("take", c -> List.of(c.input(0).take(c.input(1))));
    ops.put("nonzero", c -> List.of(c.input(0).nonzero()));
    ops.put("oneHot", c -> List.of(c.input(0).oneHot(c.intArg("numClasses"))));
    ops.put("sort", c -> pair(c.input(0).sort(c.intArg("dim"), c.boolArg("descending"))));
    ops.put("argsort", c -> List.of(c.input(0).argsort(c.intArg("dim"), c.boolArg("descending"))));
    ops.put("topk", c -> selection(c, c.input(0).topk(c.intArg("k"), c.intArg("dim"), c.boolArg("largest"),
        c.boolArg("sorted")), true));
    ops.put("kthvalue", c -> selection(c, c.input(0).kthvalue(c.intArg("k"), c.intArg("dim"), c.boolArg("keepDim")),
        c.boolArg("keepDim")));
    ops.put("median", c -> List.of(c.input(0).median()));
    ops.put("medianDim", c -> selection(c, c.input(0).median(c.intArg("dim"), c.boolArg("keepDim")), c.boolArg("keepDim")));
    return Golden.run("indexing", ops, MIN_CASES);
  }

  private static List<Tensor> pair(ValuesIndices vi) { return List.of(vi.values(), vi.indices()); }

  /**
   * Values and indices; where the row has ties (PyTorch leaves the index unspecified) the
   * indices are checked through x.gather(dim, indices), which must reproduce the values.
   */
  private static List<Tensor> selection(GoldenCase c, ValuesIndices vi, boolean keptDim) {
    if (!c.boolArg("ties", false)) return pair(vi);
    Tensor x = c.input(0);
    if (x.dim() == 0) return List.of(vi.values(), x.gather(0, vi.indices()));
    int d = Shapes.dim("test", c.intArg("dim"), x.dim());
    Tensor idx = keptDim ? vi.indices() : vi.indices().unsqueeze(d);
    Tensor g = x.gather(d, idx);
    return List.of(vi.values(), keptDim ? g : g.squeeze(d));
  }
}
