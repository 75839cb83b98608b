package io.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** N examples whose features are [i, 10 i, 100 i] (float32) and label i. */
  static TensorDataset indexed(int n) {
    float[] f = new float[n * 3];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      f[3 * i] = i;
      f[3 * i + 1] = 10 * i;
      f[3 * i + 2] = 100 * i;
      y[i] = i;
    }
    return new TensorDataset(Tensor.fromArray(f, n, 3), Tensor.of(y));
  }

  /** Every epoch's label sequence, checking that x matches y row by row. */
  static List<long[]> epoch(DataLoader loader) {
    List<long[]> out = new ArrayList<>();
    try (var it = loader.iterator()) {
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          long[] y = b.y().toLongArray();
          float[] x = b.x().toFloatArray();
          assertArrayEquals(new int[] {y.length, 3}, b.x().shape());
          assertEquals(DType.INT64, b.y().dtype());
          for (int k = 0; k < y.length; k++) {
            assertEquals(y[k], x[3 * k]);
            assertEquals(100f * y[k], x[3 * k + 2]);
          }
          out.add(y);
        }
      }
    }
    return out;
  }

  @Test
  void batchSizesKeepAndDropLast() {
    for (boolean prefetch : new boolean[] {false, true}) {
      try (var keep = DataLoader.builder(indexed(10), 4).prefetch(prefetch).build();
          var drop = DataLoader.builder(indexed(10), 4).dropLast(true).prefetch(prefetch).build()) {
        List<long[]> k = epoch(keep);
        assertEquals(3, keep.numBatches());
        assertEquals(List.of(4, 4, 2), k.stream().map(a -> a.length).toList());
        assertArrayEquals(new long[] {8, 9}, k.get(2));
        List<long[]> d = epoch(drop);
        assertEquals(2, drop.numBatches());
        assertEquals(List.of(4, 4), d.stream().map(a -> a.length).toList());
      }
    }
    try (var exact = DataLoader.builder(indexed(8), 4).dropLast(true).build()) {
      assertEquals(2, epoch(exact).size());
    }
    try (var empty = DataLoader.builder(indexed(0), 4).prefetch(true).build()) {
      assertEquals(0, epoch(empty).size());
    }
  }

  @Test
  void shuffledEpochVisitsEveryIndexOnceAndEpochsDiffer() {
    for (boolean prefetch : new boolean[] {false, true}) {
      try (var loader = DataLoader.builder(indexed(37), 5).shuffle(true).seed(11).prefetch(prefetch).build()) {
        long[] first = null;
        for (int e = 0; e < 3; e++) {
          List<long[]> batches = epoch(loader);
          boolean[] seen = new boolean[37];
          long[] flat = batches.stream().flatMapToLong(java.util.Arrays::stream).toArray();
          assertEquals(37, flat.length);
          for (long v : flat) {
            assertFalse(seen[(int) v], "index " + v + " twice in epoch " + e);
            seen[(int) v] = true;
          }
          if (first == null) first = flat;
          else assertFalse(java.util.Arrays.equals(first, flat), "epochs must be reshuffled");
        }
        long[] identity = java.util.stream.LongStream.range(0, 37).toArray();
        assertFalse(java.util.Arrays.equals(first, identity), "shuffle left the identity order");
      }
    }
  }

  @Test
  void sameSeedSameOrderWithOrWithoutPrefetch() {
    List<List<long[]>> runs = new ArrayList<>();
    for (boolean prefetch : new boolean[] {false, true, false}) {
      try (var loader = DataLoader.builder(indexed(50), 7).shuffle(true).seed(42).prefetch(prefetch).build()) {
        List<long[]> all = new ArrayList<>(epoch(loader));
        all.addAll(epoch(loader));
        runs.add(all);
      }
    }
    for (int r = 1; r < runs.size(); r++) {
      assertEquals(runs.get(0).size(), runs.get(r).size());
      for (int b = 0; b < runs.get(0).size(); b++) assertArrayEquals(runs.get(0).get(b), runs.get(r).get(b), "run " + r + " batch " + b);
    }
    try (var other = DataLoader.builder(indexed(50), 7).shuffle(true).seed(43).build()) {
      assertNotEquals(java.util.Arrays.toString(runs.get(0).get(0)), java.util.Arrays.toString(epoch(other).get(0)));
    }
  }

  @Test
  void workerExceptionIsRethrownOnTheConsumer() {
    TensorDataset base = indexed(20);
    Dataset failing = new Dataset() {
      @Override public int size() { return base.size(); }
      @Override public Example get(int i) {
        if (i == 13) throw new IllegalStateException("broken example 13");
        return base.get(i);
      }
    };
    try (var loader = DataLoader.builder(failing, 4).prefetch(true).build()) {
      var it = loader.iterator();
      Thread worker = ((PrefetchIterator) it).worker();
      int got = 0;
      IllegalStateException e = null;
      try {
        while (it.hasNext()) {
          try (Batch b = it.next()) {
            got++;
          }
        }
      } catch (IllegalStateException ex) {
        e = ex;
      }
      assertEquals(3, got);
      assertTrue(e != null, "worker failure was swallowed");
      assertTrue(e.getMessage().contains("batch 3"), e.getMessage());
      assertTrue(e.getMessage().contains("broken example 13"), e.getMessage());
      assertSame(IllegalStateException.class, e.getCause().getClass());
      assertFalse(worker.isAlive());
    }
  }

  @Test
  void closeStopsTheWorkerAndFreesPendingBatches() throws Exception {
    var loader = DataLoader.builder(indexed(100), 3).prefetch(true).build();
    var it = (PrefetchIterator) loader.iterator();
    Thread worker = it.worker();
    assertTrue(worker.isDaemon());
    try (Batch b = it.next()) {
      assertEquals(3, b.size());
    }
    Thread.sleep(50);
    assertTrue(worker.isAlive(), "worker blocks on the full queue");
    loader.close();
    worker.join(2000);
    assertFalse(worker.isAlive());
    assertFalse(it.hasNext());
    loader.close();
  }

  @Test
  void closeFromAnotherThreadUnblocksAWaitingConsumer() throws Exception {
    TensorDataset base = indexed(10);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    Dataset slow = new Dataset() {
      @Override public int size() { return base.size(); }
      @Override public Example get(int i) {
        if (i == 3) {
          entered.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted");
          }
        }
        return base.get(i);
      }
    };
    var loader = DataLoader.builder(slow, 3).prefetch(true).build();
    var it = (PrefetchIterator) loader.iterator();
    it.next().close();
    entered.await();
    Thread closer = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      loader.close();
    });
    closer.start();
    long t0 = System.nanoTime();
    assertFalse(it.hasNext(), "a closed epoch has no more batches");
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
    closer.join();
    it.worker().join(2000);
    assertFalse(it.worker().isAlive());
  }

  @Test
  void prefetchedBatchesSurviveTheConsumersScope() {
    try (var loader = DataLoader.builder(indexed(9), 3).prefetch(true).build()) {
      List<Batch> kept = new ArrayList<>();
      try (var scope = TensorScope.open(); var it = loader.iterator()) {
        while (it.hasNext()) kept.add(it.next());
      }
      long sum = 0;
      for (Batch b : kept) {
        assertFalse(b.x().isClosed());
        for (long v : b.y().toLongArray()) sum += v;
        b.close();
      }
      assertEquals(36, sum);
    }
  }

  @Test
  void defaultBatchStacksGetResults() {
    TensorDataset base = indexed(6);
    Dataset viaGet = new Dataset() {
      @Override public int size() { return base.size(); }
      @Override public Example get(int i) { return base.get(i); }
    };
    SplittableRandom r = new SplittableRandom(5);
    int[] idx = {r.nextInt(6), r.nextInt(6), r.nextInt(6)};
    try (Batch a = viaGet.batch(idx); Batch b = base.batch(idx)) {
      assertArrayEquals(b.x().toFloatArray(), a.x().toFloatArray());
      assertArrayEquals(b.x().shape(), a.x().shape());
      assertArrayEquals(b.y().toLongArray(), a.y().toLongArray());
    }
  }

  @Test
  void badInputsNameShapes() {
    var e1 = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(DType.INT64, 5)));
    assertTrue(e1.getMessage().contains("[4, 2]") && e1.getMessage().contains("[5]"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(4)));
    assertTrue(e2.getMessage().contains("int64") && e2.getMessage().contains("float32"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(DType.INT64, 4, 1)));
    assertTrue(e3.getMessage().contains("[4, 1]"), e3.getMessage());
    var e4 = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(indexed(3), 0));
    assertTrue(e4.getMessage().contains("batchSize"), e4.getMessage());
    var e5 = assertThrows(IndexOutOfBoundsException.class, () -> indexed(3).get(3));
    assertTrue(e5.getMessage().contains("index 3") && e5.getMessage().contains("size 3"), e5.getMessage());
  }
}
