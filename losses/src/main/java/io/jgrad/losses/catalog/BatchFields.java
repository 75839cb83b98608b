package io.jgrad.losses.catalog;

import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.Tensor;

/** Named batch fields (group ids, bag ids, per-sample parameters) read by the objectives. */
final class BatchFields {
  private BatchFields() {}

  static boolean has(Batch b, String name) {
    try {
      return (Boolean) Batch.class.getMethod("hasField", String.class).invoke(b, name);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static Tensor get(Batch b, String name) {
    try {
      return (Tensor) Batch.class.getMethod("field", String.class).invoke(b, name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("batch: no field '" + name + "'");
    }
  }
}
