package io.jgrad.losses;

import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Input conventions for the numerics edge test, one per kind of output/target a loss or
 * regularizer takes. Each convention builds a benign case (to find which convention a component
 * accepts) and its edge cases: outputs of +-1e4, targets at their edges (all one class, the
 * other extreme class, all ignored, all 0, all 1), the worst case (the target's logit at -1e4,
 * the others at +1e4). Every batch carries sample indices and a "bag" field, which components
 * that need them read and the others ignore. Regularizers get a model whose forward gives the
 * case's output (a linear head with weights of +-1250 on inputs of +-1: outputs up to +-1e4).
 */
final class NumericEdgeInputs {
  static final int N = 6, C = 5, D = 8;
  static final double BIG = 1e4;

  /** One case: the output (a leaf that requires grad), the batch, and the model that gives it. */
  record Case(String what, Tensor output, Batch batch, Module model) {}

  /** A convention: a name and its cases (the first is the benign probe); {@code ignore} adds the all-ignored case. */
  record Convention(String name, Function<Boolean, List<Case>> cases) {}

  private NumericEdgeInputs() {}

  static Tensor leaf(Tensor t) { return t.detach().to(DType.FLOAT32).requiresGrad(true); }

  static Batch batch(Tensor x, Tensor y, Map<String, Tensor> extra) {
    Map<String, Tensor> f = new LinkedHashMap<>(extra);
    f.put("bag", Tensor.fromArray(new long[] {0, 0, 1, 1, 2, 2}, N));
    return new Batch(x, y, Tensor.arange(0, N, 1, DType.INT64), f);
  }

  /** [N, 8] seen as [N, 2, 2, 2]. */
  static final class Cube extends Module {
    @Override
    public Tensor forward(Tensor x) { return x.reshape(x.size(0), 2, 2, 2); }
  }

