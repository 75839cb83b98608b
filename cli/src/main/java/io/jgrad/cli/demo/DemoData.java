package io.jgrad.cli.demo;

import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small data helpers for demos (smoke variants, synthetic sets). */
public final class DemoData {
  private DemoData() {}

  /** The first {@code n} examples of {@code d} (all when it has fewer): the smoke variant's training set. */
  public static TensorDataset head(TensorDataset d, int n) {
    int k = Math.min(n, d.size());
    Tensor x = d.features().narrow(0, 0, k).contiguous();
    Tensor y = d.labels() == null ? null : d.labels().narrow(0, 0, k).contiguous();
    Map<String, Tensor> fields = new LinkedHashMap<>();
    d.fields().forEach((name, t) -> fields.put(name, t.narrow(0, 0, k).contiguous()));
    return new TensorDataset(x, y, fields);
  }
}
