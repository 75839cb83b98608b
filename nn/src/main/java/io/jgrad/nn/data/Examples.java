package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stacking {@link Example}s into a {@link Batch} (the default {@link Dataset#batch}). */
final class Examples {
  private Examples() {}

  /** The batch of {@code examples}, whose dataset indices are {@code idx}; the examples stay the caller's. */
  static Batch stack(List<Example> examples, long[] idx) {
    if (examples.isEmpty()) throw new IllegalArgumentException("Dataset.batch: no indices");
    Example first = examples.get(0);
    boolean targets = first.target() != null;
    List<Tensor> xs = new ArrayList<>(examples.size());
    List<Tensor> ts = new ArrayList<>(examples.size());
    long[] ys = new long[examples.size()];
    Map<String, List<Tensor>> fs = new LinkedHashMap<>();
    for (String name : first.fields().keySet()) fs.put(name, new ArrayList<>());
    for (int k = 0; k < examples.size(); k++) {
      Example e = examples.get(k);
      if ((e.target() != null) != targets) {
        throw new IllegalArgumentException("Dataset.batch: example " + idx[k] + (targets ? " has no target tensor" : " has a target tensor")
            + " but example " + idx[0] + (targets ? " has one" : " has a class label"));
      }
      if (!e.fields().keySet().equals(fs.keySet())) {
        throw new IllegalArgumentException("Dataset.batch: example " + idx[k] + " has fields " + e.fields().keySet()
            + " but example " + idx[0] + " has " + fs.keySet());
      }
      xs.add(e.features());
      if (targets) ts.add(e.target());
      else ys[k] = e.label();
      for (var f : e.fields().entrySet()) fs.get(f.getKey()).add(f.getValue());
    }
    Map<String, Tensor> fields = new LinkedHashMap<>();
    fs.forEach((k, v) -> fields.put(k, Tensor.stack(v, 0)));
    return new Batch(Tensor.stack(xs, 0), targets ? Tensor.stack(ts, 0) : Tensor.of(ys), Tensor.of(idx), fields);
  }

  /** Closes an example's tensors. */
  static void close(Example e) {
    e.features().close();
    if (e.target() != null) e.target().close();
    for (Tensor t : e.fields().values()) t.close();
  }
}
