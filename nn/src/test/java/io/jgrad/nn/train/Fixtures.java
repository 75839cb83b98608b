package io.jgrad.nn.train;

import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.SplittableRandom;

/** Tiny synthetic classification data and models for the trainer tests. */
final class Fixtures {
  private Fixtures() {}

  /** Cross-entropy on logits [B, C] and int64 labels [B], written with tensor ops. */
  static Tensor crossEntropy(Tensor logits, Tensor y) {
    return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
  }

  /**
   * n points in 2-D, label 1 iff x0 + x1 > 0 (linearly separable), with a margin of 0.2 so a
   * linear model can reach 100% accuracy.
   */
  static TensorDataset separable(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      double a;
      double b;
      do {
        a = r.nextDouble(-2, 2);
        b = r.nextDouble(-2, 2);
      } while (Math.abs(a + b) < 0.2);
      x[2 * i] = (float) a;
      x[2 * i + 1] = (float) b;
      y[i] = a + b > 0 ? 1 : 0;
    }
    return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n));
  }

  static DataLoader loader(TensorDataset d, int batch, boolean shuffle) {
    return DataLoader.builder(d, batch).shuffle(shuffle).seed(7).build();
  }

  static Module mlp(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(2, 8, true, g), new ReLU(), new Linear(8, 2, true, g));
  }
}
