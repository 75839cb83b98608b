package io.jgrad.cli;

import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The image datasets of {@code --dataset digits|fashion-mnist} (CSV files: {@link RunData}, {@link CsvTable}). */
public final class DataSources {
  public static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  static final String[] FASHION_FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  /** The digits train/test split is fixed (not --seed) so {@code eval} sees the same test set. */
  static final long DIGITS_SPLIT_SEED = 20240101L;

  /** Train and test sets; {@code exampleShape} is one example's shape as the models see it ([C, H, W] for images). */
  public record Data(String name, TensorDataset train, TensorDataset test, int[] exampleShape, int classes) {}

  private DataSources() {}

  /**
   * The embedded digits with the fixed 80/20 split of {@code jgrad train} (1437 train, 360 test;
   * examples [1, 8, 8] flattened to 64 floats in [0, 1]): what demonstrations train on.
   */
  public static Data digits() {
    Digits d = Digits.load();
    int n = d.size(), nTrain = n * 4 / 5;
    try (Tensor perm = Tensor.randperm(new Generator(DIGITS_SPLIT_SEED), n)) {
      Tensor x = d.images().indexSelect(0, perm), y = d.labels().indexSelect(0, perm);
      TensorDataset train = new TensorDataset(x.narrow(0, 0, nTrain).contiguous(), y.narrow(0, 0, nTrain).contiguous());
      TensorDataset test = new TensorDataset(x.narrow(0, nTrain, n - nTrain).contiguous(), y.narrow(0, nTrain, n - nTrain).contiguous());
      return new Data("digits (8x8, embedded)", train, test, new int[] {1, 8, 8}, Digits.CLASSES);
    }
  }

  static Data fashion(Options o, boolean needTrain) {
    Path dir = Path.of(o.str("data-dir", FASHION_DIR.toString()));
    for (String f : FASHION_FILES) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalArgumentException("Fashion-MNIST not found in " + dir + " (missing " + f
            + "): apt-get install dataset-fashion-mnist, or pass --data-dir");
      }
    }
    TensorDataset test = Idx.dataset(dir.resolve(FASHION_FILES[2]), dir.resolve(FASHION_FILES[3]));
    TensorDataset train = needTrain ? Idx.dataset(dir.resolve(FASHION_FILES[0]), dir.resolve(FASHION_FILES[1])) : null;
    int[] s = test.features().shape();
    if (train != null) checkLabels(train, 10, "Fashion-MNIST training labels");
    checkLabels(test, 10, "Fashion-MNIST test labels");
    return new Data("fashion-mnist (" + s[1] + "x" + s[2] + ")", train, test, new int[] {1, s[1], s[2]}, 10);
  }

  /**
   * Checks labels are in [0, classes) (classes 0: derive it as max + 1, which the caller's other
   * sets must then fit); returns the number of classes.
   */
  static int checkLabels(TensorDataset d, int classes, String what) {
    long[] y = d.labels().toLongArray();
    long max = -1;
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || (classes > 0 && y[i] >= classes)) {
        throw new IllegalArgumentException(what + ": label " + y[i] + " of example " + (i + 1) + " is out of range for "
            + (classes > 0 ? classes + " classes (labels 0.." + (classes - 1) + ")" : "class indices (must be >= 0)"));
      }
      max = Math.max(max, y[i]);
    }
    if (y.length == 0) throw new IllegalArgumentException(what + ": no examples");
    if (classes == 0 && max + 1 < 2) throw new IllegalArgumentException(what + ": need at least 2 classes, labels are all " + max);
    return classes > 0 ? classes : Math.toIntExact(max + 1);
  }

  static String shape(int[] s) { return Arrays.toString(s); }
}
