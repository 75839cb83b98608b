package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Edge points of the indexing/movement gradients, with expected values taken from PyTorch 1.13
 * (noted per test): repeated indices, all-true/all-false masks, empty tensors, integer casts.
 */
class IndexingGradEdgeTest {
  private static final Tensor W5 = Tensor.of(1.0, 2, 3, 4, 5);

  private static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

  /** Gradients of (f(x) * w).sum(), seeded as gradOutputs = w. */
  private static List<Tensor> grads(Tensor out, Tensor w, Tensor... leaves) {
    return Autograd.grad(List.of(out), List.of(leaves), List.of(w), false, false, true);
  }

  private static void assertValues(double[] expected, Tensor actual) {
    assertArrayEquals(expected, actual.toDoubleArray(), 1e-12, Arrays.toString(actual.toDoubleArray()));
  }

  @Test
  void scatterWithRepeatedIndicesGivesEveryDuplicateSrcTheGradient() {
    // torch: x.scatter(0, [1, 1, 3], s), w = [1..5] -> x.grad [1, 0, 3, 0, 5], s.grad [2, 2, 4]
    Tensor x = leaf(1, 2, 3, 4, 5), s = leaf(10, 20, 30);
    List<Tensor> g = grads(x.scatter(0, Tensor.of(1L, 1, 3), s), W5, x, s);
    assertValues(new double[] {1, 0, 3, 0, 5}, g.get(0));
    assertValues(new double[] {2, 2, 4}, g.get(1));
  }

  @Test
  void scatterAddWithRepeatedIndicesPassesTheGradientThrough() {
    // torch: x.grad = w, s.grad [2, 2, 4]
    Tensor x = leaf(1, 2, 3, 4, 5), s = leaf(10, 20, 30);
    List<Tensor> g = grads(x.scatterAdd(0, Tensor.of(1L, 1, 3), s), W5, x, s);
    assertValues(new double[] {1, 2, 3, 4, 5}, g.get(0));
    assertValues(new double[] {2, 2, 4}, g.get(1));
  }

