package io.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DataLoader per-example and batch transforms: seeded per epoch and example, identical with and without prefetch. */
class TransformTest {
  /** Adds N(0, 1) noise drawn from the example's generator. */
  static final ExampleTransform NOISE = ExampleTransform.ofFeatures((x, g) -> x.add(Tensor.randn(g, x.shape())));

  /** Augmented features by dataset index, for each of two epochs. */
  static List<Map<Long, float[]>> run(DataLoader dl) {
    List<Map<Long, float[]>> epochs = new ArrayList<>();
    for (int e = 0; e < 2; e++) {
      Map<Long, float[]> m = new HashMap<>();
      for (Batch b : dl) {
        try (b) {
          long[] idx = b.index().toLongArray();
          float[] x = b.x().toFloatArray();
          long[] y = b.y().toLongArray();
          for (int k = 0; k < idx.length; k++) {
            assertEquals(idx[k], y[k], "labels stay with their examples");
            m.put(idx[k], Arrays.copyOfRange(x, 3 * k, 3 * k + 3));
          }
        }
      }
      epochs.add(m);
    }
    return epochs;
  }

  static void assertSame(List<Map<Long, float[]>> a, List<Map<Long, float[]>> b, String what) {
    for (int e = 0; e < a.size(); e++) {
      for (var entry : a.get(e).entrySet()) assertArrayEquals(entry.getValue(), b.get(e).get(entry.getKey()), what + " epoch " + e + " example " + entry.getKey());
    }
  }

  @Test
  void augmentationIsReproducibleWithAndWithoutPrefetchAndNewEachEpoch() {
    List<Map<Long, float[]>> direct, prefetched, unshuffled;
    try (DataLoader a = DataLoader.builder(DataLoaderTest.indexed(13), 4).shuffle(true).seed(21).transform(NOISE).build();
        DataLoader b = DataLoader.builder(DataLoaderTest.indexed(13), 4).shuffle(true).seed(21).transform(NOISE).prefetch(true).build();
        DataLoader c = DataLoader.builder(DataLoaderTest.indexed(13), 5).seed(21).transform(NOISE).build()) {
      direct = run(a);
      prefetched = run(b);
      unshuffled = run(c);
    }
    assertSame(direct, prefetched, "prefetch");
    // The noise of an example depends on the seed, the epoch and its index, not on its position.
    assertSame(direct, unshuffled, "another order and batch size");
    float[] clean = {5, 50, 500};
    assertFalse(Arrays.equals(clean, direct.get(0).get(5L)), "augmented");
    assertFalse(Arrays.equals(direct.get(0).get(5L), direct.get(1).get(5L)), "new noise each epoch");
    try (DataLoader other = DataLoader.builder(DataLoaderTest.indexed(13), 4).seed(22).transform(NOISE).build()) {
      assertFalse(Arrays.equals(direct.get(0).get(5L), run(other).get(0).get(5L)), "another seed, other noise");
    }
  }

  @Test
  void batchTransformsAreSeededPerBatchAndOwnTheirInputs() {
    List<Tensor> replaced = new ArrayList<>();
    BatchTransform scale = (b, g) -> {
      replaced.add(b.x());
      return new Batch(b.x().mul(g.nextDouble() + 1), b.y(), b.index(), b.fields());
    };
    List<float[]> runs = new ArrayList<>();
    for (boolean prefetch : new boolean[] {false, true}) {
      try (DataLoader dl = DataLoader.builder(DataLoaderTest.indexed(8), 3).seed(4).transform(NOISE).batchTransform(scale).prefetch(prefetch).build()) {
        List<Float> xs = new ArrayList<>();
        for (Batch b : dl) {
          try (b) {
            for (float v : b.x().toFloatArray()) xs.add(v);
          }
        }
        float[] a = new float[xs.size()];
        for (int i = 0; i < a.length; i++) a[i] = xs.get(i);
        runs.add(a);
      }
    }
    assertArrayEquals(runs.get(0), runs.get(1));
    assertEquals(6, replaced.size());
    for (Tensor t : replaced) assertTrue(t.isClosed(), "the loader closes what the transform replaced");
  }

  @Test
  void failingTransformsReachTheConsumer() {
    ExampleTransform boom = (e, g) -> { throw new IllegalArgumentException("bad example"); };
    try (DataLoader dl = DataLoader.builder(DataLoaderTest.indexed(4), 2).transform(boom).build()) {
      var e = assertThrows(IllegalArgumentException.class, () -> dl.iterator().next());
      assertEquals("bad example", e.getMessage());
    }
    try (DataLoader dl = DataLoader.builder(DataLoaderTest.indexed(4), 2).transform(boom).prefetch(true).build()) {
      var e = assertThrows(IllegalStateException.class, () -> dl.iterator().hasNext());
      assertTrue(e.getMessage().contains("prefetch thread failed on batch 0") && e.getMessage().contains("bad example"), e.getMessage());
    }
    try (DataLoader dl = DataLoader.builder(DataLoaderTest.indexed(4), 2).transform((e, g) -> null).build()) {
      var e = assertThrows(IllegalStateException.class, () -> dl.iterator().next());
      assertEquals("DataLoader: the transform returned null for example 0", e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(DataLoaderTest.indexed(4), 2).transform(null));
    assertEquals("DataLoader: transform is null", e.getMessage());
  }
}
