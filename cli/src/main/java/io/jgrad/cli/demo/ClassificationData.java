package io.jgrad.cli.demo;

import io.jgrad.cli.DataSources;
import io.jgrad.cli.Digits;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data sets of the classification family's demonstrations: the embedded digits split per
 * seed, with one class cut to a fraction of the others, with noisy training labels, one-vs-rest;
 * Fashion-MNIST (when installed) downsampled; a synthetic two-feature set for gradient
 * starvation. Every set is a seeded function of its arguments.
 */
public final class ClassificationData {
  /** A train/test pair of features [N, F] float32 and int64 labels [N] (or float 0/1 for binary sets). */
  public record Split(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {
    public TensorDataset train() {
      return yTrain.dtype().isFloatingPoint() ? new TensorDataset(xTrain, yTrain, java.util.Map.of()) : new TensorDataset(xTrain, yTrain);
    }

    public int trainSize() { return xTrain.size(0); }
  }

  private ClassificationData() {}

  /** The digits shuffled by {@code seed}, 80% train / 20% test. */
  public static Split digits(long seed) {
    Digits d = Digits.load();
    int n = d.size(), nTrain = n * 4 / 5;
    Tensor perm = Tensor.randperm(new Generator(seed), n);
    Tensor x = d.images().indexSelect(0, perm), y = d.labels().indexSelect(0, perm);
    return new Split(x.narrow(0, 0, nTrain).contiguous(), y.narrow(0, 0, nTrain).contiguous(),
        x.narrow(0, nTrain, n - nTrain).contiguous(), y.narrow(0, nTrain, n - nTrain).contiguous());
  }

  /** The training set with class {@code cls} subsampled to 1/{@code ratio} of the mean count of the other classes. */
  public static Split imbalanced(Split s, int cls, int ratio, int classes, long seed) {
    long[] y = s.yTrain().toLongArray();
    int others = 0;
    for (long v : y) if (v != cls) others++;
    int keep = Math.max(1, Math.round(others / (float) (classes - 1) / ratio));
    Tensor perm = Tensor.randperm(new Generator(seed * 31 + 7), y.length);
    long[] order = perm.toLongArray();
    int[] kept = new int[y.length];
    int n = 0, seen = 0;
    for (long i : order) {
      if (y[(int) i] != cls || seen++ < keep) kept[n++] = (int) i;
    }
    java.util.Arrays.sort(kept, 0, n);
    Tensor idx = Tensor.of(java.util.Arrays.stream(kept, 0, n).asLongStream().toArray());
    return new Split(s.xTrain().indexSelect(0, idx), s.yTrain().indexSelect(0, idx), s.xTest(), s.yTest());
  }

  /**
   * Symmetric label noise: exactly {@code round(rate N)} training labels, chosen at random, are
   * replaced by a uniformly drawn different class. The test labels stay clean.
   */
  public static Split noisy(Split s, double rate, int classes, long seed) {
    Generator g = new Generator(seed * 131 + 3);
    long[] y = s.yTrain().toLongArray();
    long[] order = Tensor.randperm(g, y.length).toLongArray();
    int flip = (int) Math.round(rate * y.length);
    for (int j = 0; j < flip; j++) {
      int i = (int) order[j];
      long other = (long) Math.floor(g.nextDouble() * (classes - 1));
      y[i] = other >= y[i] ? other + 1 : other;
    }
    return new Split(s.xTrain(), Tensor.of(y), s.xTest(), s.yTest());
  }

  /** Labels 1 for class {@code positive}, else 0, as float32 (a one-vs-rest task). */
  public static Split oneVsRest(Split s, int positive) {
    return new Split(s.xTrain(), s.yTrain().eq(positive).to(DType.FLOAT32), s.xTest(), s.yTest().eq(positive).to(DType.FLOAT32));
  }

  /**
   * The two classes {@code a} and {@code b} only, relabelled 0 (a) and 1 (b) as float32; a fraction
   * {@code flip} of the training labels (chosen by the seed) is flipped.
   */
  public static Split pair(Split s, int a, int b, double flip, long seed) {
    Tensor[] tr = pairOf(s.xTrain(), s.yTrain(), a, b), te = pairOf(s.xTest(), s.yTest(), a, b);
    Generator g = new Generator(seed * 37 + 5);
    Tensor flips = Tensor.rand(g, tr[1].size(0)).lt(flip);
    Tensor y = Tensor.where(flips, tr[1].neg().add(1), tr[1]);
    return new Split(tr[0], y, te[0], te[1]);
  }

  private static Tensor[] pairOf(Tensor x, Tensor y, int a, int b) {
    long[] t = y.toLongArray();
    java.util.List<Long> keep = new java.util.ArrayList<>();
    for (int i = 0; i < t.length; i++) if (t[i] == a || t[i] == b) keep.add((long) i);
    Tensor idx = Tensor.of(keep.stream().mapToLong(Long::longValue).toArray());
    return new Tensor[] {x.indexSelect(0, idx), y.indexSelect(0, idx).eq(b).to(DType.FLOAT32)};
  }

  /**
   * Semi-supervised digits: all but a fraction {@code labelled} of the training labels (chosen by
   * the seed) are set to -100, the ignore index.
   */
  public static Split unlabel(Split s, double labelled, long seed) {
    Tensor keep = Tensor.rand(new Generator(seed * 53 + 9), s.trainSize()).lt(labelled);
    return new Split(s.xTrain(), Tensor.where(keep, s.yTrain(), Tensor.fullLike(s.yTrain(), -100)), s.xTest(), s.yTest());
  }

  /** True when the Fashion-MNIST files are installed (Debian package dataset-fashion-mnist). */
  public static boolean fashionAvailable() {
    return Files.isRegularFile(DataSources.FASHION_DIR.resolve("train-images-idx3-ubyte.gz"));
  }

  /**
   * Fashion-MNIST 2x2-average-pooled to 14x14 (196 features): the first {@code nTrain} training
   * images after a {@code seed} shuffle and the first {@code nTest} test images.
   */
  public static Split fashion(int nTrain, int nTest, long seed) {
    Path dir = DataSources.FASHION_DIR;
    TensorDataset train = Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    TensorDataset test = Idx.dataset(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    Tensor perm = Tensor.randperm(new Generator(seed), train.size()).narrow(0, 0, nTrain);
    return new Split(pool(train.features().indexSelect(0, perm)), train.labels().indexSelect(0, perm).contiguous(),
        pool(test.features().narrow(0, 0, nTest)), test.labels().narrow(0, 0, nTest).contiguous());
  }

  /** [N, 28, 28] -> [N, 196] by 2x2 means. */
  static Tensor pool(Tensor images) {
    int n = images.size(0);
    return images.reshape(n, 1, 28, 28).avgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true).reshape(n, 196).contiguous();
  }

  /**
   * The gradient-starvation set (after paper 92's CMNIST logic, with two scalar features): labels
   * y in {0, 1}, s = 2y - 1. The fast feature {@code x1 = c (1 + 0.1 n1)} has a wide margin but its
   * sign c agrees with s only for a fraction {@code 1 - flip} of the training samples; the slow
   * feature {@code x2 = 0.5 s + 0.8 n2} is weaker but as predictive in every set (about 73%).
   * In the probe set x1's sign is independent of y, so only what the model learned from x2
   * predicts there. Features [n, 2] float32, labels float 0/1; returns {train, test, probe}.
   */
  public static Split[] twoFeatures(int nTrain, int nTest, double flip, long seed) {
    Generator g = new Generator(seed * 17 + 1);
    Tensor[] train = twoFeatureSet(g, nTrain, flip), test = twoFeatureSet(g, nTest, flip), probe = twoFeatureSet(g, nTest, 0.5);
    return new Split[] {new Split(train[0], train[1], test[0], test[1]), new Split(train[0], train[1], probe[0], probe[1])};
  }

  private static Tensor[] twoFeatureSet(Generator g, int n, double flip) {
    Tensor y = Tensor.rand(g, n).gt(0.5).to(DType.FLOAT32);
    Tensor s = y.mul(2).sub(1);
    Tensor c = Tensor.where(Tensor.rand(g, n).lt(flip), s.neg(), s);
    Tensor x1 = c.mul(Tensor.randn(g, n).mul(0.1).add(1));
    Tensor x2 = s.mul(0.5).add(Tensor.randn(g, n).mul(0.8));
    return new Tensor[] {Tensor.stack(java.util.List.of(x1, x2), 1).contiguous(), y};
  }
}
