package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs to the indexing and sorting ops: each error names the op and the offending values. */
class IndexingErrorTest {
  static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "message '" + ex.getMessage() + "' lacks '" + p + "'");
  }

  private static final Tensor X = Tensor.arange(0, 15, 1, DType.FLOAT32).reshape(3, 5);

  @Test
  void gatherIndexOutOfRange() {
    fails(() -> X.gather(1, Tensor.of(new long[] {0, 7}).reshape(1, 2)), "gather: index 7 out of range for dim 1 of size 5");
    fails(() -> X.gather(0, Tensor.of(new long[] {-1}).reshape(1, 1)), "gather: index -1 out of range for dim 0 of size 3");
  }

  @Test
  void gatherIndexDtypeRankAndShape() {
    fails(() -> X.gather(1, Tensor.of(new int[] {0, 1}).reshape(1, 2)), "gather", "int64", "int32");
    fails(() -> X.gather(1, Tensor.of(new long[] {0, 1})), "gather", "rank 1", "rank 2");
    fails(() -> X.gather(1, Tensor.zeros(DType.INT64, 4, 2)), "gather", "[4, 2]", "[3, 5]", "dim 0");
    fails(() -> X.gather(2, Tensor.zeros(DType.INT64, 1, 1)), "gather: dim 2 out of range");
  }

  @Test
  void scatterErrors() {
    Tensor idx = Tensor.of(new long[] {0, 5}).reshape(1, 2);
    fails(() -> X.scatter(1, idx, Tensor.ones(1, 2)), "scatter: index 5 out of range for dim 1 of size 5");
    fails(() -> X.scatterAdd(1, idx, Tensor.ones(1, 2)), "scatterAdd: index 5 out of range for dim 1 of size 5");
    fails(() -> X.scatter(1, idx, 1.0), "scatter: index 5 out of range");
    Tensor ok = Tensor.of(new long[] {0, 1}).reshape(1, 2);
    fails(() -> X.scatter(1, ok, Tensor.ones(DType.FLOAT64, 1, 2)), "scatter: src dtype float64 differs from input dtype float32");
    fails(() -> X.scatter(1, ok, Tensor.ones(1, 1)), "scatter: index shape [1, 2] exceeds src shape [1, 1]");
    fails(() -> X.scatter(1, ok, Tensor.ones(2)), "scatter: src of rank 1");
    fails(() -> X.scatterAdd(0, Tensor.zeros(DType.INT64, 1, 6), Tensor.ones(1, 6)), "scatterAdd: index shape [1, 6] exceeds input shape [3, 5]");
    fails(() -> X.scatter(1, ok.to(DType.INT32), Tensor.ones(1, 2)), "scatter: index must be int64, got int32");
  }

  @Test
  void indexSelectAndIndexAddErrors() {
    fails(() -> X.indexSelect(1, Tensor.of(new long[] {4, 5})), "indexSelect: index 5 out of range for dim 1 of size 5");
    fails(() -> X.indexSelect(0, Tensor.of(new long[] {-1})), "indexSelect: index -1 out of range for dim 0 of size 3");
    fails(() -> X.indexSelect(0, Tensor.zeros(DType.INT64, 1, 1)), "indexSelect: index must be 0-D or 1-D, got shape [1, 1]");
    fails(() -> X.indexSelect(0, Tensor.of(1f)), "indexSelect: index must be int64 or int32, got float32");
    fails(() -> X.indexAdd(0, Tensor.of(new long[] {3}), Tensor.ones(1, 5), 1), "indexAdd: index 3 out of range for dim 0 of size 3");
    fails(() -> X.indexAdd(0, Tensor.of(new long[] {0}), Tensor.ones(2, 5), 1), "indexAdd: source shape [2, 5] should be [1, 5]");
    fails(() -> X.indexAdd(0, Tensor.of(new long[] {0}), Tensor.ones(DType.FLOAT64, 1, 5), 1), "indexAdd: source dtype float64");
    Tensor ints = Tensor.zeros(DType.INT64, 3);
    fails(() -> ints.indexAdd(0, Tensor.of(new long[] {0}), Tensor.ones(DType.INT64, 1), 2.5), "indexAdd: alpha 2.5 must be integral");
  }

  @Test
  void takeMaskAndOneHotErrors() {
    fails(() -> X.take(Tensor.of(new long[] {15})), "take: index 15 out of range for a tensor of 15 elements");
    fails(() -> X.take(Tensor.of(new long[] {-16})), "take: index -16 out of range");
    fails(() -> X.take(Tensor.of(new int[] {1})), "take: index must be int64, got int32");
    fails(() -> X.maskedFill(Tensor.ones(3, 5), 1), "maskedFill: mask must be bool, got float32");
    fails(() -> X.maskedFill(Tensor.of(true, false), 1), "maskedFill: shapes [3, 5] and [2] cannot be broadcast");
    fails(() -> X.copy().maskedFillInPlace(Tensor.ones(DType.BOOL, 2, 3, 5), 1), "maskedFillInPlace: mask [2, 3, 5] does not broadcast to [3, 5]");
    fails(() -> X.maskedSelect(Tensor.of(true, false, true)), "maskedSelect: shapes [3, 5] and [3] cannot be broadcast");
    Tensor cls = Tensor.of(new long[] {0, 3});
    fails(() -> cls.oneHot(3), "oneHot: class 3 out of range for numClasses 3");
    fails(() -> Tensor.of(new long[] {0, -1}).oneHot(3), "oneHot: class -1 is negative");
    fails(() -> Tensor.of(new int[] {0, 1}).oneHot(3), "oneHot: expects an int64 tensor", "int32");
    fails(() -> Tensor.empty(DType.INT64, 0).oneHot(-1), "oneHot: cannot infer numClasses from an empty tensor");
  }

  @Test
  void sortingErrors() {
    fails(() -> X.sort(2, false), "sort: dim 2 out of range for a tensor of rank 2");
    fails(() -> X.topk(6, 1, true, true), "topk: k 6 out of range for dim 1 of size 5");
    fails(() -> X.topk(-1, 1, true, true), "topk: k -1 out of range");
    fails(() -> X.kthvalue(0, 1, false), "kthvalue: k 0 out of range for dim 1 of size 5 (k is 1-based)");
    fails(() -> X.kthvalue(4, 0, false), "kthvalue: k 4 out of range for dim 0 of size 3");
    fails(() -> Tensor.zeros(2, 0).median(1, false), "median: dim 1 of [2, 0] has size 0");
    fails(() -> Tensor.empty(DType.INT64, 0).median(), "median: an empty int64 tensor has no median");
  }

  @Test
  void kernelsCheckIndicesThemselves() {
    // The backend contract says indices arrive checked; the CPU kernels still refuse bad ones
    // with the same message instead of reading outside the row.
    Tensor out = Tensor.zeros(1, 2);
    fails(() -> X.backend().gather(X.layout(), 1, Tensor.of(new long[] {0, 9}).reshape(1, 2).layout(), out.layout()),
        "gather: index 9 out of range for dim 1 of size 5");
    Tensor target = Tensor.zeros(3, 5);
    fails(() -> X.backend().scatter(io.jgrad.tensor.spi.ScatterMode.ADD, Tensor.ones(1, 2).layout(), 0,
        Tensor.of(new long[] {0, -2}).reshape(1, 2).layout(), target.layout()), "scatter: index -2 out of range for dim 0 of size 3");
  }
}
