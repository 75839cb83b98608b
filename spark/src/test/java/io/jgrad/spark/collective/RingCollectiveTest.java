package io.jgrad.spark.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring algorithm over in-process pipes: sums, order, broadcast, barrier, and the failures it reports. */
class RingCollectiveTest {
  private static CollectiveOptions opts(int bucket) { return new CollectiveOptions(bucket, Duration.ofSeconds(30)); }

  @Test
  void allReduceSumIsTheRingOrderSumOnEveryRankBitForBit() {
    int[] sizes = {1, 2, 3, 4, 5};
    int[] lengths = {0, 1, 2, 3, 7, 100, 1001};
    int[] buckets = {1, 3, 64, CollectiveOptions.DEFAULT_BUCKET_ELEMENTS};
    int cases = 0;
    for (int n : sizes) {
      for (int len : lengths) {
        for (int bucket : buckets) {
          float[][] in = Ranks.inputs(n, len, 31L * n + len + bucket);
          float[] expected = Ranks.ringSum(in, bucket);
          List<Collective> cs = LocalCollectives.create(n, opts(bucket));
          List<float[]> got = Ranks.values(Ranks.run(n, r -> {
            float[] a = in[r].clone();
            cs.get(r).allReduceSum(a);
            return a;
          }));
          for (int r = 0; r < n; r++) assertArrayEquals(expected, got.get(r), "size " + n + ", length " + len + ", bucket " + bucket + ", rank " + r);
          // The order is fixed, but the sum is still the sum: within float rounding of the float64 sum.
          for (int i = 0; i < len; i++) {
            double s = 0, mag = 0;
            for (float[] x : in) {
              s += x[i];
              mag += Math.abs(x[i]);
            }
            assertEquals(s, expected[i], 1e-6 * mag + 1e-30, "element " + i);
          }
          cs.forEach(Collective::close);
          cases++;
        }
      }
    }
    assertEquals(140, cases);
  }

  @Test
  void float64AllReduceAndOffsets() {
    int n = 3, len = 50;
    double[][] in = new double[n][len];
    java.util.Random rnd = new java.util.Random(5);
    for (double[] a : in) for (int i = 0; i < len; i++) a[i] = rnd.nextGaussian() * 1e3;
    // Reduce only [10, 40): the rest of each array is untouched.
    double[][] window = new double[n][30];
    for (int r = 0; r < n; r++) System.arraycopy(in[r], 10, window[r], 0, 30);
    double[] expected = Ranks.ringSum(window, 7);
    List<Collective> cs = LocalCollectives.create(n, opts(7));
    List<double[]> got = Ranks.values(Ranks.run(n, r -> {
      double[] a = in[r].clone();
      cs.get(r).allReduceSum(a, 10, 30);
      return a;
    }));
    for (int r = 0; r < n; r++) {
      double[] a = got.get(r);
      for (int i = 0; i < len; i++) {
        if (i < 10 || i >= 40) assertEquals(in[r][i], a[i], 0.0, "outside the range, rank " + r + " element " + i);
        else assertEquals(expected[i - 10], a[i], 0.0, "rank " + r + " element " + i);
      }
    }
  }

  @Test
  void allReduceMeanDividesBySize() {
    List<Collective> cs = LocalCollectives.create(4, opts(16));
    List<float[]> got = Ranks.values(Ranks.run(4, r -> {
      float[] a = {r, 2 * r, 1};
      cs.get(r).allReduceMean(a);
      return a;
    }));
    for (float[] a : got) assertArrayEquals(new float[] {1.5f, 3f, 1f}, a);
  }

  @Test
  void broadcastCopiesTheRootsValuesInSegments() {
    for (int n : new int[] {1, 2, 3, 4}) {
      for (int root = 0; root < n; root++) {
        float[][] in = Ranks.inputs(n, 23, 7 + root);
        List<Collective> cs = LocalCollectives.create(n, opts(5));
        int rt = root;
        List<float[]> got = Ranks.values(Ranks.run(n, r -> {
          float[] a = in[r].clone();
          cs.get(r).broadcast(a, rt);
          return a;
        }));
        for (int r = 0; r < n; r++) assertArrayEquals(in[root], got.get(r), "size " + n + ", root " + root + ", rank " + r);
      }
    }
  }

