package io.jgrad.nn.io;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The contents of a safetensors file: tensors by name (in header order) and the
 * {@code __metadata__} string map (empty when absent). Both maps are unmodifiable.
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
  public SafeTensorsFile {
    tensors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tensors));
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }
}