  @Test
  void scatterSrcLargerThanIndexGetsZeroOutsideIt() {
    // torch 1.13 raises here ("invalid gradient ... got [1, 2] but expected shape compatible with
    // [2, 3]"); the unused src elements have a zero gradient, which is what jgrad returns.
    Tensor x = Tensor.zeros(DType.FLOAT64, 2, 4).requiresGrad(true);
    Tensor s = Tensor.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3).requiresGrad(true);
    Tensor w = Tensor.arange(1, 9, 1, DType.FLOAT64).reshape(2, 4);
    List<Tensor> g = grads(x.scatter(1, Tensor.of(3L, 0).reshape(1, 2), s), w, x, s);
    assertValues(new double[] {4, 1, 0, 0, 0, 0}, g.get(1));
    assertValues(new double[] {0, 2, 3, 0, 5, 6, 7, 8}, g.get(0));
  }

  @Test
  void gatherWithRepeatedIndicesAccumulates() {
    // torch: x.gather(0, [4, 0, 4, 4]) with w [1, 2, 3, 4] -> x.grad [2, 0, 0, 0, 8]
    Tensor x = leaf(1, 2, 3, 4, 5);
    List<Tensor> g = grads(x.gather(0, Tensor.of(4L, 0, 4, 4)), Tensor.of(1.0, 2, 3, 4), x);
    assertValues(new double[] {2, 0, 0, 0, 8}, g.get(0));
    List<Tensor> h = grads(x.indexSelect(0, Tensor.of(4L, 0, 4, 4)), Tensor.of(1.0, 2, 3, 4), x);
    assertValues(new double[] {2, 0, 0, 0, 8}, h.get(0));
    List<Tensor> t = grads(x.take(Tensor.of(-1L, 0, 4, -1)), Tensor.of(1.0, 2, 3, 4), x);
    assertValues(new double[] {2, 0, 0, 0, 8}, t.get(0));
  }

  @Test
  void maskedFillAllTrueBlocksAndAllFalsePassesTheGradient() {
    Tensor x = leaf(1, 2, 3, 4, 5);
    Tensor all = Tensor.of(true, true, true, true, true), none = Tensor.of(false, false, false, false, false);
    assertValues(new double[5], grads(x.maskedFill(all, 9), W5, x).get(0));
    assertValues(new double[] {1, 2, 3, 4, 5}, grads(x.maskedFill(none, 9), W5, x).get(0));
    assertValues(new double[5], grads(x.maskedSelect(none), Tensor.zeros(DType.FLOAT64, 0), x).get(0));
    assertValues(new double[] {1, 2, 3, 4, 5}, grads(x.maskedSelect(all), W5, x).get(0));
  }

  @Test
  void maskedFillWithABroadcastInputSumsTheGradientBack() {
    // x [3] broadcast against mask [2, 3]: torch x.grad = column sums of w where the mask is false
    Tensor x = leaf(1, 2, 3);
    Tensor mask = Tensor.of(true, false, false, false, false, true).reshape(2, 3);
    Tensor w = Tensor.of(1.0, 2, 3, 4, 5, 6).reshape(2, 3);
    assertValues(new double[] {4, 7, 3}, grads(x.maskedFill(mask, 0), w, x).get(0));
  }

  @Test
  void emptySelectionsGiveZeroGradientsOfTheInputShape() {
    Tensor x = Tensor.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3).requiresGrad(true);
    List<Function<Tensor, Tensor>> empties = List.of(
        t -> t.narrow(1, 1, 0),
        t -> t.slice(0, 2, 1, 1),
        t -> t.indexSelect(1, Tensor.zeros(DType.INT64, 0)),
        t -> t.gather(1, Tensor.zeros(DType.INT64, 2, 0)),
        t -> t.take(Tensor.zeros(DType.INT64, 0)),
        t -> t.repeat(0, 2),
        t -> t.unsqueeze(0).expand(0, 2, 3),
        t -> t.unfold(1, 0, 1).narrow(1, 0, 0));
    for (Function<Tensor, Tensor> f : empties) {
      Tensor out = f.apply(x);
      assertTrue(out.numel() == 0 && out.requiresGrad(), Arrays.toString(out.shape()));
      Tensor g = grads(out, Tensor.zeros(DType.FLOAT64, out.shape()), x).get(0);
      assertArrayEquals(new int[] {2, 3}, g.shape());
      assertValues(new double[6], g);
    }
  }

  @Test
  void catSkipsLegacyEmptyPiecesAndGivesThemEmptyGradients() {
    Tensor a = Tensor.of(1.0, 2, 3, 4).reshape(2, 2).requiresGrad(true);
    Tensor e = Tensor.zeros(DType.FLOAT64, 0).requiresGrad(true);
    Tensor b = Tensor.of(5.0, 6).reshape(1, 2).requiresGrad(true);
    Tensor w = Tensor.of(1.0, 2, 3, 4, 5, 6).reshape(3, 2);
    List<Tensor> g = grads(Tensor.cat(List.of(a, e, b), 0), w, a, e, b);
    assertValues(new double[] {1, 2, 3, 4}, g.get(0));
    assertArrayEquals(new int[] {0}, g.get(1).shape());
    assertValues(new double[] {5, 6}, g.get(2));
  }

  @Test
  void overlappingUnfoldWindowsAccumulate() {
    // torch: torch.arange(5.).unfold(0, 3, 1).sum() backward -> [1, 2, 3, 2, 1]
    Tensor x = leaf(0, 1, 2, 3, 4);
    Tensor out = x.unfold(0, 3, 1);
    assertValues(new double[] {1, 2, 3, 2, 1}, grads(out, Tensor.onesLike(out), x).get(0));
  }

  @Test
  void castToAnIntegerTypeIsNotDifferentiable() {
    Tensor x = leaf(1.5, -2.5);
    assertFalse(x.to(DType.INT64).requiresGrad());
    assertTrue(x.to(DType.FLOAT32).requiresGrad());
  }

  @Test
  void reflectPadAddsTheMirroredBorderBack() {
    // torch: F.pad(arange(4.)[None, None], (2, 1), 'reflect') -> [2,1,0,1,2,3,2]; grad of sum [1, 2, 3, 1]
    Tensor x = Tensor.of(0.0, 1, 2, 3).reshape(1, 1, 4).requiresGrad(true);
    Tensor out = x.pad(new int[] {2, 1}, PadMode.REFLECT, 0);
    assertValues(new double[] {2, 1, 0, 1, 2, 3, 2}, out);
    assertValues(new double[] {1, 2, 3, 1}, grads(out, Tensor.onesLike(out), x).get(0));
  }

  @Test
  void gradientOfAGatherGradientIsDifferentiable() {
    // f(x) = sum(gather(x)^2): the first gradient depends on x, so with createGraph it records
    // scatterAdd/gather, and d/dx <grad, v> = 2 * scatterAdd(gather(v)).
    Tensor x = leaf(1, 2, 3);
    Tensor idx = Tensor.of(2L, 2, 0);
    Tensor y = x.gather(0, idx);
    Tensor gx = Autograd.grad(List.of(y.mul(y).sum()), List.of(x), null, true, true, false).get(0);
    assertTrue(gx.requiresGrad());
    assertValues(new double[] {2, 0, 12}, gx);
    Tensor v = Tensor.of(1.0, 10, 100);
    Tensor gg = Autograd.grad(List.of(gx.mul(v).sum()), List.of(x), null, false, false, false).get(0);
    assertValues(new double[] {2, 0, 400}, gg);
  }

  @Test
  void inPlaceMaskedFillOnANonLeafRoutesThroughMaskedFill() {
    // torch: y = x.clone(); y.masked_fill_(m, 9); (y * w).sum() -> x.grad = w where m is false
    Tensor x = leaf(1, 2, 3, 4, 5);
    Tensor y = x.copy();
    y.maskedFillInPlace(Tensor.of(false, true, false, true, true), 9);
    assertValues(new double[] {1, 9, 3, 9, 9}, y);
    assertValues(new double[] {1, 0, 3, 0, 0}, grads(y, W5, x).get(0));
  }

  @Test
  void inPlaceOnTheBaseOfAnEarlierViewIsNotSilentlyWrong() {
    // torch: y = x.clone(); z = y.view(2, 3); y.mul_(2); z.backward(ones) -> x.grad = 2s, since z
    // sees y's new values. jgrad keeps z's history at record time, so it must refuse, not return 1s.
    Tensor x = leaf(1, 2, 3, 4, 5, 6);
    Tensor y = x.copy();
    Tensor z = y.view(2, 3);
    y.mulInPlace(2.0);
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> grads(z, Tensor.onesLike(z), x));
    assertTrue(e.getMessage().contains("in-place"), e.getMessage());
  }

  @Test
  void modifyingTheInputAfterwardsIsAllowedWhereOnlyItsShapeIsNeeded() {
    // torch: y = x.clone(); o = f(y); y.mul_(2); o.backward(ones) succeeds for these f, with the
    // gradient of the values y had when f ran (Ctx.inputShape reads no saved tensor).
    List<Function<Tensor, Tensor>> fs = List.of(
        t -> t.maskedFill(Tensor.of(true, false, false, false, false, true), 0),
        t -> t.indexSelect(0, Tensor.of(5L, 5, 0)),
        t -> t.repeat(2),
        t -> Tensor.cat(List.of(t, t), 0),
        t -> t.pad(new int[] {1, 1}, PadMode.CONSTANT, 0));
    double[][] expected = {{0, 1, 1, 1, 1, 0}, {1, 0, 0, 0, 0, 2}, {2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2},
        {1, 1, 1, 1, 1, 1}};
    for (int k = 0; k < fs.size(); k++) {
      Tensor x = leaf(1, 2, 3, 4, 5, 6);
      Tensor y = x.copy();
      Tensor o = fs.get(k).apply(y);
      y.mulInPlace(2.0);
      assertValues(expected[k], grads(o, Tensor.onesLike(o), x).get(0));
    }
  }
}
