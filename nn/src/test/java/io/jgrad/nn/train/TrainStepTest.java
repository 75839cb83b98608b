package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.StepLR;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pluggable training steps, regularizers and gradient accumulation, each against a hand-written
 * loop doing the same arithmetic in the same order.
 */
class TrainStepTest {
  private static final int EPOCHS = 2;
  private static final int BATCH = 8;
  /** 50 examples in batches of 8: 7 batches per epoch, the last of 2 examples. */
  private final TensorDataset data = Fixtures.separable(50, 11);

  private DataLoader loader() { return DataLoader.builder(data, BATCH).shuffle(true).seed(3).build(); }

  /** An L2 penalty on every weight, coefficient 0.01. */
  static final class L2 implements Regularizer {
    int afterSteps;

    @Override
    public Tensor penalty(Module model, Batch batch, Tensor output) {
      Tensor s = null;
      for (Tensor p : model.parameters()) s = s == null ? p.mul(p).sum() : s.add(p.mul(p).sum());
      return s.mul(0.01);
    }

    @Override
    public void afterStep(Module model, Optimizer optimizer) {
      assertFalse(Grad.isEnabled(), "afterStep runs with gradients disabled");
      afterSteps++;
    }
  }

  /**
   * A SAM-like two-pass step: gradient at w, ascend to w + rho g/||g||, gradient there, restore w
   * from a copy, step with the second gradient. Records whether every restore was exact.
   */
  static final class TwoPass implements TrainStep {
    final double rho;
    boolean restoredExactly = true;
    int runs;

    TwoPass(double rho) { this.rho = rho; }

    @Override
    public Tensor run(StepContext ctx) {
      runs++;
      Batch b = ctx.batch();
      Tensor loss = ctx.loss(ctx.forward(b.x()), b);
      ctx.backward(loss);
      List<Tensor> ps = ctx.model().parameters();
      List<Tensor> saved = perturb(ps, rho);
      ctx.zeroGrad();
      ctx.backward(ctx.loss(ctx.forward(b.x()), b));
      restoredExactly &= restore(ps, saved);
      ctx.step();
      return loss;
    }
  }

  static List<Tensor> perturb(List<Tensor> ps, double rho) {
    List<Tensor> saved = new ArrayList<>();
    try (var off = Grad.disabled()) {
      double sq = 0;
      for (Tensor p : ps) sq += p.grad().mul(p.grad()).sum().item();
      double scale = rho / (Math.sqrt(sq) + 1e-12);
      for (Tensor p : ps) {
        saved.add(p.copy());
        p.addInPlace(p.grad(), scale);
      }
    }
    return saved;
  }

  static boolean restore(List<Tensor> ps, List<Tensor> saved) {
    boolean exact = true;
    try (var off = Grad.disabled()) {
      for (int i = 0; i < ps.size(); i++) {
        ps.get(i).copyFrom(saved.get(i));
        exact &= java.util.Arrays.equals(ps.get(i).toFloatArray(), saved.get(i).toFloatArray());
      }
    }
    return exact;
  }

  record Setup(String name, Function<Module, Optimizer> optimizer, BiFunction<Optimizer, Integer, LrScheduler> schedule) {}

  static List<Setup> setups() {
    return List.of(
        new Setup("SGD momentum + StepLR", m -> new SGD(m.parameters(), 0.3, Map.of("momentum", 0.9, "weightDecay", 1e-3)),
            (o, steps) -> new StepLR(o, 2, 0.7)),
        new Setup("AdamW + OneCycleLR", m -> new AdamW(m.parameters(), 0.05), (o, steps) -> new OneCycleLR(o, 0.05, steps)));
  }

