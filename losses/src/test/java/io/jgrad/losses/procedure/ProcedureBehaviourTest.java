package io.jgrad.losses.procedure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.StepLR;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of the procedures beyond the goldens: exact restoration of the weights, BatchNorm
 * statistics moved by one pass only, the finite-difference identities, agreement with the
 * Trainer (gradient accumulation, clipping, schedules) and LAWN's norm constraint.
 */
class ProcedureBehaviourTest {
  static final Generator G = new Generator(5);

  static Sequential model(boolean bn) {
    Tensor flat = Tensor.randn(new Generator(9), DType.FLOAT64, bn ? 5 * 7 + 7 + 7 + 7 + 7 * 3 + 3 : 5 * 7 + 7 + 7 * 3 + 3)
        .mul(0.6);
    return GoldenModels.mlp(new int[] {5, 7, 3}, bn, flat);
  }

  static List<Batch> batches(int n, int size, long seed) {
    Generator g = new Generator(seed);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Batch(Tensor.randn(g, DType.FLOAT64, size, 5), Tensor.randint(g, 0, 3, size)));
    }
    return out;
  }

  static double[] weights(Module m) { return GoldenModels.flat(m).toDoubleArray(); }

  static List<Supplier<TrainStep>> twoPass() {
    return List.of(() -> new Sam(0.5), () -> new Sam(0.5, true), () -> new Amp(0.3, 1, 3),
        () -> new GradientNormFd(0.1, 0.2, "forward", false), () -> new GradientNormFd(0.1, 0.2, "backward", true),
        () -> new Awp(0.3, 0.01, 0, (m, x, y) -> x.add(0.1)));
  }

  @Test
  void weightsComeBackBitIdenticalAndBatchNormMovesOnce() {
    for (Supplier<TrainStep> make : twoPass()) {
      Sequential m = model(true);
      double[] before = weights(m);
      // lr 0: the optimizer does not move the weights, so they must be exactly the saved ones
      StepLoop ctx = StepLoop.of(m, new SGD(m.parameters(), 0.0), GoldenModels.CE);
      List<Batch> bs = batches(2, 6, 1);
      ctx.run(make.get(), bs);
      assertArrayEquals(before, weights(m), make.get() + ": weights after lr-0 steps");
      // running statistics: as after exactly one plain forward per batch (AWP's one training pass is on the
      // perturbed weights, so only its count is compared)
      if (!(make.get() instanceof Awp)) {
        Sequential ref = model(true);
        ref.train();
        try (var off = Grad.disabled()) {
          for (Batch b : bs) ref.forward(b.x());
        }
        assertArrayEquals(GoldenModels.bnStats(ref).toDoubleArray(), GoldenModels.bnStats(m).toDoubleArray(), 1e-15,
            make.get() + ": BatchNorm statistics");
      }
      BatchNorm bn = (BatchNorm) m.get(1);
      assertEquals(2, (long) bn.numBatchesTracked().item(), make.get() + ": batches tracked");
    }
  }

  /** On L = 1/2 w^T A w both finite-difference forms give g + gamma A g exactly, for any epsilon. */
  @Test
  void finiteDifferenceRegularizerIsExactOnAQuadratic() {
    Tensor a = Tensor.randn(new Generator(2), DType.FLOAT64, 4, 4);
    Tensor spd = a.matmul(a.t()).add(Tensor.eye(4, 4, DType.FLOAT64));
    for (String variant : List.of("forward", "backward")) {
      for (boolean normalize : List.of(false, true)) {
        for (double eps : new double[] {1e-3, 0.1, 2.0}) {
          double gamma = 0.3;
          Quadratic q = new Quadratic(Tensor.of(0.5, -1.0, 2.0, 0.25));
          Tensor w0 = q.w.detach().copy();
          Objective obj = (out, b) -> out.matmul(spd.matmul(out)).mul(0.5);
          StepLoop ctx = StepLoop.of(q, new SGD(q.parameters(), 1.0), obj);
          ctx.run(new GradientNormFd(gamma, eps, variant, normalize), List.of(new Batch(Tensor.zeros(DType.FLOAT64, 1, 1),
              Tensor.of(0L))));
          Tensor g = spd.matmul(w0);
          Tensor expected = w0.sub(g.add(spd.matmul(g).mul(gamma)));
          assertArrayEquals(expected.toDoubleArray(), q.w.detach().toDoubleArray(), 1e-10,
              variant + " normalize=" + normalize + " eps=" + eps);
        }
      }
    }
  }

  /** A module whose output is its parameter vector (the quadratic's argument). */
  static final class Quadratic extends Module {
    final Tensor w;

    Quadratic(Tensor w0) { w = registerParameter("w", w0.copy()); }

    @Override
    public Tensor forward(Tensor x) { return w; }
  }

  /** F-GR's update approaches double backprop of (gamma / 2) ||g||^2 as epsilon -> 0 (error O(epsilon)). */
  @Test
  void finiteDifferenceApproachesDoubleBackprop() {
    double gamma = 0.2;
    Sequential ref = model(false);
    StepLoop.of(ref, new SGD(ref.parameters(), 1.0), GoldenModels.CE).run(new GradNormPenalty(gamma / 2, 2), batches(1, 8, 4));
    double[] db = weights(ref);
    double prev = Double.MAX_VALUE;
    for (double eps : new double[] {1e-2, 1e-3, 1e-4}) {
      Sequential m = model(false);
      StepLoop.of(m, new SGD(m.parameters(), 1.0), GoldenModels.CE).run(new GradientNormFd(gamma, eps, "forward", false),
          batches(1, 8, 4));
      double[] fd = weights(m);
      double err = 0;
      for (int i = 0; i < db.length; i++) err = Math.max(err, Math.abs(db[i] - fd[i]));
      assertTrue(err < prev / 5, "eps " + eps + ": error " + err + " did not shrink from " + prev);
      prev = err;
    }
    assertTrue(prev < 1e-4, "F-GR vs double backprop at eps 1e-4: " + prev);
  }

  /** Through the Trainer (accumulation 2, clipping, a per-step schedule, AdamW) = the reference loop. */
  @Test
  void trainerMatchesTheLoop() {
    Generator g = new Generator(8);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 24, 5);
    Tensor y = Tensor.randint(g, 0, 3, 24);
    for (Supplier<TrainStep> make : twoPass()) {
      Sequential a = model(true), b = model(true);
      Optimizer oa = new AdamW(a.parameters(), 0.01), ob = new AdamW(b.parameters(), 0.01);
      Trainer t = Trainer.builder(a, oa, GoldenModels.CE).epochs(1).accumulate(2).clipGradNorm(0.5)
          .scheduler(new StepLR(oa, 2, 0.5), true).trainStep(make.get()).build();
      t.fit(DataLoader.builder(new TensorDataset(x, y), 4).shuffle(false).build(), null);
      List<Batch> bs = new ArrayList<>();
      for (int i = 0; i < 6; i++) bs.add(new Batch(x.narrow(0, 4 * i, 4).contiguous(), y.narrow(0, 4 * i, 4).contiguous()));
      new StepLoop(b, ob, GoldenModels.CE, List.of(), 2, 0.5, new StepLR(ob, 2, 0.5), false).run(make.get(), bs);
      // 1e-10: the Trainer sums each micro-batch's gradient separately, the loop into .grad: another rounding order
      assertArrayEquals(weights(b), weights(a), 1e-10, make.get() + " through the Trainer");
      assertArrayEquals(GoldenModels.bnStats(b).toDoubleArray(), GoldenModels.bnStats(a).toDoubleArray(), 1e-10);
    }
  }

  @Test
  void lawnKeepsTheFrozenNorms() {
    Sequential m = model(false);
    Lawn lawn = new Lawn(0, 0, true);
    List<Tensor> ws = lawn.constrainedWeights(m);
    assertEquals(2, ws.size(), "no normalization layer: every weight matrix");
    double[] norms = ws.stream().mapToDouble(w -> w.detach().norm().item()).toArray();
    StepLoop ctx = StepLoop.of(m, new AdamW(m.parameters(), 0.05), GoldenModels.CE);
    for (Batch b : batches(5, 8, 3)) {
      ctx.run(lawn, List.of(b));
      for (int i = 0; i < ws.size(); i++) assertEquals(norms[i], ws.get(i).detach().norm().item(), 1e-12, "weight " + i);
    }
    Sequential withBn = model(true);
    assertEquals(1, new Lawn(0, 0, true).constrainedWeights(withBn).size(), "only the weight after the BatchNorm");
    assertEquals(2, new Lawn(0, 2, true).constrainedWeights(withBn).size());
  }

  /** The flooded loss goes up once the plain loss is below b: a step from there increases the plain loss. */
  @Test
  void floodingAscendsBelowTheFloodLevel() {
    Sequential m = model(false);
    Batch b = batches(1, 8, 6).get(0);
    double l0;
    try (var off = Grad.disabled()) {
      l0 = Losses.crossEntropy(m.forward(b.x()), b.y()).item();
    }
    StepLoop.of(m, new SGD(m.parameters(), 0.05), io.jgrad.losses.FloodingLoss.crossEntropy(l0 + 1)).run(TrainStep.STANDARD,
        List.of(b));
    try (var off = Grad.disabled()) {
      assertTrue(Losses.crossEntropy(m.forward(b.x()), b.y()).item() > l0, "below b the step ascends");
    }
  }

  /**
   * Hutchinson's estimate of ||J||_F^2 is unbiased and the finite-difference (denoising) one is
   * first-order accurate: with many probes both agree with the exact norm within 4 standard errors.
   */
  @Test
  void jacobianEstimatorsConvergeToTheExactNorm() {
    Sequential m = model(false);
    m.eval();
    Tensor x = Tensor.randn(new Generator(12), DType.FLOAT64, 3, 5);
    double[] exact = io.jgrad.losses.reg.JacobianNorms.exact(m::forward, x).toDoubleArray();
    int probes = 4000;
    Generator g = new Generator(13);
    List<Tensor> v = new ArrayList<>(), e = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      v.add(Tensor.randn(g, DType.FLOAT64, 3, 3));
      e.add(Tensor.randn(g, DType.FLOAT64, 3, 5));
    }
    for (String est : List.of("hutchinson", "fd")) {
      double[][] per = new double[3][probes];
      for (int i = 0; i < probes; i++) {
        double[] one = est.equals("hutchinson") ? io.jgrad.losses.reg.JacobianNorms.hutchinson(m::forward, x, List.of(v.get(i)))
            .toDoubleArray() : io.jgrad.losses.reg.JacobianNorms.finiteDifference(m::forward, x, 1e-5, List.of(e.get(i))).toDoubleArray();
        for (int b = 0; b < 3; b++) per[b][i] = one[b];
      }
      for (int b = 0; b < 3; b++) {
        double mean = 0, sq = 0;
        for (double d : per[b]) mean += d / probes;
        for (double d : per[b]) sq += (d - mean) * (d - mean) / (probes - 1);
        double se = Math.sqrt(sq / probes);
        assertEquals(exact[b], mean, 4 * se, est + " example " + b + ": exact " + exact[b] + ", estimate " + mean + " +- " + se);
      }
    }
  }

  @Test
  void samWrapsSgdWithMomentum() {
    Sequential a = model(false);
    SGD opt = new SGD(a.parameters(), 0.1, Map.of("momentum", 0.9));
    List<Double> losses = StepLoop.of(a, opt, GoldenModels.CE).run(new Sam(0.05), batches(20, 16, 2));
    assertTrue(losses.get(19) < losses.get(0), "SAM + SGD momentum trains: " + losses.get(0) + " -> " + losses.get(19));
  }
}
