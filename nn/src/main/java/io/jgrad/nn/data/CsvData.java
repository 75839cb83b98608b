package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A numeric table read by {@link Csv}: features float32 [N, F]; labels int64 [N] (classes),
 * float32 [N] or [N, k] (regression targets), or null; named fields [N] (float32 or int64).
 */
public record CsvData(Tensor features, Tensor labels, Map<String, Tensor> fields) {
  public CsvData {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
  }

  /** Features and class labels, no fields. */
  public CsvData(Tensor features, Tensor labels) { this(features, labels, Map.of()); }

  /** The table as a dataset: batches carry the labels or targets as y and every field. */
  public TensorDataset toDataset() {
    if (fields.isEmpty() && labels != null && labels.dim() == 1 && labels.dtype() == DType.INT64) return new TensorDataset(features, labels);
    return new TensorDataset(features, labels, fields);
  }
}