  @Test
  void barrierWaitsForTheLastRank() {
    List<Collective> cs = LocalCollectives.create(3, opts(16));
    long[] done = new long[3];
    long late = 300;
    long t0 = System.nanoTime();
    Ranks.values(Ranks.run(3, r -> {
      if (r == 2) Thread.sleep(late);
      cs.get(r).barrier();
      done[r] = System.nanoTime();
      return null;
    }));
    for (int r = 0; r < 3; r++) assertTrue((done[r] - t0) / 1e6 >= late - 5, "rank " + r + " left the barrier before rank 2 arrived");
  }

  @Test
  void differentCallsAreReportedNotMixed() {
    List<Collective> cs = LocalCollectives.create(2, opts(64));
    var out = Ranks.run(2, r -> {
      float[] a = new float[r == 0 ? 10 : 11];
      cs.get(r).allReduceSum(a);
      return a;
    });
    for (var o : out) {
      CollectiveException e = assertInstanceOf(CollectiveException.class, o.error());
      assertTrue(e.getMessage().contains("different collective calls"), e.getMessage());
    }
    List<Collective> cs2 = LocalCollectives.create(2, opts(64));
    var out2 = Ranks.run(2, r -> {
      float[] a = new float[8];
      if (r == 0) cs2.get(r).allReduceSum(a);
      else cs2.get(r).broadcast(a, 1);
      return a;
    });
    CollectiveException e0 = assertInstanceOf(CollectiveException.class, out2.get(0).error());
    assertTrue(e0.getMessage().contains("broadcast from rank 1"), e0.getMessage());
  }

  @Test
  void aStalledPeerTimesOutNamingIt() {
    List<Collective> cs = LocalCollectives.create(2, new CollectiveOptions(64, Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    CollectiveException e = assertThrows(CollectiveException.class, () -> cs.get(0).allReduceSum(new float[4]));
    double ms = (System.nanoTime() - t0) / 1e6;
    assertTrue(ms >= 290 && ms < 5000, "timed out after " + ms + " ms");
    assertTrue(e.getMessage().contains("rank 0 of 2") && e.getMessage().contains("no message from rank 1"), e.getMessage());
    // Broken from now on: the next call fails at once, citing the first failure.
    CollectiveException again = assertThrows(CollectiveException.class, () -> cs.get(0).barrier());
    assertTrue(again.getMessage().contains("broken") && again.getMessage().contains("no message from rank 1"), again.getMessage());
  }

  @Test
  void aPeerThatStopsFailsTheOthersAtOnce() {
    List<Collective> cs = LocalCollectives.create(3, new CollectiveOptions(64, Duration.ofSeconds(60)));
    long t0 = System.nanoTime();
    var out = Ranks.run(3, r -> {
      if (r == 1) {
        Thread.sleep(100);
        cs.get(1).close(); // the worker stops without taking part
        return null;
      }
      cs.get(r).allReduceSum(new float[1000]);
      return null;
    });
    double ms = (System.nanoTime() - t0) / 1e6;
    assertTrue(ms < 10_000, "took " + ms + " ms");
    // Rank 2 reads from rank 1 and sees the link close; rank 0 fails when rank 2 closes in turn.
    CollectiveException e2 = assertInstanceOf(CollectiveException.class, out.get(2).error());
    assertTrue(e2.getMessage().contains("from rank 1") && e2.getMessage().contains("stopped"), e2.getMessage());
    assertInstanceOf(CollectiveException.class, out.get(0).error());
  }

  @Test
  void statsCountAllReduceCalls() {
    List<Collective> cs = LocalCollectives.create(2, opts(64));
    Ranks.values(Ranks.run(2, r -> {
      cs.get(r).allReduceSum(new float[100]);
      cs.get(r).allReduceSum(new double[28]);
      cs.get(r).broadcast(new float[5], 0);
      return null;
    }));
    CollectiveStats s = cs.get(0).stats();
    assertEquals(2, s.allReduceCalls());
    assertEquals(128, s.allReduceElements());
    assertTrue(s.allReduceNanos() > 0 && s.millisPerCall() > 0);
  }

  @Test
  void badArgumentsAreRejected() {
    Collective c = LocalCollectives.create(2).get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.allReduceSum(new float[4], 2, 3));
    assertTrue(e.getMessage().contains("[2, 2 + 3)") && e.getMessage().contains("array of 4"), e.getMessage());
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> c.broadcast(new float[4], 2));
    assertTrue(r.getMessage().contains("root must be in [0, 2), got 2"), r.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CollectiveOptions(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> LocalCollectives.create(0));
  }
}