  /**
   * A small network with the layer kinds weight regularizers select (a Conv2d, two Linear), whose
   * last layer is scaled so that its largest output on inputs of +-1 is 1e4: x [N, 8] is seen as
   * [N, 2, 2, 2], conv 1x1 to 4 channels, ReLU, flatten, Linear 16-16, tanh, Linear 16-out.
   */
  static Module head(int out, long seed) {
    Generator g = new Generator(seed);
    Module m = new io.jgrad.nn.Sequential(new Cube(),
        new io.jgrad.nn.Conv2d(2, 4, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1, true, g),
        new io.jgrad.nn.ReLU(), new io.jgrad.nn.Flatten(), new Linear(16, 16, true, g), new io.jgrad.nn.Tanh(),
        new Linear(16, out, true, g));
    double max;
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      max = m.forward(signs(seed + 1000, N, D)).abs().max().item();
      Tensor last = m.parameters().get(m.parameters().size() - 2);
      last.mulInPlace(BIG / max);
      m.parameters().get(m.parameters().size() - 1).fill(0);
    }
    return m;
  }

  static Tensor signs(long seed, int... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1;
    for (int s : shape) n *= s;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = r.nextBoolean() ? 1f : -1f;
    return Tensor.fromArray(v, shape);
  }

  static Tensor classes(long... v) { return Tensor.fromArray(v, v.length); }

  static long[] fill(long v) {
    long[] a = new long[N];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** Class logits [N, C], int64 targets [N]. */
  static Convention classLogits() {
    return new Convention("class logits [6, 5], int64 targets [6]", ignore -> {
      Module m = head(C, 1);
      Tensor x = signs(1001, N, D);
      Tensor big = m.forward(x);
      List<Case> l = new ArrayList<>();
      l.add(new Case("benign", leaf(Tensor.randn(new Generator(3), N, C)), batch(x, classes(0, 1, 2, 3, 4, 0), Map.of()), m));
      l.add(new Case("logits +-1e4, mixed targets", leaf(big), batch(x, classes(0, 1, 2, 3, 4, 0), Map.of()), m));
      l.add(new Case("logits +-1e4, all targets class 0", leaf(big), batch(x, classes(fill(0)), Map.of()), m));
      l.add(new Case("logits +-1e4, all targets class 4", leaf(big), batch(x, classes(fill(C - 1)), Map.of()), m));
      float[] worst = new float[N * C];
      long[] t = {0, 1, 2, 3, 4, 0};
      for (int i = 0; i < N; i++) for (int c = 0; c < C; c++) worst[i * C + c] = c == t[i] ? (float) -BIG : (float) BIG;
      l.add(new Case("target logit -1e4, others +1e4", leaf(Tensor.fromArray(worst, N, C)), batch(x, classes(t), Map.of()), m));
      l.add(new Case("all logits +1e4 (ties)", leaf(Tensor.full(new int[] {N, C}, BIG, DType.FLOAT32)), batch(x, classes(t), Map.of()), m));
      if (ignore) {
        l.add(new Case("logits +-1e4, all targets ignored (-100)", leaf(big), batch(x, classes(fill(-100)), Map.of()), m));
      }
      return l;
    });
  }

  /** Logits [N, C], float {0, 1} targets. */
  static Convention binaryLogits() {
    return new Convention("logits [6, 5], float 0/1 targets [6, 5]", ignore -> {
      Module m = head(C, 4);
      Tensor x = signs(1004, N, D);
      Tensor big = m.forward(x);
      Tensor mixed = Tensor.rand(new Generator(6), N, C).gt(0.5).to(DType.FLOAT32);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(7), N, C)), batch(x, mixed, Map.of()), m),
          new Case("logits +-1e4, mixed targets", leaf(big), batch(x, mixed, Map.of()), m),
          new Case("logits +1e4, all targets 0", leaf(Tensor.full(new int[] {N, C}, BIG, DType.FLOAT32)), batch(x, Tensor.zeros(N, C), Map.of()), m),
          new Case("logits -1e4, all targets 1", leaf(Tensor.full(new int[] {N, C}, -BIG, DType.FLOAT32)), batch(x, Tensor.ones(N, C), Map.of()), m),
          new Case("logits +-1e4, all targets 1", leaf(big), batch(x, Tensor.ones(N, C), Map.of()), m));
    });
  }

  /** Outputs and float targets of the same shape [N, k]. */
  static Convention regression(int k) {
    return new Convention("outputs [6, " + k + "], float targets [6, " + k + "]", ignore -> {
      Module m = head(k, 8);
      Tensor x = signs(1008, N, D);
      Tensor big = m.forward(x);
      Tensor y = Tensor.randn(new Generator(10), N, k);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(11), N, k)), batch(x, y, Map.of()), m),
          new Case("outputs +-1e4, targets 0", leaf(big), batch(x, Tensor.zeros(N, k), Map.of()), m),
          new Case("outputs 0, targets +-1e4", leaf(Tensor.zeros(N, k)), batch(x, big.detach(), Map.of()), m),
          new Case("outputs +-1e4, targets -+1e4", leaf(big), batch(x, big.detach().neg(), Map.of()), m),
          new Case("outputs equal targets (+-1e4)", leaf(big), batch(x, big.detach(), Map.of()), m));
    });
  }

  /** Outputs [N], float targets [N]. */
  static Convention regression1d() {
    return new Convention("outputs [6], float targets [6]", ignore -> {
      Tensor x = signs(12, N, D);
      Tensor big = Tensor.fromArray(new float[] {1e4f, -1e4f, 1e4f, -1e4f, 5e3f, -5e3f}, N);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(13), N)), batch(x, Tensor.randn(new Generator(14), N), Map.of()), null),
          new Case("outputs +-1e4, targets 0", leaf(big), batch(x, Tensor.zeros(N), Map.of()), null),
          new Case("outputs 0, targets +-1e4", leaf(Tensor.zeros(N)), batch(x, big, Map.of()), null),
          new Case("outputs +-1e4, targets -+1e4", leaf(big), batch(x, big.neg(), Map.of()), null));
    });
  }

  /** Segmentation logits [2, 3, 4, 4] (batch of N = 6 is not needed: a batch of 2 images), int64 masks [2, 4, 4]. */
  static Convention segmentation() {
    return new Convention("logits [2, 3, 4, 4], int64 masks [2, 4, 4]", ignore -> {
      Tensor x = signs(15, 2, D);
      Tensor big = signs(16, 2, 3, 4, 4).mul(BIG);
      Tensor mixed = Tensor.randint(new Generator(17), 0, 3, 2, 4, 4);
      List<Case> l = new ArrayList<>();
      l.add(new Case("benign", leaf(Tensor.randn(new Generator(18), 2, 3, 4, 4)), new Batch(x, mixed), null));
      l.add(new Case("logits +-1e4, mixed masks", leaf(big), new Batch(x, mixed), null));
      l.add(new Case("logits +-1e4, all pixels class 0", leaf(big), new Batch(x, Tensor.zeros(DType.INT64, 2, 4, 4)), null));
      l.add(new Case("logits +-1e4, all pixels class 2", leaf(big), new Batch(x, Tensor.full(new int[] {2, 4, 4}, 2, DType.INT64)), null));
      return l;
    });
  }

  /** Logits [N, C], float targets of +-1 (margin losses). */
  static Convention signed() {
    return new Convention("logits [6, 5], float +-1 targets [6, 5]", ignore -> {
      Module m = head(C, 19);
      Tensor x = signs(1019, N, D);
      Tensor big = m.forward(x);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(21), N, C)), batch(x, signs(22, N, C), Map.of()), m),
          new Case("outputs +-1e4, mixed targets", leaf(big), batch(x, signs(22, N, C), Map.of()), m),
          new Case("outputs +-1e4, all targets +1", leaf(big), batch(x, Tensor.ones(N, C), Map.of()), m),
          new Case("outputs +-1e4, all targets -1", leaf(big), batch(x, Tensor.ones(N, C).neg(), Map.of()), m));
    });
  }

  /** Probabilities [N, C] (bce): the edges are probabilities of exactly 0 and 1. */
  static Convention probabilities() {
    return new Convention("probabilities [6, 5], float 0/1 targets", ignore -> {
      Tensor x = signs(23, N, D);
      Tensor p = Tensor.rand(new Generator(24), N, C);
      Tensor t = Tensor.rand(new Generator(25), N, C).gt(0.5).to(DType.FLOAT32);
      return List.of(
          new Case("benign", leaf(p), batch(x, t, Map.of()), null),
          new Case("probabilities 0, targets 1", leaf(Tensor.zeros(N, C)), batch(x, Tensor.ones(N, C), Map.of()), null),
          new Case("probabilities 1, targets 0", leaf(Tensor.ones(N, C)), batch(x, Tensor.zeros(N, C), Map.of()), null),
          new Case("probabilities 0 and 1, mixed targets", leaf(t), batch(x, t.neg().add(1), Map.of()), null));
    });
  }

  /** Log-probabilities [N, C] from logits of +-1e4, probability targets (kl_div). */
  static Convention logProbabilities() {
    return new Convention("log-probabilities [6, 5] of logits +-1e4, probability targets", ignore -> {
      Tensor x = signs(26, N, D);
      Tensor lp = signs(27, N, C).mul(BIG).logSoftmax(1);
      float[] hot = new float[N * C];
      for (int i = 0; i < N; i++) hot[i * C + i % C] = 1;
      Tensor oneHot = Tensor.fromArray(hot, N, C);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(28), N, C).logSoftmax(1)), batch(x, Tensor.rand(new Generator(29), N, C).softmax(1), Map.of()), null),
          new Case("log-probabilities down to -2e4, one-hot targets", leaf(lp), batch(x, oneHot, Map.of()), null),
          new Case("log-probabilities down to -2e4, uniform targets", leaf(lp), batch(x, Tensor.full(new int[] {N, C}, 1.0 / C, DType.FLOAT32), Map.of()), null));
    });
  }

  /** Logits [N, C], int64 multilabel targets [N, C] padded with -1 (multilabel_margin). */
  static Convention multilabel() {
    return new Convention("logits [6, 5], int64 multilabel targets [6, 5] padded with -1", ignore -> {
      Module m = head(C, 30);
      Tensor x = signs(1030, N, D);
      Tensor big = m.forward(x);
      long[] some = new long[N * C];
      java.util.Arrays.fill(some, -1);
      for (int i = 0; i < N; i++) some[i * C] = i % C;
      long[] all = new long[N * C];
      for (int i = 0; i < N * C; i++) all[i] = i % C;
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(32), N, C)), batch(x, Tensor.fromArray(some, N, C), Map.of()), m),
          new Case("logits +-1e4, one label each", leaf(big), batch(x, Tensor.fromArray(some, N, C), Map.of()), m),
          new Case("logits +-1e4, every class a label", leaf(big), batch(x, Tensor.fromArray(all, N, C), Map.of()), m),
          new Case("logits +-1e4, no labels", leaf(big), batch(x, Tensor.full(new int[] {N, C}, -1, DType.INT64), Map.of()), m));
    });
  }

  /** A Gaussian head [N, 2] (mean, raw scale) and float targets [N] (calibration penalties). */
  static Convention gaussianHead() {
    return new Convention("Gaussian head [6, 2], float targets [6]", ignore -> {
      Module m = head(2, 33);
      Tensor x = signs(1033, N, D);
      Tensor big = m.forward(x);
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(35), N, 2)), batch(x, Tensor.randn(new Generator(36), N), Map.of()), m),
          new Case("outputs +-1e4, targets 0", leaf(big), batch(x, Tensor.zeros(N), Map.of()), m),
          new Case("outputs +-1e4, targets +-1e4", leaf(big), batch(x, big.detach().select(1, 0).neg(), Map.of()), m));
    });
  }

  /** Images [N, 3, 4, 4] (total variation), with per-pixel weights [N, 3, 3] in the field "tv_weights". */
  static Convention images() {
    return new Convention("images [6, 3, 4, 4]", ignore -> {
      Tensor x = signs(37, N, D);
      Map<String, Tensor> w = Map.of("tv_weights", Tensor.ones(N, 3, 3));
      return List.of(
          new Case("benign", leaf(Tensor.randn(new Generator(38), N, 3, 4, 4)), batch(x, classes(0, 1, 2, 3, 4, 0), w), null),
          new Case("pixels +-1e4", leaf(signs(39, N, 3, 4, 4).mul(BIG)), batch(x, classes(0, 1, 2, 3, 4, 0), w), null),
          new Case("pixels +1e4 everywhere", leaf(Tensor.full(new int[] {N, 3, 4, 4}, BIG, DType.FLOAT32)), batch(x, classes(fill(0)), w), null));
    });
  }

  /** The conventions tried, in order, for a component without an explicit one. */
  static List<Convention> probeOrder() {
    return List.of(classLogits(), binaryLogits(), regression(C), regression(1), regression1d(), segmentation(), signed(), images(),
        gaussianHead());
  }
}
