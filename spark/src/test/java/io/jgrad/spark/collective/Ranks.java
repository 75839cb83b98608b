package io.jgrad.spark.collective;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one task per rank on its own thread and collects each rank's result or exception. */
final class Ranks {
  interface Task<T> {
    T run(int rank) throws Exception;
  }

  /** The outcome of one rank: a value, or the exception it threw. */
  record Outcome<T>(T value, Throwable error) {
    T get() {
      if (error != null) throw new AssertionError("rank failed: " + error, error);
      return value;
    }
  }

  private Ranks() {}

  static <T> List<Outcome<T>> run(int n, Task<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> fs = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        int rank = r;
        fs.add(pool.submit(() -> task.run(rank)));
      }
      List<Outcome<T>> out = new ArrayList<>();
      for (Future<T> f : fs) {
        try {
          out.add(new Outcome<>(f.get(120, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          out.add(new Outcome<>(null, e.getCause()));
        } catch (Exception e) {
          out.add(new Outcome<>(null, e));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every rank's value; fails on the first rank that threw. */
  static <T> List<T> values(List<Outcome<T>> outcomes) {
    List<T> v = new ArrayList<>();
    for (Outcome<T> o : outcomes) v.add(o.get());
    return v;
  }

  /**
   * The sums the ring forms, computed directly: a bucket of n elements is cut into chunks
   * [c n / N, (c + 1) n / N); element i of chunk c is ((g_c + g_{c+1}) + ...) + g_{c-1}.
   */
  static float[] ringSum(float[][] inputs, int bucket) {
    int size = inputs.length, len = inputs[0].length;
    float[] out = new float[len];
    for (int b0 = 0; b0 < len; b0 += bucket) {
      int n = Math.min(bucket, len - b0);
      for (int c = 0; c < size; c++) {
        int lo = (int) ((long) c * n / size), hi = (int) ((long) (c + 1) * n / size);
        for (int i = b0 + lo; i < b0 + hi; i++) {
          float s = inputs[c][i];
          for (int k = 1; k < size; k++) s = s + inputs[(c + k) % size][i];
          out[i] = s;
        }
      }
    }
    return out;
  }

  static double[] ringSum(double[][] inputs, int bucket) {
    int size = inputs.length, len = inputs[0].length;
    double[] out = new double[len];
    for (int b0 = 0; b0 < len; b0 += bucket) {
      int n = Math.min(bucket, len - b0);
      for (int c = 0; c < size; c++) {
        int lo = (int) ((long) c * n / size), hi = (int) ((long) (c + 1) * n / size);
        for (int i = b0 + lo; i < b0 + hi; i++) {
          double s = inputs[c][i];
          for (int k = 1; k < size; k++) s = s + inputs[(c + k) % size][i];
          out[i] = s;
        }
      }
    }
    return out;
  }

  /** Seeded inputs of mixed magnitudes (so the summation order shows in the low bits). */
  static float[][] inputs(int size, int len, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    float[][] in = new float[size][len];
    for (float[] a : in) for (int i = 0; i < len; i++) a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    return in;
  }
}
