package io.jgrad.spark;

import java.io.Serializable;

/**
 * One training example as it travels in an RDD: flat float32 features, and either a class
 * {@code label} or a float32 {@code target} (null for a label). The features' shape is the
 * run's ({@link DataParallelConfig.Builder#featureShape}).
 */
public record Sample(float[] features, long label, float[] target) implements Serializable {
  public Sample {
    if (features == null) throw new IllegalArgumentException("Sample: features are null");
  }

  /** A classification example. */
  public static Sample of(float[] features, long label) { return new Sample(features, label, null); }

  /** A regression (or dense-target) example. */
  public static Sample regression(float[] features, float[] target) {
    if (target == null) throw new IllegalArgumentException("Sample.regression: target is null");
    return new Sample(features, 0, target);
  }
}
