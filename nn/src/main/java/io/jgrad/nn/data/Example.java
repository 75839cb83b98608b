package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a {@link Dataset}: its features, and either an integer class {@code label} or a
 * {@code target} tensor (a float regression value or vector, a dense mask; null for a class
 * label, when {@code label} holds it), plus named extra fields (a group id, a propensity).
 * {@link Dataset#batch} stacks the features, the labels or targets and each field.
 */
public record Example(Tensor features, long label, Tensor target, Map<String, Tensor> fields) {
  public Example {
    if (features == null) throw new IllegalArgumentException("Example: features are null");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
  }

  /** An example with a class label. */
  public Example(Tensor features, long label) { this(features, label, null, Map.of()); }

  /** An example with a target tensor (stacked into a batch's y) and named fields. */
  public Example(Tensor features, Tensor target, Map<String, Tensor> fields) { this(features, 0, target, fields); }
}
