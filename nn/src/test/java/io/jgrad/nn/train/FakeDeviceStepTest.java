package io.jgrad.nn.train;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.ExampleTransform;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.SGDW;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-pass procedure with BatchNorm statistics frozen in its second pass, gradient
 * accumulation, clipping, a regularizer, a one-cycle schedule over SGDW, augmentation and a
 * metric, on the fake device against the CPU.
 */
class FakeDeviceStepTest {
  /** The SAM-like step of TrainStepTest with the second pass inside BatchNorm.freezeStats. */
  static final TrainStep SAM_BN = ctx -> {
    Batch b = ctx.batch();
    Tensor loss = ctx.loss(ctx.forward(b.x()), b);
    ctx.backward(loss);
    List<Tensor> ps = ctx.model().parameters();
    List<Tensor> saved = TrainStepTest.perturb(ps, 0.05);
    ctx.zeroGrad();
    try (var frozen = BatchNorm.freezeStats(ctx.model())) {
      ctx.backward(ctx.loss(ctx.forward(b.x()), b));
    }
    TrainStepTest.restore(ps, saved);
    ctx.step();
    return loss;
  };

  /** Fraction of examples whose logit margin (class 1 minus class 0) has the label's sign. */
  static final class Margin implements Metric {
    double hits;
    long n;

    @Override public void update(Tensor out, Batch b) {
      float[] o = out.to(Device.CPU).toFloatArray();
      long[] y = b.y().to(Device.CPU).toLongArray();
      for (int i = 0; i < y.length; i++) if ((o[2 * i + 1] > o[2 * i]) == (y[i] == 1)) hits++;
      n += y.length;
    }

    @Override public Map<String, Double> compute() { return Map.of("margin_accuracy", hits / n); }

    @Override public void reset() {
      hits = 0;
      n = 0;
    }
  }

  record Result(Module model, History history) {}

  static Result train(Device device, Path jsonl) {
    Generator g = new Generator(6);
    Module m = new Sequential(new Linear(2, 8, true, g), new BatchNorm1d(8), new ReLU(), new Linear(8, 2, true, g)).to(device);
    SGDW opt = new SGDW(m.parameters(), 0.1, Map.of("momentum", 0.9, "weightDecay", 1e-3));
    DataLoader train = DataLoader.builder(Fixtures.separable(60, 4), 8).shuffle(true).seed(2).prefetch(true).device(device)
        .transform(ExampleTransform.ofFeatures((x, gen) -> x.add(Tensor.randn(gen, x.shape()).mul(0.05)))).build();
    int steps = 2 * 4; // 8 batches per epoch, accumulate 2
    History h = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(2).trainStep(SAM_BN).accumulate(2).clipGradNorm(1.0)
        .regularizers(new TrainStepTest.L2()).scheduler(OneCycleLR.builder(opt, steps).maxLr(0.2).threePhase(true).build(), true)
        .metrics(new Margin()).callbacks(new MetricsJsonl(jsonl)).build()
        .fit(train, Fixtures.loader(Fixtures.separable(30, 5), 10, false));
    return new Result(m, h);
  }

  @Test
  void theWholeComposedRunMatchesTheCpu(@TempDir Path dir) throws Exception {
    Result cpu = train(Device.CPU, dir.resolve("cpu.jsonl"));
    Result dev = train(FAKE, dir.resolve("dev.jsonl"));
    for (int e = 0; e < 2; e++) {
      assertEquals(cpu.history().epochs().get(e).trainLoss(), dev.history().epochs().get(e).trainLoss(), 1e-6);
      assertEquals(cpu.history().epochs().get(e).validation().value("margin_accuracy"),
          dev.history().epochs().get(e).validation().value("margin_accuracy"));
    }
    for (var e : cpu.model().stateDict().entrySet()) {
      assertMatches(e.getKey(), e.getValue(), dev.model().stateDict().get(e.getKey()), FAKE, 1e-5);
    }
    // Second passes ran with frozen statistics: one update per batch, 8 batches in each of 2 epochs.
    assertEquals(16, dev.model().stateDict().get("1.num_batches_tracked").to(Device.CPU).toLongArray()[0]);
    String line = Files.readAllLines(dir.resolve("dev.jsonl")).get(1);
    assertTrue(line.contains("\"val_margin_accuracy\":"), line);
  }
}
