package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Arrays read from files (npy, npz) made ready for training: the dtypes a model and a loss expect. */
final class ArrayData {
  private ArrayData() {}

  /** Features as float32 (float64, integer and bool arrays are converted; values are not scaled). */
  static Tensor features(Tensor t) { return t.dtype() == DType.FLOAT32 ? t : converted(t, DType.FLOAT32); }

  /** Targets and fields: integer arrays as int64 (class labels, ids), the rest as float32. */
  static Tensor values(Tensor t) {
    DType want = t.dtype() == DType.INT32 || t.dtype() == DType.INT64 ? DType.INT64 : DType.FLOAT32;
    return t.dtype() == want ? t : converted(t, want);
  }

  private static Tensor converted(Tensor t, DType dtype) {
    Tensor c = t.to(dtype);
    t.close();
    return c;
  }

  /** A dataset of {@code x}, {@code y} (may be null) and {@code fields}; {@code what} prefixes errors (the file). */
  static TensorDataset dataset(String what, Tensor x, Tensor y, Map<String, Tensor> fields) {
    Map<String, Tensor> f = new LinkedHashMap<>();
    fields.forEach((k, v) -> f.put(k, values(v)));
    try {
      return new TensorDataset(features(x), y == null ? null : values(y), f);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }
}
