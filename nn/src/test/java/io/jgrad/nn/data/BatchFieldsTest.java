package io.jgrad.nn.data;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch(x, y, index, fields), float and dense targets, fields through TensorDataset, Dataset.batch and the DataLoader. */
class BatchFieldsTest {
  /** Features [i, i], regression target 0.5 i, a dense mask [2, 2] of i, int64 group i % 3, float weight i / 10. */
  static TensorDataset regression(int n) {
    float[] x = new float[2 * n], y = new float[n], mask = new float[4 * n], w = new float[n];
    long[] group = new long[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = x[2 * i + 1] = i;
      y[i] = 0.5f * i;
      for (int k = 0; k < 4; k++) mask[4 * i + k] = i;
      group[i] = i % 3;
      w[i] = i / 10f;
    }
    Map<String, Tensor> fields = new LinkedHashMap<>();
    fields.put("group", Tensor.fromArray(group, n));
    fields.put("weight", Tensor.fromArray(w, n));
    fields.put("mask", Tensor.fromArray(mask, n, 2, 2));
    return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n), fields);
  }

  /** Checks that every tensor of b belongs to the same examples, named by b.index(). */
  static void checkRows(Batch b) {
    long[] idx = b.index().toLongArray();
    float[] x = b.x().toFloatArray(), y = b.y().toFloatArray(), w = b.field("weight").toFloatArray(), m = b.field("mask").toFloatArray();
    long[] g = b.field("group").toLongArray();
    for (int k = 0; k < idx.length; k++) {
      assertEquals(idx[k], x[2 * k]);
      assertEquals(0.5f * idx[k], y[k]);
      assertEquals(idx[k] % 3, g[k]);
      assertEquals(idx[k] / 10f, w[k]);
      assertEquals(idx[k], m[4 * k + 3]);
    }
  }

  @Test
  void floatTargetsAndFieldsTravelWithTheirExamples() {
    for (boolean prefetch : new boolean[] {false, true}) {
      try (DataLoader dl = DataLoader.builder(regression(11), 4).shuffle(true).seed(5).prefetch(prefetch).build()) {
        List<Long> seen = new ArrayList<>();
        for (Batch b : dl) {
          try (b) {
            assertEquals(DType.FLOAT32, b.y().dtype());
            assertArrayEquals(new int[] {b.size(), 2, 2}, b.field("mask").shape());
            assertEquals(List.of("group", "weight", "mask"), List.copyOf(b.fields().keySet()));
            checkRows(b);
            for (long i : b.index().toLongArray()) seen.add(i);
          }
        }
        assertEquals(11, seen.size());
        assertEquals(11, seen.stream().distinct().count(), "every example once");
      }
    }
  }

  @Test
  void getAndTheDefaultBatchStackTargetsAndFields() {
    TensorDataset d = regression(6);
    Example e = d.get(4);
    assertEquals(2.0f, e.target().toFloatArray()[0]);
    assertEquals(1L, e.fields().get("group").toLongArray()[0]);
    // A Dataset that only implements get goes through the default batch (stack of examples).
    Dataset viaGet = new Dataset() {
      @Override public int size() { return d.size(); }

      @Override public Example get(int i) { return d.get(i); }
    };
    try (Batch b = viaGet.batch(new int[] {5, 0, 3})) {
      assertArrayEquals(new long[] {5, 0, 3}, b.index().toLongArray());
      checkRows(b);
    }
    Dataset mixed = new Dataset() {
      @Override public int size() { return 2; }

      @Override public Example get(int i) {
        return i == 0 ? new Example(Tensor.zeros(2), 1) : new Example(Tensor.zeros(2), Tensor.of(1f), Map.of());
      }
    };
    var ex = assertThrows(IllegalArgumentException.class, () -> mixed.batch(new int[] {0, 1}));
    assertEquals("Dataset.batch: example 1 has a target tensor but example 0 has a class label", ex.getMessage());
  }

  @Test
  void denseAndMultiColumnTargets() {
    Tensor masks = Tensor.zeros(DType.INT64, 5, 3, 3);
    try (Batch b = new TensorDataset(Tensor.zeros(5, 1, 3, 3), masks, Map.of()).batch(new int[] {1, 2})) {
      assertArrayEquals(new int[] {2, 3, 3}, b.y().shape());
      assertEquals(DType.INT64, b.y().dtype());
    }
    try (Batch b = new TensorDataset(Tensor.zeros(5, 2), Tensor.ones(5, 4), Map.of()).batch(new int[] {4})) {
      assertArrayEquals(new int[] {1, 4}, b.y().shape());
    }
    try (Batch b = new TensorDataset(Tensor.zeros(5, 2), null, Map.of()).batch(new int[] {0, 1})) {
      assertNull(b.y(), "an unlabelled dataset");
      assertEquals(2, b.size());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(5, 2), Tensor.ones(4), Map.of()));
    assertTrue(e.getMessage().contains("features [5, 2] and targets [4] disagree on N (5 vs 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(5, 2), null, Map.of("g", Tensor.zeros(3))));
    assertTrue(e.getMessage().contains("field 'g' [3] disagree on N"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("use TensorDataset(features, targets, fields)"), e.getMessage());
  }

  @Test
  void batchChecksItsRowsAndNamesItsFields() {
    Batch b = new Batch(Tensor.zeros(3, 2), Tensor.zeros(3), Tensor.of(new long[] {0, 1, 2}), Map.of("g", Tensor.zeros(3)));
    var e = assertThrows(IllegalArgumentException.class, () -> b.field("bag"));
    assertEquals("Batch: no field 'bag'; available: g", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Batch(Tensor.zeros(3, 2), Tensor.zeros(2)).field("x"));
    assertTrue(e.getMessage().contains("Batch: y must have 3 rows (x is 3 examples), got shape [2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Batch(Tensor.zeros(3, 2), Tensor.zeros(3)).field("x"));
    assertEquals("Batch: no field 'x'; this batch has no named fields", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Batch(Tensor.zeros(3, 2), null, Tensor.zeros(3), Map.of()));
    assertTrue(e.getMessage().contains("index must be int64 [3], got float32 [3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.withX(Tensor.zeros(2, 2)));
    assertTrue(e.getMessage().contains("newX must have 3 rows, got shape [2, 2]"), e.getMessage());

    Tensor x2 = Tensor.ones(3, 2);
    Batch p = b.withX(x2);
    assertSame(x2, p.x());
    assertSame(b.y(), p.y());
    assertSame(b.index(), p.index());
    assertSame(b.field("g"), p.field("g"));
    assertSame(b.x(), b.withY(Tensor.ones(3)).x());
  }

  @Test
  void toDeviceMovesEveryTensorAndClosesTheHostBatch() {
    Batch host = regression(6).batch(new int[] {2, 5});
    List<Tensor> old = new ArrayList<>(List.of(host.x(), host.y(), host.index()));
    old.addAll(host.fields().values());
    Batch dev = host.to(FAKE);
    assertEquals(FAKE, dev.x().device());
    assertEquals(FAKE, dev.y().device());
    assertEquals(FAKE, dev.index().device());
    for (Tensor f : dev.fields().values()) assertEquals(FAKE, f.device());
    for (Tensor t : old) assertTrue(t.isClosed(), "the host batch is closed");
    assertSame(dev, dev.to(FAKE), "already there: the same batch");
    try (Batch back = dev.to(Device.CPU)) {
      checkRows(back);
    }
  }
}
