package io.jgrad.spark;

import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.TrainerState;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Seeded data, small models and a per-step recorder shared by the data-parallel tests. */
final class Fixtures {
  private Fixtures() {}

  /** Three Gaussian blobs in 6 dimensions. */
  static List<Sample> blobs(int n, long seed) {
    Random rnd = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = rnd.nextInt(3);
      float[] x = new float[6];
      for (int j = 0; j < 6; j++) x[j] = (float) (rnd.nextGaussian() + (j % 3 == c ? 2 : 0));
      out.add(Sample.of(x, c));
    }
    return out;
  }

  /** Noisy 4x4 images (16 features) with their clean versions as targets [1, 4, 4]. */
  static List<Sample> images(int n, long seed) {
    Random rnd = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] clean = new float[16], noisy = new float[16];
      double a = rnd.nextDouble(), b = rnd.nextDouble();
      for (int k = 0; k < 16; k++) {
        clean[k] = (float) (a * (k / 4) / 3.0 + b * (k % 4) / 3.0);
        noisy[k] = clean[k] + (float) (0.3 * rnd.nextGaussian());
      }
      out.add(Sample.regression(noisy, clean));
    }
    return out;
  }

  static TrainingRecipe.ModelFactory mlp() {
    return g -> new Sequential(new Linear(6, 16, true, g), new Tanh(), new Linear(16, 3, true, g));
  }

  /** 16 features to a [1, 4, 4] image. */
  static TrainingRecipe.ModelFactory denoiser() {
    return g -> new Sequential(new Linear(16, 32, true, g), new Tanh(), new Linear(32, 16, true, g), new ToImage());
  }

  static TrainingRecipe.OptimizerFactory sgd(double lr) { return ps -> new SGD(ps, lr, Map.of("momentum", 0.9)); }

  static TrainingRecipe.OptimizerFactory adam(double lr) { return ps -> new Adam(ps, lr, Map.of()); }

  /** [B, 16] to [B, 1, 4, 4]. */
  static final class ToImage extends Module {
    @Override
    public Tensor forward(Tensor x) { return x.reshape(x.shape()[0], 1, 4, 4); }
  }

  /** Every parameter, flattened in order, after every batch of rank 0 (or of a single process). */
  static final Map<String, List<float[]>> STEPS = new ConcurrentHashMap<>();

  static Callback recorder(String key) {
    List<float[]> list = new ArrayList<>();
    STEPS.put(key, list);
    return new Callback() {
      @Override
      public void onBatchEnd(TrainerState s) { list.add(flat(s.model())); }
    };
  }

  static float[] flat(Module m) {
    List<Tensor> ps = m.parameters();
    int n = 0;
    for (Tensor p : ps) n += p.numel();
    float[] out = new float[n];
    int pos = 0;
    for (Tensor p : ps) {
      float[] v = p.toFloatArray();
      System.arraycopy(v, 0, out, pos, v.length);
      pos += v.length;
    }
    return out;
  }

  /** A catalog recipe whose rank 0 records its parameters after every batch under {@code key}. */
  record Recording(CatalogRecipe inner, String key) implements TrainingRecipe {
    @Override public Module model(io.jgrad.tensor.Generator g) { return inner.model(g); }

    @Override public io.jgrad.nn.optim.Optimizer optimizer(Module model) { return inner.optimizer(model); }

    @Override public io.jgrad.nn.train.Objective objective() { return inner.objective(); }

    @Override public List<io.jgrad.nn.train.Regularizer> regularizers() { return inner.regularizers(); }

    @Override public io.jgrad.nn.train.TrainStep step() { return inner.step(); }

    @Override public List<Callback> rankZeroCallbacks() { return List.of(recorder(key)); }
  }
}
