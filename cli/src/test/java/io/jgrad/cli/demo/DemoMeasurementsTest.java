package io.jgrad.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.reg.SparsityRegularizers;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The measurements the quantization and sparse-recovery demonstrations rely on, checked against
 * hand computations: 4-bit symmetric weight quantization, sign binarization that restores the
 * weights, and unfolded ISTA with nothing learned being plain ISTA (a descent method on the lasso
 * objective).
 */
class DemoMeasurementsTest {
  @Test
  void fourBitQuantizationUsesFifteenLevelsOfMaxOverSeven() {
    Tensor w = Tensor.randn(new Generator(3), 40, 30);
    double[] v = w.toDoubleArray(), q = WeightMomentDemo.quantize(w, 4).toDoubleArray();
    double max = 0;
    for (double x : v) max = Math.max(max, Math.abs(x));
    double s = max / 7;
    Set<Long> levels = new TreeSet<>();
    for (int i = 0; i < v.length; i++) {
      long k = Math.round(q[i] / s);
      assertEquals(k * s, q[i], 1e-5 * max, "a multiple of the step at " + i);
      assertTrue(Math.abs(k) <= 7, "level " + k);
      assertEquals(Math.round(v[i] / s), k, "nearest level at " + i);
      levels.add(k);
    }
    assertTrue(levels.size() <= 15 && levels.size() > 10, "levels used: " + levels);
    assertEquals(max, Math.abs(q[argmaxAbs(v)]), 1e-5 * max, "the largest weight keeps its value");
  }

  @Test
  void signBinarizationMeasuresAndRestoresTheWeights() {
    Sequential model = WeightRegSetup.mlp(5, 16);
    Linear first = (Linear) model.get(0);
    double[] before = first.weight().toDoubleArray();
    TensorDataset d = new TensorDataset(Tensor.rand(new Generator(1), 20, 64), Tensor.randint(new Generator(2), 0, 10, 20));
    double acc = CauchySchwarzDemo.binarizedAccuracy(model, List.of(first.weight()), d);
    assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    assertArrayEquals(before, first.weight().toDoubleArray(), 0.0, "weights restored");
    double q = WeightMomentDemo.quantizedAccuracy(model, List.of(first.weight()), d);
    assertTrue(q >= 0 && q <= 1, "accuracy " + q);
    assertArrayEquals(before, first.weight().toDoubleArray(), 0.0, "weights restored");
  }

  @Test
  void unfoldedIstaWithNothingLearnedIsIstaAndDescendsTheLassoObjective() {
    UnfoldedIstaDemo.Problem pr = UnfoldedIstaDemo.problem(4, 8, 8);
    double s0 = Linalg.svdvals(pr.a()).toDoubleArray()[0];
    double gamma = 1 / (s0 * s0), lambda = UnfoldedIstaDemo.LAMBDA;
    UnfoldedIsta ista = new UnfoldedIsta(pr.a(), 6, gamma, lambda * gamma, false);
    assertEquals(0, ista.parameters().size(), "plain ISTA learns nothing");
    assertEquals(12, new UnfoldedIsta(pr.a(), 6, gamma, lambda * gamma, true).parameters().size(), "a step and a threshold per layer");
    Tensor y = pr.train().features();
    try (var off = Grad.disabled()) {
      List<Tensor> xs = ista.iterates(y);
      int m = UnfoldedIstaDemo.M, n = UnfoldedIstaDemo.N;
      double[] a = pr.a().toDoubleArray(), yv = y.toDoubleArray();
      double[] x = new double[8 * n];
      double previous = Double.POSITIVE_INFINITY;
      for (int t = 0; t < 6; t++) {
        double[] next = new double[8 * n];
        for (int b = 0; b < 8; b++) {
          double[] r = new double[m];
          for (int i = 0; i < m; i++) {
            double ax = 0;
            for (int j = 0; j < n; j++) ax += a[i * n + j] * x[b * n + j];
            r[i] = yv[b * m + i] - ax;
          }
          for (int j = 0; j < n; j++) {
            double g = 0;
            for (int i = 0; i < m; i++) g += a[i * n + j] * r[i];
            double v = x[b * n + j] + gamma * g;
            next[b * n + j] = Math.signum(v) * Math.max(Math.abs(v) - lambda * gamma, 0);
          }
        }
        x = next;
        assertArrayEquals(x, xs.get(t).toDoubleArray(), 1e-5, "iterate " + (t + 1));
        double obj = SparsityRegularizers.lassoObjective(y, pr.a(), xs.get(t), lambda, Reduction.MEAN).item();
        assertTrue(obj <= previous + 1e-6, "ISTA with step 1/L descends the lasso objective: " + obj + " after " + previous);
        previous = obj;
      }
    }
  }

  private static int argmaxAbs(double[] v) {
    int k = 0;
    for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[k])) k = i;
    return k;
  }
}
