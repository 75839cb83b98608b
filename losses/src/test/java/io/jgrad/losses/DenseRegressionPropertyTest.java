package io.jgrad.losses;

import static io.jgrad.losses.LossesPropertyTest.classes;
import static io.jgrad.losses.LossesPropertyTest.rand;
import static io.jgrad.losses.LossesPropertyTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.data.Cutout;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identities, conventions at kinks, edge points and error messages of the dense/regression family. */
class DenseRegressionPropertyTest {
  static void close(double expected, Tensor actual, double tol) {
    assertEquals(expected, actual.item(), tol);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void tverskyWithEqualWeightsIsDice(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor p = randn(r, 2, 3, 4, 4).softmax(1);
    Tensor t = classes(r, 3, 2, 4, 4);
    Tensor tv = SegmentationLosses.tversky(p, t, 0.5, 0.5, 1e-5, 1e-5, true, false, 1, SegmentationLosses.FocalExponent.INVERSE,
        Reduction.NONE);
    // (TP + s)/(TP + (FP + FN)/2 + s) = (2TP + 2s)/(Σp + Σg + 2s): Dice with twice the smoothing
    Tensor dice = SegmentationLosses.dice(p, t, true, false, false, 2e-5, 2e-5, false, Reduction.NONE);
    assertArrayEquals(dice.toDoubleArray(), tv.toDoubleArray(), 1e-12);
  }

  @Test
  void focalExponentConventions() {
    SplittableRandom r = new SplittableRandom(4);
    Tensor p = randn(r, 1, 2, 3, 3).softmax(1);
    Tensor t = classes(r, 2, 1, 3, 3);
    Tensor plain = SegmentationLosses.tversky(p, t, 0.3, 0.7, 1, 1, true, false, 1, SegmentationLosses.FocalExponent.INVERSE, Reduction.NONE);
    Tensor inv = SegmentationLosses.tversky(p, t, 0.3, 0.7, 1, 1, true, false, 2, SegmentationLosses.FocalExponent.INVERSE, Reduction.NONE);
    Tensor pow = SegmentationLosses.tversky(p, t, 0.3, 0.7, 1, 1, true, false, 2, SegmentationLosses.FocalExponent.POWER, Reduction.NONE);
    assertArrayEquals(plain.sqrt().toDoubleArray(), inv.toDoubleArray(), 1e-12);
    assertArrayEquals(plain.pow(2).toDoubleArray(), pow.toDoubleArray(), 1e-12);
  }

  @Test
  void emptyClassPredictedEmptyScoresZero() {
    Tensor p = Tensor.zeros(1, 1, 4, 4).to(io.jgrad.tensor.DType.FLOAT64);
    Tensor t = Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 1, 1, 4, 4);
    close(0, SegmentationLosses.dice(p, t, Reduction.MEAN), 0);
  }

  @Test
  void pinballSubgradientAtTheKinkIsMinusTau() {
    Tensor q = Tensor.of(0.3, 0.3).requiresGrad(true);
    Tensor y = Tensor.of(0.3, 0.3);
    QuantileLosses.pinball(q, y, new double[] {0.8}, Reduction.SUM).backward();
    assertArrayEquals(new double[] {-0.8, -0.8}, q.grad().toDoubleArray(), 0);
  }

  @Test
  void pinballMinimiserIsTheQuantile() {
    double[] ys = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    Tensor y = Tensor.of(ys);
    double best = Double.NaN, bestLoss = Double.POSITIVE_INFINITY;
    for (double q = 0; q <= 10; q += 0.25) {
      double l = QuantileLosses.pinball(Tensor.full(new int[] {10}, q, io.jgrad.tensor.DType.FLOAT64), y, new double[] {0.9},
          Reduction.MEAN).item();
      if (l < bestLoss - 1e-12) {
        bestLoss = l;
        best = q;
      }
    }
    assertTrue(best >= 6 && best <= 9, "the 0.9 quantile of the sample lies in [6, 9], argmin " + best);
  }

