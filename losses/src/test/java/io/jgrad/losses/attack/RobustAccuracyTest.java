package io.jgrad.losses.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.losses.Losses;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RobustAccuracy: clean and adversarial accuracy accumulated over batches, as a Trainer evaluates it. */
class RobustAccuracyTest {
  private static double accuracy(Module m, Tensor x, Tensor y) {
    return m.call(x).argmax(1, false).eq(y).sum().item() / x.size(0);
  }

  @Test
  void accumulatesCleanAndRobustAccuracyOverBatches() {
    Module m = AttackFixtures.model(21);
    Tensor x = Tensor.rand(new Generator(1), DType.FLOAT64, 30, 2, 2);
    Tensor y;
    try (var off = Grad.disabled()) {
      y = m.call(x).argmax(1, false); // labels the model gets right: clean accuracy 1
    }
    Pgd pgd = Pgd.builder(Norm.LINF, 0.3, DataRange.of(0, 1)).steps(10).build();
    RobustAccuracy metric = new RobustAccuracy(m, pgd);
    double robust = 0;
    try (var off = Grad.disabled()) { // as Trainer.evaluate calls it
      for (int start = 0; start < 30; start += 10) {
        Tensor xb = x.narrow(0, start, 10), yb = y.narrow(0, start, 10);
        metric.update(m.call(xb), new Batch(xb, yb));
        robust += accuracy(m, pgd.perturb(m, xb, yb), yb) * 10;
      }
    }
    Map<String, Double> r = metric.compute();
    assertEquals(1.0, r.get("clean_accuracy"));
    assertEquals(robust / 30, r.get("robust_accuracy"), 1e-12);
    assertTrue(r.get("robust_accuracy") < 1.0, "an eps of 0.3 flips some predictions: " + r);
    assertEquals(2, r.size());
    metric.reset();
    assertTrue(metric.compute().get("robust_accuracy").isNaN());
  }

  @Test
  void theTrainerEvaluatesItAsAMetric() {
    Module m = AttackFixtures.model(23);
    Tensor x = Tensor.rand(new Generator(4), DType.FLOAT64, 20, 2, 2);
    Tensor y = Tensor.randint(new Generator(5), 0, 3, 20);
    DataLoader data = DataLoader.builder(new TensorDataset(x, y), 8).build();
    Pgd pgd = Pgd.builder(Norm.L2, 0.5, DataRange.of(0, 1)).steps(5).build();
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), Objective.of(Losses::crossEntropy))
        .metrics(new RobustAccuracy(m, pgd)).build();
    m.train();
    Metrics r = t.evaluate(data);
    assertEquals(r.accuracy(), r.values().get("clean_accuracy"), 1e-12);
    double robust = 0;
    for (int start = 0; start < 20; start += 8) {
      int n = Math.min(8, 20 - start);
      robust += accuracy(m, pgd.perturb(m, x.narrow(0, start, n), y.narrow(0, start, n)), y.narrow(0, start, n)) * n;
    }
    assertEquals(robust / 20, r.values().get("robust_accuracy"), 1e-12);
    assertTrue(m.isTraining());
  }

  @Test
  void zeroEpsGivesTheCleanAccuracyAndNullOutputRunsTheModel() {
    Module m = AttackFixtures.model(22);
    Tensor x = Tensor.rand(new Generator(2), DType.FLOAT64, 12, 2, 2);
    Tensor y = Tensor.randint(new Generator(3), 0, 3, 12);
    RobustAccuracy metric = new RobustAccuracy(m, Fgsm.of(0.0, DataRange.of(0, 1)));
    metric.update(null, new Batch(x, y));
    Map<String, Double> r = metric.compute();
    assertEquals(accuracy(m, x, y), r.get("clean_accuracy"), 1e-12);
    assertEquals(r.get("clean_accuracy"), r.get("robust_accuracy"));
  }
}