  /**
   * The hand-written loop: per group of k micro-batches (r in the last, shorter group), each
   * micro-batch from zero gradients, losses scaled 1/r, gradients summed over the group, then
   * clip, step, the regularizer's afterStep and the schedule.
   */
  private List<Tensor> handLoop(Setup setup, int k, boolean twoPass, double clip, double rho) {
    Module m = Fixtures.mlp(3);
    Optimizer opt = setup.optimizer().apply(m);
    int nb = 7;
    int steps = EPOCHS * ((nb + k - 1) / k);
    LrScheduler sched = setup.schedule().apply(opt, steps);
    L2 reg = new L2();
    DataLoader dl = loader();
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      List<Batch> batches = new ArrayList<>();
      for (Batch b : dl) batches.add(b);
      for (int g0 = 0; g0 < nb; g0 += k) {
        int r = Math.min(k, nb - g0);
        List<Tensor> sums = null;
        for (int j = 0; j < r; j++) {
          try (Batch b = batches.get(g0 + j); TensorScope scope = TensorScope.open()) {
            opt.zeroGrad(false);
            Tensor out = m.forward(b.x());
            Tensor loss = Fixtures.crossEntropy(out, b.y()).add(reg.penalty(m, b, out));
            (r == 1 ? loss : loss.mul(1.0 / r)).backward();
            if (twoPass) {
              List<Tensor> saved = perturb(m.parameters(), rho);
              opt.zeroGrad(false);
              Tensor out2 = m.forward(b.x());
              Tensor loss2 = Fixtures.crossEntropy(out2, b.y()).add(reg.penalty(m, b, out2));
              (r == 1 ? loss2 : loss2.mul(1.0 / r)).backward();
              restore(m.parameters(), saved);
            }
            try (var off = Grad.disabled()) {
              if (j < r - 1) {
                if (sums == null) {
                  sums = new ArrayList<>();
                  for (Tensor p : m.parameters()) sums.add(TensorScope.untracked(() -> Tensor.zerosLike(p.grad())).addInPlace(p.grad()));
                } else {
                  for (int i = 0; i < sums.size(); i++) sums.get(i).addInPlace(m.parameters().get(i).grad());
                }
              } else if (sums != null) {
                for (int i = 0; i < sums.size(); i++) m.parameters().get(i).grad().addInPlace(sums.get(i));
              }
            }
          }
        }
        if (clip > 0) Clip.gradNorm(m.parameters(), clip);
        opt.step();
        sched.step();
      }
    }
    return m.parameters();
  }

  private List<Tensor> trainer(Setup setup, int k, TrainStep step, double clip, L2 reg, List<Long> stepsSeen) {
    Module m = Fixtures.mlp(3);
    Optimizer opt = setup.optimizer().apply(m);
    int steps = EPOCHS * ((7 + k - 1) / k);
    Callback c = new Callback() {
      @Override public void onBatchEnd(TrainerState s) { stepsSeen.add(s.step()); }
    };
    Trainer.Builder b = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(EPOCHS).regularizers(reg).trainStep(step)
        .accumulate(k).scheduler(setup.schedule().apply(opt, steps), true).callbacks(c);
    if (clip > 0) b.clipGradNorm(clip);
    b.build().fit(loader(), null);
    return m.parameters();
  }

  /**
   * The plain and the two-pass step, with and without accumulation (groups 3, 3, 1 per epoch),
   * clipping, a regularizer and a per-step schedule, under SGD and AdamW: equal to the hand loop.
   * Not compared bit for bit: the two runs execute at different stages of JIT compilation, and
   * interpreted and compiled Vector API transcendentals (exp in the softmax) may differ in the
   * last ulp; 1e-6 absolute on weights of order 1 is a few float32 ulps after 6 to 14 updates.
   */
  @TestFactory
  Stream<DynamicTest> trainerEqualsTheHandWrittenLoop() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Setup setup : setups()) {
      for (int k : new int[] {1, 3}) {
        for (boolean twoPass : new boolean[] {false, true}) {
          String name = setup.name() + ", accumulate " + k + (twoPass ? ", two-pass" : ", standard");
          tests.add(DynamicTest.dynamicTest(name, () -> {
            TwoPass sam = new TwoPass(0.05);
            L2 reg = new L2();
            List<Long> seen = new ArrayList<>();
            List<Tensor> got = trainer(setup, k, twoPass ? sam : TrainStep.STANDARD, 0.5, reg, seen);
            List<Tensor> want = handLoop(setup, k, twoPass, 0.5, 0.05);
            for (int i = 0; i < want.size(); i++) {
              float[] a = want.get(i).toFloatArray(), g = got.get(i).toFloatArray();
              for (int j = 0; j < a.length; j++) assertEquals(a[j], g[j], 1e-6, name + " parameter " + i + "[" + j + "]");
            }
            int updatesPerEpoch = (7 + k - 1) / k;
            assertEquals(EPOCHS * updatesPerEpoch, reg.afterSteps, "afterStep once per optimizer step");
            assertEquals(EPOCHS * 7, seen.size(), "onBatchEnd once per batch");
            assertEquals(EPOCHS * updatesPerEpoch, seen.get(seen.size() - 1), "TrainerState.step counts optimizer steps");
            if (twoPass) {
              assertEquals(EPOCHS * 7, sam.runs);
              assertTrue(sam.restoredExactly, "the perturbation was undone bit for bit");
            }
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void theContextReportsUpdateStepsStepCountAndEpoch() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    List<String> seen = new ArrayList<>();
    TrainStep spy = ctx -> {
      seen.add(ctx.epoch() + ":" + ctx.stepCount() + ":" + ctx.isUpdateStep());
      assertSame(m, ctx.model());
      assertSame(opt, ctx.optimizer());
      return TrainStep.STANDARD.run(ctx);
    };
    Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(2).accumulate(3).trainStep(spy).build().fit(loader(), null);
    assertEquals(List.of("1:0:false", "1:0:false", "1:0:true", "1:1:false", "1:1:false", "1:1:true", "1:2:true",
        "2:3:false", "2:3:false", "2:3:true", "2:4:false", "2:4:false", "2:4:true", "2:5:true"), seen);
  }

  @Test
  void theObjectiveSeesTheWholeBatch() {
    Module m = Fixtures.mlp(3);
    List<Integer> sizes = new ArrayList<>();
    Objective obj = (out, b) -> {
      assertNotNull(b.index(), "the loader fills the sample indices");
      assertEquals(b.size(), b.index().shape()[0]);
      sizes.add(b.size());
      return Fixtures.crossEntropy(out, b.y());
    };
    History h = Trainer.builder(m, new SGD(m.parameters(), 0.1), obj).epochs(1).build().fit(loader(), null);
    assertEquals(List.of(8, 8, 8, 8, 8, 8, 2), sizes);
    assertTrue(Double.isFinite(h.last().trainLoss()));
    // A typed lambda selects the Objective overload; an untyped (out, y) lambda the target-only one.
    Trainer.builder(m, new SGD(m.parameters(), 0.1), (Tensor out, Batch b) -> Fixtures.crossEntropy(out, b.y())).build();
    Trainer.builder(m, new SGD(m.parameters(), 0.1), (out, y) -> Fixtures.crossEntropy(out, y)).build();
    BiFunction<Tensor, Tensor, Tensor> f = Fixtures::crossEntropy;
    Trainer.builder(m, new SGD(m.parameters(), 0.1), f).build();
  }

  @Test
  void aNanLossFromACustomStepThrowsBeforeTheUpdate() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    float[] before = m.parameters().get(0).toFloatArray();
    TrainStep nan = ctx -> {
      Tensor loss = ctx.loss(ctx.forward(ctx.batch().x()), ctx.batch()).mul(Double.NaN);
      ctx.backward(loss);
      ctx.step();
      return loss;
    };
    // The objective itself is finite; the step's first loss (ctx.loss) is; the NaN is in what the step returns.
    Objective nanObjective = (out, b) -> Fixtures.crossEntropy(out, b.y()).mul(Double.NaN);
    var e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.builder(m, opt, nanObjective).epochs(1).build().fit(loader(), null));
    assertEquals(1, e.step());
    assertArrayEquals(before, m.parameters().get(0).toFloatArray(), "no update after a NaN loss");
    assertThrows(TrainingDivergedException.class, () -> Trainer.builder(m, opt, Fixtures::crossEntropy).trainStep(nan).epochs(1).build()
        .fit(loader(), null));
  }

  @Test
  void brokenStepsFailWithClearMessages() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    TrainStep noStep = ctx -> ctx.loss(ctx.forward(ctx.batch().x()), ctx.batch());
    var e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder(m, opt, Fixtures::crossEntropy).trainStep(noStep).epochs(1).build().fit(loader(), null));
    assertTrue(e.getMessage().contains("without calling ctx.step()"), e.getMessage());
    TrainStep twice = ctx -> {
      Tensor l = TrainStep.STANDARD.run(ctx);
      ctx.step();
      return l;
    };
    e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder(m, opt, Fixtures::crossEntropy).trainStep(twice).epochs(1).build().fit(loader(), null));
    assertTrue(e.getMessage().contains("step() called twice"), e.getMessage());
    TrainStep nul = ctx -> {
      TrainStep.STANDARD.run(ctx);
      return null;
    };
    e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder(m, opt, Fixtures::crossEntropy).trainStep(nul).epochs(1).build().fit(loader(), null));
    assertTrue(e.getMessage().contains("returned null"), e.getMessage());

    Trainer.Builder b = Trainer.builder(m, opt, Fixtures::crossEntropy);
    var iae = assertThrows(IllegalArgumentException.class, () -> b.accumulate(0));
    assertTrue(iae.getMessage().contains("accumulate must be >= 1 micro-batches, got 0"), iae.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.trainStep(null)).getMessage().contains("trainStep is null"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.regularizers((Regularizer) null)).getMessage().contains("null regularizer"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.metrics((Metric) null)).getMessage().contains("null metric"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.builder(m, opt, (Objective) null)).getMessage().contains("must not be null"));
  }
}
