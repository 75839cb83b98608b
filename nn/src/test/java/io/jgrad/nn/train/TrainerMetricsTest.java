package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics in evaluate, regression targets, and the natural (torch-style) accumulation loop. */
class TrainerMetricsTest {
  /** Mean absolute error and the number of examples seen, over batches. */
  static final class Mae implements Metric {
    double sum;
    long n;
    int resets;

    @Override
    public void update(Tensor output, Batch batch) {
      sum += output.reshape(-1).sub(batch.y().reshape(-1)).abs().sum().item();
      n += batch.size();
    }

    @Override
    public Map<String, Double> compute() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("mae", sum / n);
      m.put("seen", (double) n);
      return m;
    }

    @Override
    public void reset() {
      sum = 0;
      n = 0;
      resets++;
    }
  }

  /** y = 2 x0 - x1 + 0.5 on 64 points, as float [N] or [N, 1] targets. */
  static TensorDataset regression(boolean column) {
    Tensor x = Tensor.randn(new Generator(4), 64, 2);
    Tensor y = x.select(1, 0).mul(2).sub(x.select(1, 1)).add(0.5);
    return new TensorDataset(x, column ? y.reshape(64, 1) : y, Map.of());
  }

  static Tensor mse(Tensor out, Tensor y) {
    return out.reshape(-1).sub(y.reshape(-1)).pow(2).mean();
  }

  @Test
  void regressionTargetsTrainWithNanAccuracyAndMetricsAreEvaluated() {
    for (boolean column : new boolean[] {false, true}) {
      TensorDataset d = regression(column);
      Module m = new Linear(2, 1, true, new Generator(1));
      Mae mae = new Mae();
      Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), TrainerMetricsTest::mse).epochs(15).metrics(mae).build();
      DataLoader dl = DataLoader.builder(d, 16).shuffle(true).seed(2).build();
      History h = t.fit(dl, DataLoader.builder(d, 20).build());
      EpochResult last = h.last();
      assertTrue(Double.isNaN(last.trainAccuracy()), "no accuracy for regression");
      assertTrue(Double.isNaN(last.validation().accuracy()));
      assertTrue(last.trainLoss() < h.epochs().get(0).trainLoss() * 0.01, h.toString());
      assertEquals(64.0, last.validation().value("seen"), "reset before each evaluation");
      assertEquals(15, mae.resets);
      // Oracle: the metric over the whole set at once.
      try (TensorScope s = TensorScope.open()) {
        Tensor out = m.forward(d.features());
        double want = out.reshape(-1).sub(d.labels().reshape(-1)).abs().mean().item();
        assertEquals(want, last.validation().value("mae"), 1e-6);
      }
      assertEquals(List.of("mae", "seen"), List.copyOf(last.validation().values().keySet()));
      var e = assertThrows(IllegalArgumentException.class, () -> last.validation().value("ece"));
      assertTrue(e.getMessage().contains("no value 'ece'; available: mae, seen"), e.getMessage());
    }
  }

  @Test
  void twoMetricsWithTheSameNameFail() {
    TensorDataset d = regression(false);
    Module m = new Linear(2, 1, true, new Generator(1));
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), TrainerMetricsTest::mse).metrics(new Mae(), new Mae()).build();
    var e = assertThrows(IllegalStateException.class, () -> t.evaluate(DataLoader.builder(d, 20).build()));
    assertTrue(e.getMessage().contains("two metrics report a value named 'mae'"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Metrics(0, 0, 0).value("x")).getMessage()
        .contains("no metrics were evaluated"));
  }

  /**
   * Accumulation against the usual torch loop: zero once per group, back-propagate loss / r for
   * each of its r micro-batches (gradients add up in .grad), step once. Compared to 1e-6 for the
   * reason given in TrainStepTest (JIT stages).
   */
  @Test
  void accumulationEqualsTheTorchStyleLoop() {
    TensorDataset data = Fixtures.separable(50, 11);
    Module a = Fixtures.mlp(3);
    SGD oa = new SGD(a.parameters(), 0.3, Map.of("momentum", 0.9));
    Trainer.builder(a, oa, Fixtures::crossEntropy).epochs(2).accumulate(3).build()
        .fit(DataLoader.builder(data, 8).shuffle(true).seed(3).build(), null);

    Module b = Fixtures.mlp(3);
    SGD ob = new SGD(b.parameters(), 0.3, Map.of("momentum", 0.9));
    DataLoader dl = DataLoader.builder(data, 8).shuffle(true).seed(3).build();
    for (int epoch = 0; epoch < 2; epoch++) {
      List<Batch> batches = new java.util.ArrayList<>();
      for (Batch x : dl) batches.add(x);
      for (int g0 = 0; g0 < batches.size(); g0 += 3) {
        int r = Math.min(3, batches.size() - g0);
        ob.zeroGrad(false);
        for (int j = 0; j < r; j++) {
          try (Batch x = batches.get(g0 + j); TensorScope s = TensorScope.open()) {
            Tensor loss = Fixtures.crossEntropy(b.forward(x.x()), x.y());
            (r == 1 ? loss : loss.mul(1.0 / r)).backward();
          }
        }
        ob.step();
      }
    }
    for (int i = 0; i < a.parameters().size(); i++) {
      float[] want = b.parameters().get(i).toFloatArray(), got = a.parameters().get(i).toFloatArray();
      for (int j = 0; j < want.length; j++) assertEquals(want[j], got[j], 1e-6, "parameter " + i + "[" + j + "]");
    }
  }
}
