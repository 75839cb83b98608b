package io.jgrad.bench;

import io.jgrad.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Seeded benchmark inputs. The peer harness ({@code bench/peers/ops_peer.py}) builds the same
 * shapes with its own generator: values differ, sizes, dtypes and layouts do not.
 */
final class Inputs {
  private Inputs() {}

  /** float32 uniform in [-1, 1). */
  static Tensor uniform(long seed, int... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1;
    for (int s : shape) n *= s;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble(-1, 1);
    return Tensor.fromArray(v, shape);
  }

  /** int64 uniform in [0, high). */
  static Tensor indices(long seed, long high, int... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1;
    for (int s : shape) n *= s;
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = r.nextLong(high);
    return Tensor.fromArray(v, shape);
  }

  /** "16M" = 16*2^20, "1M" = 2^20, otherwise a plain integer. */
  static int count(String s) {
    if (s.endsWith("M")) return Integer.parseInt(s.substring(0, s.length() - 1)) << 20;
    return Integer.parseInt(s);
  }

  /** "4096x1024" to {4096, 1024}. */
  static int[] dims(String s) {
    String[] p = s.split("x");
    int[] d = new int[p.length];
    for (int i = 0; i < p.length; i++) d[i] = Integer.parseInt(p[i]);
    return d;
  }

  /** The op name of a case "name:size". */
  static String op(String c) { return c.substring(0, c.indexOf(':')); }

  /** The size part of a case "name:size". */
  static String size(String c) { return c.substring(c.indexOf(':') + 1); }

  static IllegalArgumentException unknown(String bench, String c) {
    return new IllegalArgumentException(bench + ": unknown case '" + c + "'");
  }
}
