package io.jgrad.losses.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.procedure.ArtSchedule;
import io.jgrad.losses.procedure.ProgressiveSubnetDistillation;
import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.FakeQuantInput;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Regularizers that act after the optimizer step (the L1 proximal step, singular value
 * thresholding, LOBSTER, masks) compose with SGD, Adam and AdamW: the weights after a step are
 * exactly the regularizer's map applied to the optimizer's update. And the procedures ART and
 * progressive subnet distillation, run as TrainSteps.
 */
class PostStepRegularizerTest {
  static final Generator DATA = new Generator(9);
  static final Tensor X = Tensor.randn(DATA, DType.FLOAT64, 16, 6);
  static final Tensor Y = Tensor.randint(DATA, 0, 3, 16);

  static Sequential mlp() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Linear(6, 8, true, new Generator(1)), new ReLU(),
        new Linear(8, 3, true, new Generator(2))));
  }

  static Map<String, Function<List<Tensor>, Optimizer>> optimizers() {
    return Map.of("SGD", p -> new SGD(p, 0.1, Map.of("momentum", 0.9)), "Adam", p -> new Adam(p, 0.01),
        "AdamW", p -> new AdamW(p, 0.01, Map.of("weightDecay", 0.05)));
  }

  /** Runs one step with the optimizer alone and one with the regularizer; returns {weights after optimizer only, after both}. */
  static List<List<Tensor>> stepBoth(Function<List<Tensor>, Optimizer> opt, Regularizer reg) {
    List<List<Tensor>> out = new ArrayList<>();
    for (boolean withReg : new boolean[] {false, true}) {
      Sequential m = mlp();
      Optimizer o = opt.apply(m.parameters());
      StepLoop ctx = StepLoop.crossEntropy(m, o, withReg ? List.of(reg) : List.of());
      ctx.run(TrainStep.STANDARD, X, Y);
      out.add(ParamSelector.weights().select(m).stream().map(s -> s.tensor().copy()).toList());
    }
    return out;
  }

  static void assertAllClose(Tensor want, Tensor got) {
    double[] a = want.toDoubleArray(), b = got.toDoubleArray();
    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-12, "element " + i);
  }

  @TestFactory
  Stream<DynamicTest> proximalStepsComposeWithEveryOptimizer() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : optimizers().entrySet()) {
      double lr = e.getKey().equals("SGD") ? 0.1 : 0.01;
      tests.add(DynamicTest.dynamicTest("proximal_l1_step with " + e.getKey(), () -> {
        List<List<Tensor>> w = stepBoth(e.getValue(), Catalog.create("proximal_l1_step:lambda=5", Regularizer.class));
        int zeros = 0;
        for (int i = 0; i < w.get(0).size(); i++) {
          assertAllClose(ProximalSteps.softThreshold(w.get(0).get(i), lr * 5), w.get(1).get(i));
          for (double v : w.get(1).get(i).toDoubleArray()) if (v == 0) zeros++;
        }
        assertTrue(zeros > 0, "soft-thresholding makes exact zeros");
      }));
      tests.add(DynamicTest.dynamicTest("nuclear_norm_regularizer prox with " + e.getKey(), () -> {
        List<List<Tensor>> w = stepBoth(e.getValue(), Catalog.create("nuclear_norm_regularizer:lambda=20,prox=true", Regularizer.class));
        for (int i = 0; i < w.get(0).size(); i++) {
          double[] s0 = Linalg.svdvals(w.get(0).get(i)).toDoubleArray(), s1 = Linalg.svdvals(w.get(1).get(i)).toDoubleArray();
          for (int j = 0; j < s0.length; j++) assertEquals(Math.max(s0[j] - lr * 20, 0), s1[j], 1e-9);
        }
      }));
      tests.add(DynamicTest.dynamicTest("lobster_sensitivity_decay with " + e.getKey(), () -> {
        Sequential m = mlp();
        Optimizer o = e.getValue().apply(m.parameters());
        Regularizer lob = Catalog.create("lobster_sensitivity_decay:lambda=0.3", Regularizer.class);
        StepLoop ctx = StepLoop.crossEntropy(m, o, List.of());
        ctx.run(TrainStep.STANDARD, X, Y);
        List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
        List<Tensor> before = ws.stream().map(Tensor::copy).toList();
        lob.afterStep(m, o);
        for (int i = 0; i < ws.size(); i++) assertAllClose(LobsterSensitivityDecay.step(before.get(i), ws.get(i).grad(), 0.3, false), ws.get(i));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> prunedWeightsStayZeroUnderEveryOptimizer() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : optimizers().entrySet()) {
      tests.add(DynamicTest.dynamicTest("lobster threshold pruning with " + e.getKey(), () -> {
        Sequential m = mlp();
        LobsterSensitivityDecay lob = new LobsterSensitivityDecay(0.01, false, true, 0.2, 2, ParamSelector.weights());
        StepLoop ctx = StepLoop.crossEntropy(m, e.getValue().apply(m.parameters()), List.of(lob));
        List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
        for (int s = 0; s < 2; s++) ctx.run(TrainStep.STANDARD, X, Y);
        double sparsity = MagnitudeMask.sparsity(ws);
        assertTrue(sparsity > 0.2, "pruned " + sparsity);
        List<boolean[]> zero = new ArrayList<>();
        for (Tensor w : ws) {
          double[] v = w.toDoubleArray();
          boolean[] z = new boolean[v.length];
          for (int i = 0; i < v.length; i++) z[i] = v[i] == 0;
          zero.add(z);
        }
        for (int s = 0; s < 5; s++) ctx.run(TrainStep.STANDARD, X, Y);
        for (int k = 0; k < ws.size(); k++) {
          double[] v = ws.get(k).toDoubleArray();
          for (int i = 0; i < v.length; i++) if (zero.get(k)[i]) assertTrue(v[i] == 0, "pruned weight " + i + " came back: " + v[i]);
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void lobsterAdamLikeUsesSecondMomentCorrectionOnly() {
    Sequential m = mlp();
    Optimizer o = new SGD(m.parameters(), 0.0);
    StepLoop ctx = StepLoop.crossEntropy(m, o, List.of());
    ctx.run(TrainStep.STANDARD, X, Y);
    Tensor w = ((Linear) m.get(0)).weight();
    Tensor g = w.grad().copy(), before = w.copy();
    new LobsterSensitivityDecay(0.2, false, true, 0, 1, ParamSelector.weights()).afterStep(m, o);
    // first step: m = 0.1 g, v = 0.001 g^2, v / (1 - 0.999) = g^2 -> g' = 0.1 g / (|g| + 1e-8)
    Tensor gp = g.mul(0.1).div(g.abs().add(1e-8));
    assertAllClose(LobsterSensitivityDecay.step(before, gp, 0.2, false), w);
  }

  @Test
  void artRunsItsPhasesAndKeepsTheMask() {
    Sequential m = mlp();
    ArtSchedule art = new ArtSchedule(0.7, 0.5, 1.5, 1, 0, ParamSelector.weights());
    StepLoop ctx = StepLoop.crossEntropy(m, new Adam(m.parameters(), 0.01), List.of());
    List<Tensor> ws = ParamSelector.weights().select(m).stream().map(ParamSelector.Selected::tensor).toList();
    assertEquals(ArtSchedule.Phase.WARMUP, art.phase());
    assertEquals(0.5, art.lambda(2), 1e-15);
    assertEquals(0.75, art.lambda(3), 1e-15);
    for (int epoch = 1; epoch <= 40 && art.phase() != ArtSchedule.Phase.FINETUNE; epoch++) {
      ctx.epoch(epoch);
      for (int b = 0; b < 2; b++) ctx.run(art, X, Y);
    }
    if (art.phase() != ArtSchedule.Phase.FINETUNE) art.pruneNow(m);
    double sparsity = MagnitudeMask.sparsity(ws);
    assertTrue(sparsity >= 0.69, "sparsity " + sparsity);
    for (int s = 0; s < 5; s++) ctx.run(art, X, Y);
    assertEquals(sparsity, MagnitudeMask.sparsity(ws), 1e-12, "fine-tuning keeps the mask");
  }

  /** One PSD step accumulates the biggest subnet's loss and each later subnet's GPG loss, then steps once. */
  @Test
  void progressiveSubnetDistillationAccumulatesTheChain() {
    Sequential m = mlp();
    FakeQuantInput.wrapAll(m, Linear.class, () -> new LearnedClipFakeQuant(8, 3, -3));
    ProgressiveSubnetDistillation psd = new ProgressiveSubnetDistillation(0.5, 1.0, 2, new int[] {8, 4}, 1);
    StepLoop ctx = StepLoop.crossEntropy(m, new SGD(m.parameters(), 0.0), List.of());
    ctx.run(psd, X, Y);
    Tensor w = ((Linear) ((FakeQuantInput) m.get(0)).module()).weight();
    Tensor got = w.grad().copy();
    List<LearnedClipFakeQuant> qs = ProgressiveSubnetDistillation.quantizers(m);
    assertEquals(8, qs.get(0).bits(), "the biggest subnet is active after the step");
    // by hand: 8-bit CE, then the 4-bit subnet distilled from the 8-bit logits
    m.zeroGrad();
    qs.forEach(q -> q.setBits(8));
    Tensor big = m.forward(X);
    io.jgrad.losses.Losses.crossEntropy(big, Y).backward();
    qs.forEach(q -> q.setBits(4));
    ProgressiveSubnetDistillation.gpgLoss(m.forward(X), big.detach(), Y, 0.5, 1.0).backward();
    assertAllClose(w.grad(), got);
    assertNotEquals(0.0, got.abs().sum().item());
  }
}