  @Test
  void instanceLossIsBagLossPlusWithinBagVariance() {
    SplittableRandom r = new SplittableRandom(9);
    Tensor f = randn(r, 9), y = randn(r, 9);
    Tensor bags = Tensor.of(new long[] {4, 4, 2, 2, 2, 8, 8, 8, 8});
    Tensor inst = AggregateLosses.aggregate(f, y, bags, 1, Reduction.NONE);
    Tensor bag = AggregateLosses.aggregate(f, y, bags, 0, Reduction.NONE);
    // instance loss written directly: mean over members of (ȳ_a − f_i)²
    double[] fv = f.toDoubleArray(), yv = y.toDoubleArray();
    long[] b = bags.toLongArray();
    long[] order = {4, 2, 8};
    for (int k = 0; k < 3; k++) {
      double ybar = 0, n = 0, s = 0, fbar = 0;
      for (int i = 0; i < 9; i++) if (b[i] == order[k]) { ybar += yv[i]; fbar += fv[i]; n++; }
      ybar /= n;
      fbar /= n;
      for (int i = 0; i < 9; i++) if (b[i] == order[k]) s += (ybar - fv[i]) * (ybar - fv[i]);
      assertEquals(s / n, inst.toDoubleArray()[k], 1e-12);
      assertEquals((ybar - fbar) * (ybar - fbar), bag.toDoubleArray()[k], 1e-12);
    }
  }

  @Test
  void weightedTotalVariationWithUnitWeightsIsIsotropic() {
    Tensor img = randn(new SplittableRandom(3), 2, 5, 6);
    Tensor w = Tensor.ones(io.jgrad.tensor.DType.FLOAT64, 4, 5);
    assertArrayEquals(TotalVariation.isotropic(img, 1, 1e-8, Reduction.SUM).toDoubleArray(),
        TotalVariation.weighted(img, w, 1e-8, Reduction.SUM).toDoubleArray(), 1e-12);
  }

  @Test
  void flatImageHasZeroVariationAndFiniteGradient() {
    Tensor img = Tensor.full(new int[] {3, 3}, 0.4, io.jgrad.tensor.DType.FLOAT64).requiresGrad(true);
    TotalVariation.isotropic(img, 1, 1e-8, Reduction.SUM).backward();
    for (double g : img.grad().toDoubleArray()) assertTrue(Double.isFinite(g) && g == 0);
  }

  @Test
  void zErrorMasksTheOutlierAndGuardsAnEmptyMask() {
    Tensor res = Tensor.of(0.1, -0.2, 0.05, 0, 5, 0.15, -0.1);
    assertArrayEquals(new boolean[] {true, true, true, true, false, true, true},
        RobustRegressionLosses.zErrorMask(res, 2, 1e-8).toBooleanArray());
    Tensor p = Tensor.of(0.5).requiresGrad(true);
    Tensor loss = RobustRegressionLosses.zError(p, Tensor.of(2.0), 2, 1e-8);
    assertEquals(0, loss.item(), 0);
    loss.backward();
    assertEquals(0, p.grad().item(), 0);
  }

