package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;

/** The networks of {@code jgrad train} with their default sizes (see {@link ModelSpec} for the options). */
public final class Models {
  private Models() {}

  /**
   * Builds {@code kind} with the default sizes for examples of shape {@code inputShape} (without
   * the batch dim) and {@code classes} outputs: mlp flatten, then 64-128-10 for 64 features,
   * 784-256-128-10 for 28x28 images, features-128-classes otherwise; cnn (images only, [H, W] or
   * [C, H, W]) conv(C->16, 3, pad 1)-relu-maxpool(2)-conv(16->32, 3, pad 1)-relu-maxpool(2)-flatten-linear.
   */
  public static Module build(String kind, int[] inputShape, int classes, long seed) {
    return ModelSpec.of(Options.empty(), kind, inputShape, classes).build(seed);
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
