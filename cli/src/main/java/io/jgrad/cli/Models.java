package io.jgrad.cli;

import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/** The networks of {@code jgrad train}: {@code mlp} and {@code cnn}, initialised from a seeded generator. */
public final class Models {
  private Models() {}

  /**
   * Builds {@code kind} for examples of shape {@code inputShape} (without the batch dim) and
   * {@code classes} outputs. mlp: flatten, then 64-128-10 for 64 features, 784-256-128-10 for
   * 28x28 images, features-128-classes otherwise. cnn (images only, [H, W] or [C, H, W]):
   * conv(C->16, 3, pad 1)-relu-maxpool(2)-conv(16->32, 3, pad 1)-relu-maxpool(2)-flatten-linear.
   */
  public static Module build(String kind, int[] inputShape, int classes, long seed) {
    Generator g = new Generator(seed);
    int features = 1;
    for (int d : inputShape) features *= d;
    return switch (kind) {
      case "mlp" -> features == 784
          ? new Sequential(new Flatten(), new Linear(784, 256, true, g), new ReLU(), new Linear(256, 128, true, g), new ReLU(),
              new Linear(128, classes, true, g))
          : new Sequential(new Flatten(), new Linear(features, 128, true, g), new ReLU(), new Linear(128, classes, true, g));
      case "cnn" -> cnn(inputShape, classes, g);
      default -> throw new IllegalArgumentException("--model must be one of mlp|cnn, got '" + kind + "'");
    };
  }

  private static Module cnn(int[] s, int classes, Generator g) {
    int c, h, w;
    if (s.length == 2) {
      c = 1; h = s[0]; w = s[1];
    } else if (s.length == 3) {
      c = s[0]; h = s[1]; w = s[2];
    } else {
      throw new IllegalArgumentException("--model cnn needs image data (digits or fashion-mnist); examples here have shape "
          + Arrays.toString(s));
    }
    if (h < 4 || w < 4) throw new IllegalArgumentException("--model cnn needs images of at least 4x4, got " + h + "x" + w);
    int[] k = {3, 3}, one = {1, 1};
    int flat = 32 * (h / 2 / 2) * (w / 2 / 2);
    return new Sequential(new Reshape(c, h, w),
        new Conv2d(c, 16, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Conv2d(16, 32, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(flat, classes, true, g));
  }

  /** Views each example as {@code shape} (e.g. a 64-vector as 1x8x8); no parameters. */
  static final class Reshape extends Module {
    private final int[] shape;

    Reshape(int... shape) { this.shape = shape.clone(); }

    @Override
    public Tensor forward(Tensor x) {
      int[] full = new int[shape.length + 1];
      full[0] = x.shape()[0];
      System.arraycopy(shape, 0, full, 1, shape.length);
      return x.reshape(full);
    }
  }
}