  @Test
  void pavSolvesTheIsotonicProblem() {
    SplittableRandom r = new SplittableRandom(12);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + r.nextInt(30);
      double[] y = new double[n], w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = Math.round(r.nextGaussian() * 4) / 4.0;
        w[i] = 0.5 + r.nextDouble();
      }
      double[] v = Isotonic.pav(y, w, true);
      for (int i = 1; i < n; i++) assertTrue(v[i] >= v[i - 1] - 1e-12, "monotone");
      // optimality: no monotone perturbation by moving one block lowers the weighted error
      double base = 0;
      for (int i = 0; i < n; i++) base += w[i] * (v[i] - y[i]) * (v[i] - y[i]);
      double[] u = v.clone();
      for (double d : new double[] {1e-3, -1e-3}) {
        for (int i = 0; i < n; i++) u[i] = v[i] + d * (i >= n / 2 ? 1 : 0);
        boolean monotone = true;
        for (int i = 1; i < n; i++) monotone &= u[i] >= u[i - 1];
        double e = 0;
        for (int i = 0; i < n; i++) e += w[i] * (u[i] - y[i]) * (u[i] - y[i]);
        if (monotone) assertTrue(e >= base - 1e-12, "PAV fit is not optimal");
      }
      double[] dec = Isotonic.pav(y, w, false);
      for (int i = 1; i < n; i++) assertTrue(dec[i] <= dec[i - 1] + 1e-12, "antitone");
    }
  }

  @Test
  void softSortTendsToTheHardSort() {
    Tensor x = randn(new SplittableRandom(5), 8);
    assertArrayEquals(x.sort(0, false).values().toDoubleArray(), Isotonic.softSort(x, 1e-6, false).toDoubleArray(), 1e-9);
    assertArrayEquals(x.sort(0, true).values().toDoubleArray(), Isotonic.softSort(x, 1e-6, true).toDoubleArray(), 1e-9);
    double mean = x.mean().item();
    for (double v : Isotonic.softSort(x, 1e6, false).toDoubleArray()) assertEquals(mean, v, 1e-4);
  }

  @Test
  void calibrationReferenceValues() {
    Tensor pit = Tensor.of(0.1, 0.9, 0.4, 0.35, 0.8);
    close(0.076667, Calibration.quantileCalibration(pit, 1), 1e-6);
    close(0.05, Calibration.cdfCalibration(pit, 1, Calibration.centeredLevels(4), Double.NaN), 1e-12);
  }

  @Test
  void huberCScheduleReferenceValues() {
    assertEquals(1.0, RobustRegressionLosses.huberC("exponential", 0, 1000, 0.1, 1, 0), 1e-12);
    assertEquals(0.316228, RobustRegressionLosses.huberC("exponential", 500, 1000, 0.1, 1, 0), 1e-6);
    assertEquals(0.100231, RobustRegressionLosses.huberC("exponential", 999, 1000, 0.1, 1, 0), 1e-6);
    assertEquals(1.0, RobustRegressionLosses.huberC("snr", 0, 1000, 0.1, 1, 1.0), 1e-12);
  }

  @Test
  void cutoutDrawsItsCentresFromTheGenerator() {
    Tensor img = Tensor.ones(3, 10, 10);
    Tensor a = new Cutout(1, 4, "half", new Generator(7)).apply(img);
    Tensor b = new Cutout(1, 4, "half", new Generator(7)).apply(img);
    assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    float zeros = 0;
    for (float v : a.toFloatArray()) if (v == 0) zeros++;
    assertTrue(zeros > 0 && zeros <= 3 * 16, "a 4x4 hole (clipped at the border) in each channel, got " + zeros);
    assertEquals(300, Tensor.ones(3, 10, 10).sum().item());
    Tensor batch = new Cutout(2, 3, "full", new Generator(1)).applyBatch(Tensor.ones(4, 1, 8, 8));
    assertArrayEquals(new int[] {4, 1, 8, 8}, batch.shape());
    assertFalse(new Cutout(1, 0, "half", new Generator(1)).apply(img).eq(0).any().item() != 0);
    Tensor x = Tensor.randn(new Generator(2), 5, 3, 9, 9);
    Cutout one = new Cutout(2, 4, "half", new Generator(3)), all = new Cutout(2, 4, "half", new Generator(3));
    java.util.List<Tensor> each = new java.util.ArrayList<>();
    for (int k = 0; k < 5; k++) each.add(one.apply(x.select(0, k)));
    assertArrayEquals(Tensor.stack(each, 0).toFloatArray(), all.applyBatch(x).toFloatArray(), "batch = one example at a time");
  }

  @Test
  void cutoutIsAReproducibleDataLoaderTransform() {
    io.jgrad.nn.data.TensorDataset ds = new io.jgrad.nn.data.TensorDataset(Tensor.ones(6, 1, 8, 8), Tensor.of(new long[] {0, 1, 0, 1, 0, 1}));
    Cutout c = new Cutout(1, 4, "half", new Generator(0));
    float[][] first = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (io.jgrad.nn.data.DataLoader l = io.jgrad.nn.data.DataLoader.builder(ds, 6).seed(5).transform(c).build()) {
        first[run] = l.iterator().next().x().toFloatArray();
      }
    }
    assertArrayEquals(first[0], first[1], "the same loader seed gives the same holes");
    float zeros = 0;
    for (float v : first[0]) if (v == 0) zeros++;
    assertTrue(zeros >= 6 && zeros <= 6 * 16, "one hole of at most 4x4 per example, got " + zeros + " zeros");
  }

  @Test
  void errorsNameTheComponentTheParameterAndTheValue() {
    Tensor p = Tensor.zeros(1, 2, 3, 3), t = Tensor.zeros(io.jgrad.tensor.DType.INT64, 1, 3, 3);
    expect("tversky_loss: gamma must be > 0, got -1.0", () -> SegmentationLosses.tversky(p, t, 0.3, 0.7, 1, 1, true, false, -1,
        SegmentationLosses.FocalExponent.INVERSE, Reduction.MEAN));
    expect("dice_loss: smooth_nr must be a finite number >= 0, got -1.0", () -> SegmentationLosses.dice(p, t, true, false, false,
        -1, 1, false, Reduction.MEAN));
    expect("generalized_dice_loss: w_type must be square, simple or uniform, got 'cubic'", () ->
        SegmentationLosses.generalizedDice(p, t, true, "cubic", 1, 1, false, Reduction.MEAN));
    expect("dice_loss: class index 5 out of range [0, 2)", () -> SegmentationLosses.dice(p, Tensor.full(new int[] {1, 3, 3}, 5,
        io.jgrad.tensor.DType.INT64), Reduction.MEAN));
    expect("lovasz_softmax_loss: classes must be 'present', 'all' or a list like '0;2', got 'some'", () ->
        LovaszLosses.lovaszSoftmax(p, t, "some", false, null));
    expect("pinball_loss: tau must be in (0, 1), got 1.5", () -> QuantileLosses.pinball(Tensor.zeros(2), Tensor.zeros(2),
        new double[] {1.5}, Reduction.MEAN));
    expect("pinball_loss: pred must be [N, 3] for 3 quantile levels, got [4, 2]", () -> QuantileLosses.pinball(Tensor.zeros(4, 2),
        Tensor.zeros(4), new double[] {0.1, 0.5, 0.9}, Reduction.MEAN));
    expect("pseudo_huber_loss: c must be > 0, got 0.0", () -> RobustRegressionLosses.pseudoHuber(Tensor.zeros(2), Tensor.zeros(2),
        0, "huber", 2, Reduction.MEAN));
    expect("pseudo_huber_loss: loss_type must be huber or smooth_l1, got 'l2'", () -> RobustRegressionLosses.pseudoHuber(
        Tensor.zeros(2), Tensor.zeros(2), 0.1, "l2", 2, Reduction.MEAN));
    expect("huber_c_schedule: schedule must be constant, exponential or snr, got 'linear'", () ->
        RobustRegressionLosses.huberC("linear", 1, 1000, 0.1, 1, 0.5));
    expect("proximal_matching_loss: gamma must be > 0, got 0.0", () -> RobustRegressionLosses.proximalMatching(Tensor.zeros(2, 1),
        Tensor.zeros(2, 1), 0, Reduction.MEAN));
    expect("z_error_loss: tau must be > 0, got -2.0", () -> RobustRegressionLosses.zError(Tensor.zeros(3), Tensor.zeros(3), -2, 0));
    expect("aggregate_response_loss: rho must be >= 0, got -0.5", () -> AggregateLosses.aggregate(Tensor.zeros(2), Tensor.zeros(2),
        Tensor.of(new long[] {0, 1}), -0.5, Reduction.MEAN));
    expect("regression_losses_ext(mape): eps must be >= 0, got -1.0", () -> RegressionExtLosses.mape(Tensor.zeros(2),
        Tensor.zeros(2), -1, Reduction.MEAN));
    expect("total_variation_loss: beta must be > 0, got 0.0", () -> TotalVariation.isotropic(Tensor.zeros(3, 3), 0, 1e-8,
        Reduction.SUM));
    expect("weighted_total_variation: weights must be [*, 2, 2] for img [3, 3], got [3, 3]", () ->
        TotalVariation.weighted(Tensor.zeros(3, 3), Tensor.zeros(3, 3), 1e-8, Reduction.SUM));
    expect("lr_qr_threshold_fit: alpha must be in (0, 1), got 1.0", () -> LrQr.objective(Tensor.zeros(2), Tensor.zeros(2),
        Tensor.zeros(2), Tensor.zeros(2), Tensor.zeros(1), 1, 1));
    expect("cutout: length must be >= 0, got -4", () -> new Cutout(1, -4, "half", new Generator(1)));
    expect("cutout: extent must be half or full, got 'quarter'", () -> new Cutout(1, 4, "quarter", new Generator(1)));
    expect("quantile_calibration: L must be > 0, got 0.0", () -> Calibration.quantileCalibration(Tensor.of(0.5, 0.2), 0));
  }

  static void expect(String message, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  @Test
  void lovaszMatchesTheJaccardLossOfHardPredictions() {
    // with 0/1 probabilities the Lovász extension equals 1 − IoU of the class (the extension is tight at vertices)
    Tensor labels = Tensor.of(new long[] {1, 1, 0, 0, 1, 0}).reshape(1, 2, 3);
    Tensor pred1 = Tensor.of(new double[] {1, 0, 1, 0, 1, 0}).reshape(1, 2, 3);
    Tensor probs = Tensor.stack(java.util.List.of(pred1.neg().add(1), pred1), 1);
    // class 1: pred {0,2,4}, truth {0,1,4}: IoU 2/4; class 0: pred {1,3,5}, truth {2,3,5}: IoU 2/4
    close(0.5, LovaszLosses.lovaszSoftmax(probs, labels, "present", false, null), 1e-12);
    Tensor sure = rand(new SplittableRandom(1), 0.9, 0.95, 1, 2, 3);
    assertTrue(LovaszLosses.lovaszHinge(sure.mul(50), labels, true, null).item() >= 0);
  }
}
