package io.jgrad.spark;

import io.jgrad.nn.Module;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model's state dict as plain arrays, to travel from a worker to the driver. */
public record ModelState(List<Entry> entries) implements Serializable {
  /** One tensor: its name, dtype, shape and values (in the array matching the dtype). */
  public record Entry(String name, String dtype, int[] shape, float[] f32, double[] f64, long[] i64) implements Serializable {}

  public ModelState {
    entries = List.copyOf(entries);
  }

  /** Copies {@code state} (float32, float64 and int64 tensors; others are converted to float32). */
  public static ModelState of(Map<String, Tensor> state) {
    List<Entry> es = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      Tensor t = e.getValue();
      DType d = t.dtype();
      es.add(switch (d) {
        case FLOAT64 -> new Entry(e.getKey(), d.name(), t.shape(), null, t.toDoubleArray(), null);
        case INT64 -> new Entry(e.getKey(), d.name(), t.shape(), null, null, t.toLongArray());
        default -> new Entry(e.getKey(), DType.FLOAT32.name(), t.shape(), t.toFloatArray(), null, null);
      });
    }
    return new ModelState(es);
  }

  /** The tensors, by name (new CPU tensors owned by the caller). */
  public Map<String, Tensor> tensors() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      Object values = e.f32 != null ? e.f32 : e.f64 != null ? e.f64 : e.i64;
      m.put(e.name, Tensor.fromArray(values, e.shape));
    }
    return m;
  }

  /** Loads the state into {@code model} (strict: the names and shapes must match). */
  public void loadInto(Module model) {
    Map<String, Tensor> ts = tensors();
    try {
      model.loadStateDict(ts);
    } finally {
      for (Tensor t : ts.values()) t.close();
    }
  }

  /** Whether both hold the same names, shapes and bits. */
  public boolean sameAs(ModelState o) {
    if (o == null || entries.size() != o.entries.size()) return false;
    for (int i = 0; i < entries.size(); i++) {
      Entry a = entries.get(i), b = o.entries.get(i);
      if (!a.name.equals(b.name) || !Arrays.equals(a.shape, b.shape) || !Arrays.equals(a.f32, b.f32) || !Arrays.equals(a.f64, b.f64)
          || !Arrays.equals(a.i64, b.i64)) {
        return false;
      }
    }
    return true;
  }
}
